import assert from 'node:assert/strict';
import { analyse } from '../../../src/analysis/analyse';
import { withIdentityFunctions, type IndexedIdentityFunctions } from '../../../src/analysis/crossFile';
import type { AnalysisContext } from '../../../src/analysis/types';
import { codes, only } from './helpers';

// The cross-file rule: the Convex file's facts (what the index keeps) tell the client file which queries need a
// signed-in user.
const convexFile = (guard: string): string => `import { query } from "./_generated/server";
export const list = query({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    ${guard}
    return await ctx.db.query("messages").withIndex("by_user", (q) => q.eq("userId", identity.subject)).collect();
  },
});
export const publicList = query({ args: {}, handler: async (ctx) => ctx.db.query("messages").collect() });
`;

function contextFrom(convexText: string, path = 'convex/messages.ts'): AnalysisContext {
  const facts = analyse(path, convexText).facts;
  return { identityFunctions: (facts.identityFunctions ?? []).map((f) => ({ ...f, path })) };
}

const page = (body: string, imports = 'import { useQuery } from "convex/react";'): string => `"use client";
${imports}
import { api } from "@/convex/_generated/api";

export default function Page() {
${body}
}
`;

describe('analysis: a query that needs a signed-in user, sent before Convex auth is ready (query-before-auth)', () => {
  it("the Convex file's facts name the functions that throw or return nothing without an identity", () => {
    assert.deepEqual(
      analyse(
        'convex/messages.ts',
        convexFile('if (!identity) throw new Error("Unauthenticated");'),
      ).facts.identityFunctions?.map((f) => [f.exportName, f.kind, f.without]),
      [['list', 'query', 'throws']],
    );
    assert.deepEqual(
      analyse('convex/messages.ts', convexFile('if (identity === null) { return []; }')).facts.identityFunctions?.map(
        (f) => f.without,
      ),
      ['returns-nothing'],
    );
    assert.equal(
      analyse('convex/messages.ts', convexFile('if (!identity) return { signedOut: true };')).facts.identityFunctions,
      undefined,
    );
  });

  it('flags useQuery of that function in a Next.js page not under <Authenticated> and not skipped, naming where it reads identity', () => {
    const ctx = contextFrom(convexFile('if (!identity) throw new Error("Unauthenticated");'));
    const text = page(
      '  const messages = useQuery(api.messages.list);\n  return <ul>{messages?.map((m) => <li key={m._id}>{m.body}</li>)}</ul>;',
    );
    const [f] = only('app/page.tsx', text, 'query-before-auth', ctx);
    assert.ok(f);
    assert.match(
      f.message,
      /api\.messages\.list needs a signed-in user: its handler in convex\/messages\.ts reads ctx\.auth\.getUserIdentity\(\) and throws without one/,
    );
    assert.equal(f.related?.[0]?.path, 'convex/messages.ts');
    const convexText = convexFile('if (!identity) throw new Error("Unauthenticated");');
    assert.equal(convexText.slice(f.related?.[0]?.start, f.related?.[0]?.end), 'ctx.auth.getUserIdentity()');
    assert.deepEqual(
      f.related?.[0]?.position,
      { line: 4, character: 27, endLine: 4, endCharacter: 53 },
      'lines and characters for the other file',
    );
  });

  it('flags a component this file renders outside <Authenticated>', () => {
    const ctx = contextFrom(convexFile('if (identity === null) return null;'));
    const text = `import { useQuery } from "convex/react";
function Messages() {
  const messages = useQuery(api.messages.list, {});
  return <p>{messages?.length}</p>;
}
export function Home() {
  return <main><Messages /></main>;
}
`;
    const [f] = only('src/Home.tsx', text, 'query-before-auth', ctx);
    assert.match(f?.message ?? '', /returns nothing without one\. Messages is rendered here outside <Authenticated>/);
  });

  it('near misses: under <Authenticated>, skipped until authenticated, gated on useConvexAuth, a public query, a component rendered elsewhere', () => {
    const ctx = contextFrom(convexFile('if (!identity) throw new Error("Unauthenticated");'));
    assert.deepEqual(
      codes(
        'src/Home.tsx',
        `import { useQuery, Authenticated } from "convex/react";
function Messages() { const m = useQuery(api.messages.list); return <p>{m?.length}</p>; }
export function Home() { return <Authenticated><Messages /></Authenticated>; }
`,
        ctx,
      ),
      [],
    );
    assert.deepEqual(
      codes(
        'app/page.tsx',
        page(
          '  const { isAuthenticated } = useConvexAuth();\n  const m = useQuery(api.messages.list, isAuthenticated ? {} : "skip");\n  return <p>{m?.length}</p>;',
          'import { useQuery, useConvexAuth } from "convex/react";',
        ),
        ctx,
      ),
      [],
    );
    assert.deepEqual(
      codes(
        'app/page.tsx',
        page('  const m = useQuery(api.messages.list, "skip");\n  return <p>{m?.length}</p>;'),
        ctx,
      ),
      [],
    );
    assert.deepEqual(
      codes('app/page.tsx', page('  const m = useQuery(api.messages.publicList);\n  return <p>{m?.length}</p>;'), ctx),
      [],
    );
    assert.deepEqual(
      codes(
        'components/Messages.tsx',
        'import { useQuery } from "convex/react";\nexport function Messages() { const m = useQuery(api.messages.list); return <p>{m?.length}</p>; }\n',
        ctx,
      ),
      [],
    );
    assert.deepEqual(
      codes('app/page.tsx', page('  const m = useQuery(api.other.list);\n  return <p>{m?.length}</p>;'), ctx),
      [],
    );
  });

  it('a component that renders itself (a tree of documents) is not rendered before auth by that element', () => {
    const ctx = contextFrom(convexFile('if (!identity) throw new Error("Unauthenticated");'));
    const tree = `"use client";
import { useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";
export const DocumentList = ({ parentId, level = 0 }) => {
  const documents = useQuery(api.messages.list);
  return <>{documents?.map((d) => <div key={d._id}><DocumentList parentId={d._id} level={level + 1} /></div>)}</>;
};
`;
    assert.deepEqual(codes('app/(main)/_components/document-list.tsx', tree, ctx), []);
    const renderedHere = tree.replace(
      'export const DocumentList',
      'export const Sidebar = () => <aside><DocumentList /></aside>;\nexport const DocumentList',
    );
    assert.deepEqual(codes('app/(main)/_components/document-list.tsx', renderedHere, ctx), [
      'clerk-convex/query-before-auth',
    ]);
  });

  it('names the function file through the `api` import the page resolves (tsconfig `paths`, relative), not by suffix', () => {
    const guard = 'if (!identity) throw new Error("Unauthenticated");';
    const body = '  const m = useQuery(api.messages.list);\n  return <p>{m?.length}</p>;';
    // A monorepo: two backends each with convex/messages.ts; `@/convex` in apps/web means packages/backend/convex.
    const backend = contextFrom(convexFile(guard), 'packages/backend/convex/messages.ts');
    const other = contextFrom(convexFile(guard), 'packages/legacy/convex/messages.ts');
    const moduleAliases = { paths: { '@/convex/*': ['../../packages/backend/convex/*'] }, pathsBase: 'apps/web' };
    const file = 'apps/web/app/page.tsx';
    assert.equal(
      only(file, page(body), 'query-before-auth', { ...backend, moduleAliases })[0]?.related?.[0]?.path,
      'packages/backend/convex/messages.ts',
    );
    assert.deepEqual(
      codes(file, page(body), { ...other, moduleAliases }),
      [],
      'the alias names another functions folder',
    );
    assert.deepEqual(
      codes(file, page(body), other),
      ['clerk-convex/query-before-auth'],
      'without a config, the suffix guess still applies',
    );
    const relative = page(body).replace('@/convex/_generated/api', '../../../packages/legacy/convex/_generated/api');
    assert.deepEqual(
      codes(file, relative, { ...backend, moduleAliases }),
      [],
      'a relative import names its own folder',
    );
    assert.deepEqual(codes(file, relative, { ...other, moduleAliases }), ['clerk-convex/query-before-auth']);
  });
});

// A client file is analysed once; when only a Convex file's identity functions change, its query-before-auth
// findings are joined again from the query sites it was analysed with, without parsing it again.
function functionsOf(text: string, path = 'convex/messages.ts'): IndexedIdentityFunctions {
  return contextFrom(text, path).identityFunctions ?? [];
}

const PAGE = `"use client";
import { useQuery, useConvexAuth } from "convex/react";
import { useAuth } from "@clerk/nextjs";
import { api } from "../convex/_generated/api";

function Sidebar() {
  const { isAuthenticated } = useConvexAuth();
  const count = useQuery(api.messages.list, isAuthenticated ? {} : "skip");
  return <p>{count?.length}</p>;
}

export default function Page() {
  const { isSignedIn } = useAuth();
  const messages = useQuery(api.messages.list);
  return <main><Sidebar />{isSignedIn && <ul>{messages?.map((m) => <li key={m._id}>{m.body}</li>)}</ul>}</main>;
}
`;

describe('analysis: query-before-auth joined again when only the Convex file changed', () => {
  const throws = functionsOf(convexFile('if (!identity) throw new Error("Unauthenticated");'));
  const none = functionsOf(convexFile('// no check'));

  it('the analysis keeps its query sites whatever the index holds (an empty one included)', () => {
    const empty = analyse('app/page.tsx', PAGE);
    const full = analyse('app/page.tsx', PAGE, { identityFunctions: throws });
    assert.deepEqual(empty.querySites, full.querySites);
    assert.deepEqual(
      empty.querySites?.map((s) => [s.api.text, s.component, s.where, s.dirs]),
      [['api.messages.list', 'Page', 'entry', ['convex']]],
    );
    assert.equal(PAGE.slice(empty.querySites?.[0]?.start, empty.querySites?.[0]?.end), 'useQuery(api.messages.list)');
  });

  it('joining gives exactly what a fresh analysis with the new index gives, both ways', () => {
    const empty = analyse('app/page.tsx', PAGE);
    const full = analyse('app/page.tsx', PAGE, { identityFunctions: throws });
    assert.ok(full.findings.some((f) => f.code === 'clerk-convex/query-before-auth'));
    assert.deepEqual(
      withIdentityFunctions(empty, throws).findings,
      full.findings,
      'the function started needing a user',
    );
    assert.deepEqual(withIdentityFunctions(full, []).findings, empty.findings, 'it stopped needing one');
    assert.deepEqual(withIdentityFunctions(full, none).findings, empty.findings);
  });

  it("keeps the other rules' findings and their order, and returns the same object when nothing changes", () => {
    const empty = analyse('app/page.tsx', PAGE);
    assert.ok(empty.findings.length > 0, 'the page has another finding (clerk-gate) to keep');
    assert.equal(withIdentityFunctions(empty, []), empty);
    const full = analyse('app/page.tsx', PAGE, { identityFunctions: throws });
    assert.equal(withIdentityFunctions(full, throws), full);
    const joined = withIdentityFunctions(empty, throws);
    assert.deepEqual(
      joined.findings.map((f) => f.start),
      [...joined.findings.map((f) => f.start)].sort((a, b) => a - b),
    );
    assert.deepEqual(
      joined.findings.filter((f) => f.code !== 'clerk-convex/query-before-auth'),
      empty.findings,
    );
  });

  it('follows the function moving in its file (the related location is re-joined too)', () => {
    const moved = functionsOf(
      `// a new first line\n${convexFile('if (!identity) throw new Error("Unauthenticated");')}`,
    );
    const full = analyse('app/page.tsx', PAGE, { identityFunctions: throws });
    const joined = withIdentityFunctions(full, moved);
    assert.notEqual(joined, full);
    const related = (a: typeof full) =>
      a.findings.find((f) => f.code === 'clerk-convex/query-before-auth')?.related?.[0]?.position?.line;
    assert.equal(related(joined), (related(full) ?? 0) + 1);
  });
});
