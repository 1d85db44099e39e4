// Where the project renders its components (FileFacts.renders) and the verdict it changes: a component the framework
// would render itself (src/App.tsx) that every file rendering it wraps in Convex's <Authenticated> sends its queries
// only once the token is accepted, so query-before-auth says nothing of it; one ungated render keeps the finding.
import assert from 'node:assert/strict';
import { analyse } from '../../../src/analysis/analyse';
import { withIdentityFunctions } from '../../../src/analysis/crossFile';
import type { RenderSite } from '../../../src/analysis/types';

const MESSAGES = `import { query } from "./_generated/server";
export const list = query({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) throw new Error("Unauthenticated");
    return await ctx.db.query("messages").collect();
  },
});
`;
const APP = `import { useQuery } from "convex/react";
import { api } from "../convex/_generated/api";
export default function App() {
  const rows = useQuery(api.messages.list);
  return <ul>{rows?.map((m) => <li key={m._id}>{m.body}</li>)}</ul>;
}
`;
const main = (body: string, extra = ''): string => `import { createRoot } from "react-dom/client";
import { Authenticated, AuthLoading, useConvexAuth } from "convex/react";
import App from "./App";
${extra}
function Root() {
  const { isAuthenticated } = useConvexAuth();
  return ${body};
}
createRoot(document.getElementById("root")!).render(<Root />);
`;

const renders = (text: string, path = 'src/main.tsx'): RenderSite[] => analyse(path, text).facts.renders ?? [];

/** The codes of src/App.tsx's findings joined as the index joins them, with src/main.tsx's render sites. */
function appFindings(...mains: [string, string][]): string[] {
  const functions = (analyse('convex/messages.ts', MESSAGES).facts.identityFunctions ?? []).map((f) => ({
    ...f,
    path: 'convex/messages.ts',
  }));
  const app = analyse('src/App.tsx', APP, { identityFunctions: functions });
  const sites = mains.flatMap(([path, text]) => renders(text, path).map((r) => ({ ...r, path })));
  return withIdentityFunctions(app, functions, [], [], [], sites).findings.map((f) => f.code);
}

describe('analysis: where the project renders its components (render sites)', () => {
  it('records an imported component rendered under <Authenticated> as gated, by the module it names', () => {
    assert.deepEqual(renders(main('<Authenticated><App /></Authenticated>')), [
      { modules: ['src/App'], name: 'default', gated: true },
    ]);
  });

  it('reads useConvexAuth().isAuthenticated with its polarity: the other branch is not gated', () => {
    assert.deepEqual(renders(main('isAuthenticated ? <App /> : null')), [
      { modules: ['src/App'], name: 'default', gated: true },
    ]);
    assert.deepEqual(renders(main('<main>{isAuthenticated && <App />}</main>')), [
      { modules: ['src/App'], name: 'default', gated: true },
    ]);
    // Ungated, and rendered only on some renders: not enough to say the query is sent before auth (renderJoin.ts).
    assert.deepEqual(renders(main('!isAuthenticated ? <App /> : null')), [
      { modules: ['src/App'], name: 'default', conditional: true },
    ]);
    assert.deepEqual(renders(main('<AuthLoading><App /></AuthLoading>')), [{ modules: ['src/App'], name: 'default' }]);
  });

  it('an early return unless isAuthenticated gates what comes after it', () => {
    const text = main(
      '<Gate />',
      'function Gate() {\n  const auth = useConvexAuth();\n  if (!auth.isAuthenticated) return null;\n  return <App />;\n}',
    );
    assert.deepEqual(renders(text), [{ modules: ['src/App'], name: 'default', gated: true }]);
  });

  it('counts any other mention of the import (a router table, lazy()) as an ungated use', () => {
    const text = main(
      '<Authenticated><App /></Authenticated>',
      'export const routes = [{ path: "/", Component: App }];',
    );
    assert.deepEqual(renders(text), [
      { modules: ['src/App'], name: 'default' },
      { modules: ['src/App'], name: 'default', gated: true },
    ]);
  });

  it('follows tsconfig paths and guesses `@/` without a config', () => {
    const text = `import { Authenticated } from "convex/react";\nimport { Board } from "@/components/Board";\nexport function Page() {\n  return <Authenticated><Board /></Authenticated>;\n}\n`;
    assert.deepEqual(renders(text, 'app/page.tsx'), [{ suffix: 'components/Board', name: 'Board', gated: true }]);
    const mapped = analyse('app/page.tsx', text, { moduleAliases: { paths: { '@/*': ['./src/*'] }, pathsBase: '' } });
    assert.deepEqual(mapped.facts.renders, [{ modules: ['src/components/Board'], name: 'Board', gated: true }]);
  });

  it('no query-before-auth on src/App.tsx when every file rendering it gates it (clean)', () => {
    assert.deepEqual(appFindings(['src/main.tsx', main('<Authenticated><App /></Authenticated>')]), []);
    assert.deepEqual(appFindings(['src/main.tsx', main('isAuthenticated ? <App /> : <p>Sign in</p>')]), []);
  });

  it('keeps the finding when one render is ungated, or nothing known renders it (near misses)', () => {
    const code = ['clerk-convex/query-before-auth'];
    assert.deepEqual(appFindings(['src/main.tsx', main('<App />')]), code);
    assert.deepEqual(appFindings(['src/main.tsx', main('<AuthLoading><App /></AuthLoading>')]), code);
    assert.deepEqual(
      appFindings(['src/main.tsx', main('<Authenticated><App /></Authenticated>')], ['src/other.tsx', main('<App />')]),
      code,
    );
    assert.deepEqual(appFindings(), code);
    // A component of another module with the same export name is not this one.
    assert.deepEqual(
      appFindings([
        'src/main.tsx',
        main('<Authenticated><App /></Authenticated>').replace('"./App"', '"./legacy/App"'),
      ]),
      code,
    );
  });

  it('follows one component up: a page rendering, under <Authenticated>, the component that renders App', () => {
    const shell = `import { useConvexAuth } from "convex/react";\nimport App from "./App";\nexport function Shell() {\n  return <App />;\n}\n`;
    const page = (gated: boolean): string =>
      `import { Authenticated } from "convex/react";\nimport { Shell } from "./Shell";\nexport function Home() {\n  return ${gated ? '<Authenticated><Shell /></Authenticated>' : '<Shell />'};\n}\n`;
    assert.deepEqual(appFindings(['src/Shell.tsx', shell], ['src/Home.tsx', page(true)]), []);
    assert.deepEqual(appFindings(['src/Shell.tsx', shell], ['src/Home.tsx', page(false)]), [
      'clerk-convex/query-before-auth',
    ]);
  });
});
