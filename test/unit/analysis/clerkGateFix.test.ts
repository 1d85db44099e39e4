import assert from 'node:assert/strict';
import vm from 'node:vm';
import ts from 'typescript';
import { analyse } from '../../../src/analysis/analyse';
import { applyEdits } from '../../../src/analysis/edits';
import { CLERK_GATE_CASES } from './clerkGateCases';
import { assertParses } from './helpers';

// The clerk-gate quick fix must be right, not only quiet: it keeps the loading state (a signed-in user never sees
// the sign-in button while Convex checks the token) and gates the queries (none is sent before the token is
// accepted). Each fixed component is compiled (TypeScript's transpiler, in process) and rendered as a plain
// function against stand-ins of the hooks, in each of Convex's auth states; what it renders and what it asks
// useQuery for are checked. scripts/typecheck-snippets.mjs type-checks the same fixes against the real packages.

type AuthState = { isLoading: boolean; isAuthenticated: boolean };
interface Rendered {
  tree: unknown;
  queries: unknown[][];
  mutations: string[];
  effects: (() => void)[];
}

/** Applies the first clerk-gate fix until none is left; the text must parse and have no finding. */
function fixed(file: string, text: string): string {
  let out = text;
  for (let i = 0; i < 5; i++) {
    const f = analyse(file, out).findings.find((x) => x.code === 'clerk-convex/clerk-gate');
    const fix = f?.fixes[0];
    if (!fix) break;
    assert.equal(fix.mechanical, true, `${file}: ${fix.title}`);
    out = applyEdits(out, fix.edits);
  }
  assertParses(file, out);
  assert.deepEqual(
    analyse(file, out).findings.map((f) => f.code),
    [],
    out,
  );
  return out;
}

/** Compiles a component file and calls `exportName` with stand-ins for React, Clerk and Convex. */
function render(text: string, exportName: string, state: AuthState): Rendered {
  const js = ts.transpileModule(text, {
    compilerOptions: { jsx: ts.JsxEmit.React, module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const rendered: Rendered = { tree: undefined, queries: [], mutations: [], effects: [] };
  const element = (type: unknown, props: unknown, ...children: unknown[]): unknown => ({
    type: typeof type === 'function' ? type.name : type,
    props,
    children,
  });
  const modules: Record<string, unknown> = {
    react: { createElement: element, useEffect: (fn: () => void) => rendered.effects.push(fn) },
    'convex/react': {
      useConvexAuth: () => state,
      useQuery: (...args: unknown[]) => {
        // Copied out of the component's realm (vm), so plain deep equality holds.
        rendered.queries.push(JSON.parse(JSON.stringify(args.slice(1))) as unknown[]);
        return args[1] === 'skip' ? undefined : [{ _id: '1', body: 'hi' }];
      },
      useMutation: (ref: string) => () => rendered.mutations.push(ref),
      Authenticated: function Authenticated() {},
    },
    '@clerk/nextjs': {
      SignInButton: function SignInButton() {},
      UserButton: function UserButton() {},
      useAuth: () => assert.fail('the fixed file still asks Clerk'),
      useUser: () => assert.fail('the fixed file still asks Clerk'),
    },
    '@/convex/_generated/api': {
      api: { messages: { list: 'messages:list', send: 'messages:send' }, orgs: { listMine: 'orgs:listMine' } },
    },
  };
  const exports: Record<string, unknown> = {};
  const req = (name: string): unknown => modules[name] ?? assert.fail(`unexpected import ${name}`);
  vm.runInNewContext(js, { require: req, exports, React: modules.react });
  const component = exports[exportName] as () => unknown;
  rendered.tree = component();
  for (const effect of rendered.effects) effect();
  return rendered;
}

const mentions = (tree: unknown, name: string): boolean => JSON.stringify(tree ?? null).includes(`"type":"${name}"`);

const LOADING = { isLoading: true, isAuthenticated: false };
const SIGNED_OUT = { isLoading: false, isAuthenticated: false };
const SIGNED_IN = { isLoading: false, isAuthenticated: true };

const fixedCase = (id: string): { text: string; exportName: string } => {
  const c = CLERK_GATE_CASES.find((x) => x.id === id);
  assert.ok(c, id);
  return { text: fixed(c.file, c.text), exportName: c.exportName };
};

describe('analysis: the clerk-gate fix keeps the loading state and gates the queries', () => {
  it("the sample's page: nothing while Convex loads, the sign-in button only when signed out, the query only once authenticated", () => {
    const { text, exportName } = fixedCase('sample page');
    const loading = render(text, exportName, LOADING);
    assert.equal(loading.tree, null, 'renders nothing while Convex checks the token');
    assert.deepEqual(loading.queries, [['skip']], 'the query is not sent');
    const out = render(text, exportName, SIGNED_OUT);
    assert.ok(mentions(out.tree, 'SignInButton'));
    assert.deepEqual(out.queries, [['skip']]);
    const signedIn = render(text, exportName, SIGNED_IN);
    assert.ok(!mentions(signedIn.tree, 'SignInButton'));
    assert.deepEqual(signedIn.queries, [[{}]]);
    assert.match(JSON.stringify(signedIn.tree), /"hi"/, 'the messages show');
  });

  it('a skip on isSignedIn becomes a skip on isAuthenticated', () => {
    const { text, exportName } = fixedCase('skip');
    assert.deepEqual(render(text, exportName, LOADING).queries, [['skip']]);
    assert.deepEqual(render(text, exportName, SIGNED_IN).queries, [[{}]]);
  });

  it('a ternary between the data and the sign-in button: neither the button nor the query while loading', () => {
    const { text, exportName } = fixedCase('ternary');
    const loading = render(text, exportName, LOADING);
    assert.ok(!mentions(loading.tree, 'SignInButton'));
    assert.deepEqual(loading.queries, [['skip']]);
    assert.ok(mentions(render(text, exportName, SIGNED_OUT).tree, 'SignInButton'));
    assert.deepEqual(render(text, exportName, SIGNED_IN).queries, [[{}]]);
  });

  it('`!isSignedIn && <SignInButton />` waits for the loading to end', () => {
    const { text, exportName } = fixedCase('and');
    assert.match(text, /!isLoading && !isAuthenticated && <SignInButton \/>/);
    assert.ok(!mentions(render(text, exportName, LOADING).tree, 'SignInButton'));
    assert.ok(mentions(render(text, exportName, SIGNED_OUT).tree, 'SignInButton'));
    assert.deepEqual(render(text, exportName, LOADING).queries, [['skip']]);
  });

  it('a mutation fired from an effect waits for isAuthenticated', () => {
    const { text, exportName } = fixedCase('effect');
    assert.deepEqual(render(text, exportName, LOADING).mutations, []);
    assert.deepEqual(render(text, exportName, SIGNED_IN).mutations, ['messages:send']);
  });

  it('an isLoaded check of its own becomes the loading state; no second guard is added', () => {
    const { text, exportName } = fixedCase('loaded');
    assert.match(text, /if \(isLoading\) return <p>Loading…<\/p>;/);
    assert.doesNotMatch(text, /return null/);
    assert.match(text, /useQuery\(api\.messages\.list, !isLoading && isAuthenticated \? \{\} : "skip"\)/);
    const loading = render(text, exportName, LOADING);
    assert.ok(!mentions(loading.tree, 'SignInButton'));
    assert.deepEqual(loading.queries, [['skip']]);
  });

  it('<Show when="signed-in"> becomes <Authenticated>, which renders nothing until Convex has accepted the token', () => {
    const { text } = fixedCase('show');
    assert.match(text, /<Authenticated>\n\s+<Messages \/>\n\s+<\/Authenticated>/);
    assert.match(text, /import \{ useQuery, Authenticated \} from "convex\/react";/);
  });

  it('no mechanical fix when Clerk state leaves the component (a prop) or other Clerk values are used', () => {
    const prop = `"use client";
import { useAuth } from "@clerk/nextjs";
import { useQuery } from "convex/react";
export function Shell() {
  const { isSignedIn } = useAuth();
  const messages = useQuery(api.messages.list, isSignedIn ? {} : "skip");
  return <Layout signedIn={isSignedIn} count={messages?.length} />;
}
`;
    const [f] = analyse('shell.tsx', prop).findings;
    assert.equal(f?.fixes[0]?.mechanical, false);
    const user = prop.replace('{ isSignedIn }', '{ isSignedIn, userId }');
    assert.deepEqual(analyse('shell.tsx', user).findings[0]?.fixes, []);
  });
});
