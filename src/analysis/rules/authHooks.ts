// Gating rules: UI that waits on Convex data must ask Convex (useConvexAuth, <Authenticated>) whether the
// token has been accepted, and those must sit inside the Convex provider.
import { endOf, startOf } from '../ast';
import { addNamedImport, otherReferences, removeImport, replaceNode } from '../edits';
import { RULES } from '../ruleCatalog';
import type * as t from '@babel/types';
import { outermostFn, type ElementInfo, type FnInfo, type HookCall } from '../scan';
import type { Fix, TextEdit } from '../types';
import { isConvexProvider, report, type RuleContext } from './shared';

/** Every Convex hook whose calls need the token: queries, and mutations or actions fired later (from an effect). */
const CONVEX_CALL_HOOKS = new Set(['useQuery', 'usePaginatedQuery', 'useQueries', 'useMutation', 'useAction']);
export const CONVEX_GATES: ReadonlySet<string> = new Set(['Authenticated', 'Unauthenticated', 'AuthLoading']);
/** Clerk's gates (Core 2 names, and Core 3's `<Show when="…">`) and the Convex gate that replaces each. */
const CLERK_GATES = new Map([
  ['SignedIn', 'Authenticated'],
  ['SignedOut', 'Unauthenticated'],
]);
const SHOW_WHEN = new Map([
  ['signed-in', 'Authenticated'],
  ['signed-out', 'Unauthenticated'],
]);
/** Clerk hooks whose `isSignedIn`/`isLoaded` people gate Convex calls on. */
const CLERK_STATE_HOOKS = new Set(['useAuth', 'useUser']);

const fromConvex = (source: string | undefined): boolean =>
  source === 'convex/react' || source?.startsWith('convex-helpers/') === true;
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
  if (decl?.type !== 'VariableDeclarator' || decl.id.type !== 'ObjectPattern' || decl.id.properties.length !== 1)
    return undefined;
  const prop = decl.id.properties[0];
  if (
    prop?.type !== 'ObjectProperty' ||
    prop.computed ||
    prop.key.type !== 'Identifier' ||
    prop.key.name !== 'isSignedIn' ||
    prop.value.type !== 'Identifier'
  )
    return undefined;
  const local = prop.value.name;
  const callee = call.node.callee;
  return {
    title: "Use useConvexAuth() instead of Clerk's useAuth()",
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
  return decl.id.properties.some(
    (p) =>
      p.type === 'ObjectProperty' &&
      p.key.type === 'Identifier' &&
      (p.key.name === 'isSignedIn' || p.key.name === 'isLoaded'),
  );
}

/** The `when` of Clerk Core 3's `<Show when="signed-in">`, as a string literal. */
function showWhen(el: ElementInfo): { attr: t.JSXAttribute; value: string } | undefined {
  for (const a of el.node.openingElement.attributes) {
    if (a.type !== 'JSXAttribute' || a.name.type !== 'JSXIdentifier' || a.name.name !== 'when') continue;
    const v = a.value;
    const literal =
      v?.type === 'StringLiteral'
        ? v
        : v?.type === 'JSXExpressionContainer' && v.expression.type === 'StringLiteral'
          ? v.expression
          : undefined;
    return literal ? { attr: a, value: literal.value } : undefined;
  }
  return undefined;
}

/** A Clerk gate element and the Convex gate that replaces it, with the edits beyond renaming the tag. */
function clerkGate(
  rc: RuleContext,
  el: ElementInfo,
): { replacement: string; shown: string; extra: TextEdit[] } | undefined {
  if (!fromClerk(el.binding?.source)) return undefined;
  const renamed = CLERK_GATES.get(el.canonical);
  if (renamed) return { replacement: renamed, shown: `<${el.name}>`, extra: [] };
  if (el.canonical !== 'Show') return undefined;
  const when = showWhen(el);
  const replacement = when && SHOW_WHEN.get(when.value);
  if (!when || !replacement) return undefined; // `when={(has) => …}` is authorization, not a sign-in gate
  const text = rc.scan.text;
  let start = startOf(when.attr);
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  return {
    replacement,
    shown: `<${el.name} when="${when.value}">`,
    extra: [{ start, end: endOf(when.attr), newText: '' }],
  };
}

function checkClerkGates(rc: RuleContext): void {
  const { scan } = rc;
  const callFns = new Map<FnInfo | undefined, string>();
  for (const c of scan.hookCalls) {
    if (CONVEX_CALL_HOOKS.has(c.canonical) && fromConvex(c.binding?.source) && !callFns.has(c.fn))
      callFns.set(c.fn, c.canonical);
  }
  if (callFns.size === 0) return;
  for (const c of scan.hookCalls) {
    if (!CLERK_STATE_HOOKS.has(c.canonical) || !fromClerk(c.binding?.source) || !destructuresGate(c)) continue;
    const convexHook = callFns.get(c.fn);
    if (!convexHook) continue;
    const fix = c.canonical === 'useAuth' ? useAuthFix(rc, c) : undefined;
    const what =
      convexHook === 'useMutation' || convexHook === 'useAction'
        ? `the ${convexHook === 'useMutation' ? 'mutation' : 'action'} this component fires (from ${convexHook}) can run without an identity`
        : 'queries can run without an identity';
    report(
      rc,
      RULES.clerkGate,
      startOf(c.node),
      endOf(c.node),
      `Clerk's ${c.canonical}() says the user is signed in before Convex has received and checked the token, so ${what}. Gate on useConvexAuth() (isLoading, isAuthenticated) instead.`,
      fix ? [fix] : [],
    );
  }
  for (const el of scan.elements) {
    const gate = clerkGate(rc, el);
    if (!gate) continue;
    const { replacement, shown } = gate;
    const closing = el.node.closingElement;
    const name = el.node.openingElement.name;
    const edits: TextEdit[] = [replaceNode(name, replacement), ...gate.extra];
    if (closing) edits.push(replaceNode(closing.name, replacement));
    edits.push(...importsReplaced(rc, el.name, closing ? 2 : 1, replacement));
    report(
      rc,
      RULES.clerkGate,
      startOf(name),
      endOf(name),
      `${shown} renders as soon as Clerk has a session, before Convex has accepted the token, so Convex calls below it can run without an identity. Use <${replacement}> from "convex/react".`,
      [{ title: `Replace ${shown} with <${replacement}>`, mechanical: true, edits }],
    );
  }
}

function checkOutsideProvider(rc: RuleContext): void {
  const { scan } = rc;
  const providers = rc.providers.filter((p) => isConvexProvider(p.kind)).map((p) => p.el);
  if (providers.length === 0) return;
  const renderers = new Set(providers.map((p) => outermostFn(p.fn)));
  for (const c of scan.hookCalls) {
    if (c.canonical !== 'useConvexAuth' || !c.fn || !renderers.has(c.fn)) continue;
    report(
      rc,
      RULES.convexAuthOutsideProvider,
      startOf(c.node),
      endOf(c.node),
      'useConvexAuth() is called in the component that renders the Convex provider, so it runs outside that provider and never sees the auth state. Call it in a child component rendered inside the provider.',
    );
  }
  const gates = scan.elements.filter((el) => CONVEX_GATES.has(el.canonical) && fromConvex(el.binding?.source));
  for (const el of gates) {
    const component = outermostFn(el.fn);
    if (!renderers.has(component)) continue; // most gates sit in components that render no provider
    if (rc.tree.convexAbove.has(el)) continue;
    const sameTree = rc.tree.convexOfComponent.get(component) ?? [];
    const name = el.node.openingElement.name;
    report(
      rc,
      RULES.convexAuthOutsideProvider,
      startOf(name),
      endOf(name),
      `<${el.name}> is outside the Convex provider, so it cannot see whether Convex accepted the token. Move it inside <${sameTree[0]?.name}>.`,
      [],
      sameTree.map((p) => ({
        start: startOf(p.node.openingElement),
        end: endOf(p.node.openingElement),
        message: 'the Convex provider',
      })),
    );
  }
}

export function authHookRules(rc: RuleContext): void {
  checkClerkGates(rc);
  checkOutsideProvider(rc);
}
