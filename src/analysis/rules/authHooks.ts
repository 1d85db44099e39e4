// Gating rules: UI that waits on Convex data must ask Convex (useConvexAuth, <Authenticated>) whether the
// token has been accepted, and those must sit inside the Convex provider.
import { endOf, startOf } from '../ast';
import { addNamedImport, otherReferences, removeImport, replaceNode } from '../edits';
import { RULES } from '../ruleCatalog';
import { outermostFn, type FnInfo, type HookCall } from '../scan';
import type { Fix, TextEdit } from '../types';
import { isConvexProvider, report, type RuleContext } from './shared';

const QUERY_HOOKS = new Set(['useQuery', 'usePaginatedQuery', 'useQueries']);
export const CONVEX_GATES: ReadonlySet<string> = new Set(['Authenticated', 'Unauthenticated', 'AuthLoading']);
const CLERK_GATES = new Map([['SignedIn', 'Authenticated'], ['SignedOut', 'Unauthenticated']]);

const fromConvex = (source: string | undefined): boolean => source === 'convex/react' || source?.startsWith('convex-helpers/') === true;
const fromClerk = (source: string | undefined): boolean => source?.startsWith('@clerk/') === true;

function importsReplaced(rc: RuleContext, oldLocal: string, replacedUses: number, newName: string): TextEdit[] {
  const { scan } = rc;
  const edits: TextEdit[] = [];
  const add = addNamedImport(scan, 'convex/react', newName);
  if (add) edits.push(add);
  if (otherReferences(scan, oldLocal) === replacedUses) {
    const remove = removeImport(scan, oldLocal);
    if (remove) edits.push(remove);
  }
  return edits;
}

/** `const { isSignedIn } = useAuth()` → `const { isAuthenticated: isSignedIn } = useConvexAuth()`; nothing else is mechanical. */
function useAuthFix(rc: RuleContext, call: HookCall): Fix | undefined {
  const decl = call.parent;
  if (decl?.type !== 'VariableDeclarator' || decl.id.type !== 'ObjectPattern' || decl.id.properties.length !== 1) return undefined;
  const prop = decl.id.properties[0];
  if (prop?.type !== 'ObjectProperty' || prop.computed || prop.key.type !== 'Identifier' || prop.key.name !== 'isSignedIn' || prop.value.type !== 'Identifier') return undefined;
  const local = prop.value.name;
  const callee = call.node.callee;
  return {
    title: 'Use useConvexAuth() instead of Clerk\'s useAuth()',
    mechanical: true,
    edits: [
      replaceNode(decl.id, local === 'isAuthenticated' ? '{ isAuthenticated }' : `{ isAuthenticated: ${local} }`),
      replaceNode(callee, 'useConvexAuth'),
      ...importsReplaced(rc, callee.name, 1, 'useConvexAuth'),
    ],
  };
}

function destructuresGate(call: HookCall): boolean {
  const decl = call.parent;
  if (decl?.type !== 'VariableDeclarator' || decl.id.type !== 'ObjectPattern') return false;
  return decl.id.properties.some((p) => p.type === 'ObjectProperty' && p.key.type === 'Identifier' && (p.key.name === 'isSignedIn' || p.key.name === 'isLoaded'));
}

function checkClerkGates(rc: RuleContext): void {
  const { scan } = rc;
  const queryFns = new Set<FnInfo | undefined>();
  for (const c of scan.hookCalls) {
    if (QUERY_HOOKS.has(c.canonical) && fromConvex(c.binding?.source)) queryFns.add(c.fn);
  }
  if (queryFns.size === 0) return;
  for (const c of scan.hookCalls) {
    if (c.canonical !== 'useAuth' || !fromClerk(c.binding?.source) || !queryFns.has(c.fn) || !destructuresGate(c)) continue;
    const fix = useAuthFix(rc, c);
    report(rc, RULES.clerkGate, startOf(c.node), endOf(c.node),
      "Clerk's useAuth() says the user is signed in before Convex has received and checked the token, so queries can run without an identity. Gate on useConvexAuth() (isLoading, isAuthenticated) instead.",
      fix ? [fix] : []);
  }
  for (const el of scan.elements) {
    const replacement = CLERK_GATES.get(el.canonical);
    if (!replacement || !fromClerk(el.binding?.source)) continue;
    const closing = el.node.closingElement;
    const name = el.node.openingElement.name;
    const edits: TextEdit[] = [replaceNode(name, replacement)];
    if (closing) edits.push(replaceNode(closing.name, replacement));
    edits.push(...importsReplaced(rc, el.name, closing ? 2 : 1, replacement));
    report(rc, RULES.clerkGate, startOf(name), endOf(name),
      `<${el.name}> renders as soon as Clerk has a session, before Convex has accepted the token, so Convex queries below it can run without an identity. Use <${replacement}> from "convex/react".`,
      [{ title: `Replace <${el.name}> with <${replacement}>`, mechanical: true, edits }]);
  }
}

function checkOutsideProvider(rc: RuleContext): void {
  const { scan } = rc;
  const providers = rc.providers.filter((p) => isConvexProvider(p.kind)).map((p) => p.el);
  if (providers.length === 0) return;
  const renderers = new Set(providers.map((p) => outermostFn(p.fn)));
  for (const c of scan.hookCalls) {
    if (c.canonical !== 'useConvexAuth' || !c.fn || !renderers.has(c.fn)) continue;
    report(rc, RULES.convexAuthOutsideProvider, startOf(c.node), endOf(c.node),
      'useConvexAuth() is called in the component that renders the Convex provider, so it runs outside that provider and never sees the auth state. Call it in a child component rendered inside the provider.');
  }
  const gates = scan.elements.filter((el) => CONVEX_GATES.has(el.canonical) && fromConvex(el.binding?.source));
  for (const el of gates) {
    const component = outermostFn(el.fn);
    if (!renderers.has(component)) continue; // most gates sit in components that render no provider
    if (rc.tree.convexAbove.has(el)) continue;
    const sameTree = rc.tree.convexOfComponent.get(component) ?? [];
    const name = el.node.openingElement.name;
    report(rc, RULES.convexAuthOutsideProvider, startOf(name), endOf(name),
      `<${el.name}> is outside the Convex provider, so it cannot see whether Convex accepted the token. Move it inside <${sameTree[0]?.name}>.`,
      [], sameTree.map((p) => ({ start: startOf(p.node.openingElement), end: endOf(p.node.openingElement), message: 'the Convex provider' })));
  }
}

export function authHookRules(rc: RuleContext): void {
  checkClerkGates(rc);
  checkOutsideProvider(rc);
}
