import assert from 'node:assert/strict';
import { analyse } from '../../../src/analysis/analyse';
import { codesOf, together } from './together';

// The forms issue 23's eighth fresh check found missed (M1, M3, M4); the reductions with their sources are in
// corpus/eighthQueries.ts. These pin each form and its near misses.

const convexFile = (handlers: string): string => `import { query } from "./_generated/server";
${handlers}`;
const handler = (name: string, body: string): string => `export const ${name} = query({
  args: {},
  handler: async (ctx) => {
${body}
  },
});
`;
const facts = (text: string): [string, string, string | undefined][] | undefined =>
  analyse('convex/docs.ts', text).facts.identityFunctions?.map((f) => [f.exportName, f.without, f.via]);
const found = (text: string): [string, string][] =>
  analyse('convex/docs.ts', text).findings.map((f) => [
    f.code.replace('clerk-convex/', ''),
    text.slice(f.start, f.end),
  ]);

const page = `"use client";
import { useQuery } from "convex/react";
import { api } from "../convex/_generated/api";
export default function Home() {
  const docs = useQuery(api.docs.mine);
  return <p>{docs?.length}</p>;
}
`;

describe('analysis: the forms of the eighth fresh check (issue 23)', () => {
  describe('M1: a field read on the awaited identity call itself', () => {
    it('`(await getUserIdentity())?.field` stored and checked: the function returns nothing without an identity', () => {
      const text = convexFile(
        handler(
          'mine',
          `    const userId = (await ctx.auth.getUserIdentity())?.tokenIdentifier;
    if (!userId) {
      return [];
    }
    return await ctx.db.query("docs").withIndex("by_owner", (q) => q.eq("owner", userId)).collect();`,
        ),
      );
      assert.deepEqual(facts(text), [['mine', 'returns-nothing', undefined]]);
      assert.deepEqual(found(text), []);
      const r = together({ 'convex/docs.ts': text, 'app/page.tsx': page });
      assert.deepEqual(codesOf(r.get('app/page.tsx')), ['query-before-auth']);
    });

    it('`(await getUserIdentity())!.subject` and `.subject` throw without an identity: null-check finding, and the function throws', () => {
      for (const read of [
        '(await ctx.auth.getUserIdentity())!.subject',
        '(await ctx.auth.getUserIdentity()).subject',
      ]) {
        const text = convexFile(
          handler('mine', `    const subject = ${read};\n    return await ctx.db.query("docs").collect();`),
        );
        assert.deepEqual(facts(text), [['mine', 'throws', undefined]], read);
        assert.deepEqual(found(text), [['identity-null-check', read]], read);
      }
    });

    it('a throwing read after an earlier check or a helper handed ctx is not the first answer: nothing said', () => {
      const checked = convexFile(
        handler(
          'mine',
          `    const identity = await ctx.auth.getUserIdentity();
    if (!identity) return null;
    const subject = (await ctx.auth.getUserIdentity())!.subject;
    return subject;`,
        ),
      );
      assert.deepEqual(facts(checked), [['mine', 'returns-nothing', undefined]]);
      assert.deepEqual(found(checked), []);
      const helper = convexFile(
        handler('mine', `    await requireUser(ctx);\n    return (await ctx.auth.getUserIdentity())!.subject;`),
      );
      assert.deepEqual(found(helper), []);
    });

    it('identity-field on the inline form: `(await getUserIdentity())?.picture`', () => {
      const text = convexFile(
        handler('pic', `    const url = (await ctx.auth.getUserIdentity())?.picture;\n    return url ?? null;`),
      );
      assert.deepEqual(found(text), [['identity-field', 'picture']]);
      assert.equal(facts(text), undefined, 'nothing stops without an identity');
    });

    it('through a helper: one that checks the inline read, and one that returns it as it is', () => {
      const text = convexFile(`async function ownerId(ctx) {
  const id = (await ctx.auth.getUserIdentity())?.subject;
  if (!id) throw new Error("Unauthenticated");
  return id;
}
const maybeId = async (ctx) => (await ctx.auth.getUserIdentity())?.subject;
${handler('mine', '    const id = await ownerId(ctx);\n    return id;')}
${handler('theirs', '    const id = await maybeId(ctx);\n    if (!id) return [];\n    return [id];')}
${handler('open', '    const id = await maybeId(ctx);\n    return id ?? "anonymous";')}`);
      assert.deepEqual(facts(text), [
        ['mine', 'throws', 'ownerId'],
        ['theirs', 'returns-nothing', 'maybeId'],
      ]);
      assert.deepEqual(found(text), []);
    });

    it('near miss: the optional read used without a check stops nothing', () => {
      const text = convexFile(
        handler(
          'all',
          `    const userId = (await ctx.auth.getUserIdentity())?.subject;\n    return await ctx.db.query("docs").filter((q) => q.eq(q.field("owner"), userId)).collect();`,
        ),
      );
      assert.equal(facts(text), undefined);
      assert.deepEqual(found(text), []);
    });
  });

  describe('M3: reading useConvexAuth() is not waiting for it', () => {
    const tasks = convexFile(
      handler(
        'get',
        '    const identity = await ctx.auth.getUserIdentity();\n    if (!identity) return [];\n    return [];',
      ),
    );
    const hook = (body: string): string => `import { useState } from "react";
import { useConvexAuth, useQuery } from "convex/react";
import { api } from "../convex/_generated/api";
export const useTasks = () => {
  const { isAuthenticated: realIsAuthenticated, isLoading } = useConvexAuth();
  const [forceLocal] = useState(false);
  const isAuthenticated = realIsAuthenticated && !forceLocal;
${body}
  return isAuthenticated ? (raw ?? []) : [];
};
`;
    const tasksPage = `"use client";
import { useTasks } from "../hooks/useTasks";
export default function Page() {
  const tasks = useTasks();
  return <p>{tasks.length}</p>;
}
`;
    const run = (hookText: string, pageText = tasksPage) =>
      together({ 'convex/docs.ts': tasks, 'hooks/useTasks.ts': hookText, 'app/page.tsx': pageText });

    it('a hook that reads the auth state only to pick the data still sends useQuery unskipped: flagged where it is called', () => {
      const r = run(hook('  const raw = useQuery(api.docs.get);'));
      assert.deepEqual(codesOf(r.get('app/page.tsx')), ['query-before-auth']);
    });

    it('a page that reads useConvexAuth() and sends useQuery unskipped is flagged', () => {
      const text = `"use client";
import { useConvexAuth, useQuery } from "convex/react";
import { api } from "../convex/_generated/api";
export default function Page() {
  const { isAuthenticated } = useConvexAuth();
  const raw = useQuery(api.docs.get);
  return <p>{isAuthenticated ? raw?.length : 0}</p>;
}
`;
      assert.deepEqual(codesOf(together({ 'convex/docs.ts': tasks, 'app/page.tsx': text }).get('app/page.tsx')), [
        'query-before-auth',
      ]);
    });

    it('near misses: "skip" on the (derived) auth state, arguments built from it, state read some other way', () => {
      for (const body of [
        '  const raw = useQuery(api.docs.get, isAuthenticated ? {} : "skip");',
        '  const args = isAuthenticated && !isLoading ? {} : "skip";\n  const raw = useQuery(api.docs.get, args);',
      ])
        assert.deepEqual(codesOf(run(hook(body)).get('app/page.tsx')), [], body);
      const inline = hook('  const raw = useQuery(api.docs.get, skipUnless());').replace(
        'const { isAuthenticated: realIsAuthenticated, isLoading } = useConvexAuth();',
        'const realIsAuthenticated = true;\n  skipUnless = () => (useConvexAuth().isAuthenticated ? {} : "skip");',
      );
      assert.deepEqual(codesOf(run(inline).get('app/page.tsx')), [], 'useConvexAuth() read inline: could not tell');
      const handed = `"use client";
import { useConvexAuth } from "convex/react";
import { useTasks } from "../hooks/useTasks";
export default function Page() {
  const { isAuthenticated } = useConvexAuth();
  const tasks = useTasks(isAuthenticated);
  return <p>{tasks.length}</p>;
}
`;
      const takes = hook('  const raw = useQuery(api.docs.get, ready ? {} : "skip");').replace(
        'useTasks = () =>',
        'useTasks = (ready: boolean) =>',
      );
      assert.deepEqual(codesOf(run(takes, handed).get('app/page.tsx')), [], 'the page hands the hook its state');
    });
  });

  describe('M4: a project hook that hands its parameter to useQuery', () => {
    const regs = convexFile(
      handler(
        'mine',
        '    const identity = await ctx.auth.getUserIdentity();\n    if (!identity) throw new Error("Unauthorized");\n    return [];',
      ),
    );
    const wrapper = (params: string, call: string): string => `import { useQuery } from "convex/react";
export const useConvexQuery = (${params}) => {
  const result = useQuery(${call});
  return { data: result };
};
`;
    const caller = (call: string, extra = ''): string => `"use client";
import { useConvexQuery } from "../hooks/useConvexQuery";
import { api } from "../convex/_generated/api";
${extra}
export default function Page() {
  const { data } = ${call};
  return <p>{data?.length}</p>;
}
`;
    const pageCodes = (wrapperText: string, pageText: string): string[] =>
      codesOf(
        together({ 'convex/docs.ts': regs, 'hooks/useConvexQuery.ts': wrapperText, 'app/page.tsx': pageText }).get(
          'app/page.tsx',
        ),
      );

    it('`useConvexQuery(api.docs.mine)` is judged as `useQuery(api.docs.mine)`', () => {
      const spread = wrapper('query, ...args', 'query, ...args');
      assert.deepEqual(pageCodes(spread, caller('useConvexQuery(api.docs.mine)')), ['query-before-auth']);
      assert.deepEqual(pageCodes(spread, caller('useConvexQuery(api.docs.mine, {})')), ['query-before-auth']);
      const named = wrapper('query, args', 'query, args');
      assert.deepEqual(pageCodes(named, caller('useConvexQuery(api.docs.mine)')), ['query-before-auth']);
    });

    it('with casts on what it passes on: `useQuery(query, ...(args as any))` (tenth fresh check D23)', () => {
      const cast = wrapper('query: Query, ...args: Args', 'query as any, ...(args as any)');
      assert.deepEqual(pageCodes(cast, caller('useConvexQuery(api.docs.mine)')), ['query-before-auth']);
      const skipping = caller('useConvexQuery(api.docs.mine, ready ? {} : "skip")', 'const ready = false;');
      assert.deepEqual(pageCodes(cast, skipping), [], 'the caller still decides whether it skips');
    });

    it('through a hook of the page that calls the wrapper', () => {
      const page = caller('useMine()', 'const useMine = () => useConvexQuery(api.docs.mine);');
      assert.deepEqual(pageCodes(wrapper('query, ...args', 'query, ...args'), page), ['query-before-auth']);
    });

    it('near misses: the caller skips, the wrapper builds its own arguments or skips, a reference that needs no user', () => {
      const spread = wrapper('query, ...args', 'query, ...args');
      const skipping = caller('useConvexQuery(api.docs.mine, ready ? {} : "skip")', 'const ready = false;');
      assert.deepEqual(pageCodes(spread, skipping), []);
      assert.deepEqual(
        pageCodes(wrapper('query, options', 'query, options.args'), caller('useConvexQuery(api.docs.mine)')),
        [],
      );
      const gated = wrapper('query', 'query, isAuthenticated ? {} : "skip"')
        .replace('import { useQuery }', 'import { useConvexAuth, useQuery }')
        .replace('{\n  const result', '{\n  const { isAuthenticated } = useConvexAuth();\n  const result');
      assert.deepEqual(pageCodes(gated, caller('useConvexQuery(api.docs.mine)')), []);
      assert.deepEqual(pageCodes(spread, caller('useConvexQuery(api.docs.open)')), []);
    });
  });
});
