import assert from 'node:assert/strict';
import { analyse } from '../../../src/analysis/analyse';
import { shouldAnalyse } from '../../../src/analysis/prefilter';
import { codes, only } from './helpers';
import { codesOf, together } from './together';

// Issue 23, audit5 M1b and M5 (my own lines, written from joao-vitor-prudente/personia convex/context/public.ts and
// pixelmord/dev-companion convex/teams.ts; the corpus has the reductions). Each test marked "(failed before)" failed
// on the base commit dfb418a (checked by running it against a worktree of that commit).

const builderFile = (ctxFn: string, extra = ''): string =>
  `import { customCtx, customMutation, customQuery } from "convex-helpers/server/customFunctions";
import { mutation as rawMutation, query as rawQuery } from "./_generated/server";
${extra}
export const authedQuery = customQuery(rawQuery, customCtx(${ctxFn}));
export const authedMutation = customMutation(rawMutation, customCtx(${ctxFn}));
`;
const REQUIRE_USER = `async function requireUser(ctx) {
  const who = await ctx.auth.getUserIdentity();
  if (who === null) throw new Error("Not signed in");
  return { who };
}`;
const handlers = `
export const mine = authedQuery({
  args: {},
  handler: async (ctx) => ctx.db.query("notes").withIndex("by_owner", (q) => q.eq("owner", ctx.who.subject)).collect(),
});
export const add = authedMutation({
  args: { body: v.string() },
  handler: async (ctx, { body }) => ctx.db.insert("notes", { owner: ctx.who.subject, body }),
});
`;
const functionsOf = (text: string) =>
  (analyse('convex/notes.ts', text).facts.identityFunctions ?? []).map((f) => [
    f.exportName,
    f.kind,
    f.via,
    f.viaBuilder,
  ]);

describe('identity: functions made by a convex-helpers builder whose ctx throws without an identity', () => {
  it('customCtx(namedHelper) in the same file makes its functions identity functions (failed before)', () => {
    const text = `import { v } from "convex/values";\n${builderFile('requireUser', REQUIRE_USER)}${handlers}`;
    assert.deepEqual(functionsOf(text), [
      ['mine', 'query', 'authedQuery', true],
      ['add', 'mutation', 'authedMutation', true],
    ]);
  });

  it('an inline customCtx and the raw { args, input } form do the same (failed before)', () => {
    const inline = `import { v } from "convex/values";\n${builderFile(`async (ctx) => {
  const who = await ctx.auth.getUserIdentity();
  if (!who) throw new Error("Not signed in");
  return { who };
}`)}${handlers}`;
    assert.deepEqual(
      functionsOf(inline).map((f) => f[0]),
      ['mine', 'add'],
    );
    const raw = `import { v } from "convex/values";
import { customQuery } from "convex-helpers/server/customFunctions";
import { query } from "./_generated/server";
const authedQuery = customQuery(query, {
  args: {},
  input: async (ctx, args) => {
    const who = await ctx.auth.getUserIdentity();
    if (who === null) throw new Error("Not signed in");
    return { ctx: { who }, args };
  },
});
export const mine = authedQuery({ args: {}, handler: async (ctx) => ctx.who.subject });
`;
    assert.deepEqual(functionsOf(raw), [['mine', 'query', 'authedQuery', true]]);
  });

  it('a builder whose ctx hands on a null user (no throw) makes no identity function, and no open one', () => {
    const text = `import { v } from "convex/values";\n${builderFile(`async (ctx) => {
  const who = await ctx.auth.getUserIdentity();
  return { user: who ? { id: who.subject } : null };
}`)}${handlers}`;
    const facts = analyse('convex/notes.ts', text).facts;
    assert.deepEqual(facts.identityFunctions ?? [], []);
    assert.deepEqual(facts.openFunctions ?? [], []);
  });

  it('a function made by a builder imported as `query` is not one that certainly reads no identity (failed before)', () => {
    const text = `import { query } from "./lib/guarded";
export const mine = query({ args: {}, handler: async (ctx) => ctx.db.query("notes").collect() });
`;
    assert.deepEqual(analyse('convex/notes.ts', text).facts.openFunctions ?? [], []);
    const plain = text.replace('./lib/guarded', './_generated/server');
    assert.deepEqual(analyse('convex/notes.ts', plain).facts.openFunctions, [{ exportName: 'mine', kind: 'query' }]);
  });

  it('a builder of another file, imported under any name, reaches the page that calls the function (failed before)', () => {
    const results = together({
      'convex/lib/auth.ts': builderFile('requireUser', REQUIRE_USER),
      'convex/notes.ts': `import { v } from "convex/values";\nimport { authedMutation, authedQuery } from "./lib/auth";\n${handlers}`,
      'app/notes/page.tsx': `"use client";
import { useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";
export default function Notes() {
  const notes = useQuery(api.notes.mine);
  return <ul>{notes?.map((n) => <li key={n._id}>{n.body}</li>)}</ul>;
}
`,
    });
    const fns = (results.get('convex/notes.ts')?.facts.identityFunctions ?? []).map((f) => [f.exportName, f.kind]);
    assert.deepEqual(fns, [
      ['mine', 'query'],
      ['add', 'mutation'],
    ]);
    const page = results.get('app/notes/page.tsx');
    assert.deepEqual(codesOf(page), ['query-before-auth']);
    assert.match(
      page?.findings[0]?.message ?? '',
      /it is made in convex\/notes\.ts by the custom builder authedQuery\(\), whose ctx reads ctx\.auth\.getUserIdentity\(\) and throws without one/,
    );
    assert.equal(page?.findings[0]?.related?.[0]?.path, 'convex/lib/auth.ts');
  });

  it('a barrel that re-exports the builder passes it on, and is analysed though it names nothing of Convex (failed before)', () => {
    const barrel = 'export { authedMutation, authedQuery } from "./auth";\n';
    assert.equal(shouldAnalyse('convex/lib/index.ts', barrel), true);
    const results = together(
      {
        'convex/lib/auth.ts': builderFile('requireUser', REQUIRE_USER),
        'convex/lib/index.ts': barrel,
        'convex/notes.ts': `import { v } from "convex/values";\nimport { authedMutation, authedQuery } from "./lib";\n${handlers}`,
      },
      {},
      4,
    );
    assert.deepEqual(
      (results.get('convex/notes.ts')?.facts.identityFunctions ?? []).map((f) => f.exportName),
      ['mine', 'add'],
    );
  });

  it('identity-from-args stays quiet on a builder-made function that binds the argument to the ctx user', () => {
    const text = `import { v } from "convex/values";\n${builderFile('requireUser', REQUIRE_USER)}
export const rename = authedMutation({
  args: { userId: v.string(), name: v.string() },
  handler: async (ctx, args) => {
    if (args.userId !== ctx.who.subject) throw new Error("Forbidden");
    const me = await ctx.db.query("users").withIndex("by_clerk", (q) => q.eq("clerkId", args.userId)).unique();
    await ctx.db.patch(me._id, { name: args.name });
  },
});
`;
    assert.deepEqual(codes('convex/users.ts', text), []);
  });
});

describe('identity-from-args: args given as a validator held elsewhere in the file', () => {
  const fn = (args: string, before: string, imports = 'import { v } from "convex/values";') =>
    `${imports}
import { mutation } from "./_generated/server";
${before}
export const createSquad = mutation({
  args: ${args},
  handler: async (ctx, args) => {
    return await ctx.db.insert("squads", args);
  },
});
`;
  const FIELDS = '{ title: v.string(), createdBy: v.id("users"), members: v.array(v.id("users")) }';
  const SERVER = 'import { v } from "convex/values";\nimport { defineSchema, defineTable } from "convex/server";';

  it('a v.object held in a const (failed before)', () => {
    const found = only('convex/squads.ts', fn('squad', `const squad = v.object(${FIELDS});`), 'identity-from-args');
    assert.equal(found.length, 1);
    assert.match(found[0]?.message ?? '', /`createdBy` comes from the caller/);
    // The fields are shared with other code: no fix edits them.
    assert.deepEqual(found[0]?.fixes, []);
  });

  it("a table's validator: an object of tables, defineTable(…).index(…), and a schema's tables (failed before)", () => {
    const forms = [
      fn(
        'squad',
        `export const squadTables = { squads: defineTable(${FIELDS}) };\nconst squad = squadTables.squads.validator;`,
        SERVER,
      ),
      fn('squads.validator', `const squads = defineTable(${FIELDS}).index("by_creator", ["createdBy"]);`, SERVER),
      fn(
        'schema.tables.squads.validator',
        `const schema = defineSchema({ squads: defineTable(v.object(${FIELDS})) });`,
        SERVER,
      ),
    ];
    for (const text of forms) assert.equal(only('convex/squads.ts', text, 'identity-from-args').length, 1, text);
  });

  it('a validator that cannot be read here (imported, or made by a call of anything else) gives no finding', () => {
    const imported = fn('squadFields', '', 'import { squadFields } from "./schema";');
    const made = fn('squad', `const squad = makeValidator(${FIELDS});`);
    const spread = fn('squad', `const squad = { ...others };`);
    for (const text of [imported, made, spread]) assert.deepEqual(codes('convex/squads.ts', text), [], text);
  });

  it('the fields written in place are still read, with the fix that removes the argument', () => {
    const found = only('convex/squads.ts', fn(FIELDS, ''), 'identity-from-args');
    assert.equal(found.length, 1);
  });
});
