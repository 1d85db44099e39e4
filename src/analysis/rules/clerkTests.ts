// Tests of Clerk's state in a component (through its model): which are true only once someone is signed in, which
// whenever nobody is, and which only once Clerk has loaded. One reader for the layout gates (layoutClerkGate.ts) and
// the Expo layouts' routing effects (expoLayout.ts).
import type * as t from '@babel/types';
import { unwrapTs } from '../ast';
import type { ComponentModel } from './components/model';

/** Keys of Clerk's state that are truthy exactly when someone is signed in (`isLoaded` is not one). */
export const SIGNED_IN_KEYS: ReadonlySet<string> = new Set(['isSignedIn', 'userId', 'sessionId', 'user']);

/** The Clerk state key an expression reads (`isSignedIn`, `auth.userId`), through the component's model. */
export function keyOf(m: ComponentModel, expr: t.Node): string | undefined {
  const e = unwrapTs(expr);
  if (e.type === 'Identifier') {
    for (const c of m.clerk) {
      const key = c.locals.get(e.name);
      if (key) return c.keys.has('*') || c.keys.has(key) ? key : undefined;
    }
    return undefined;
  }
  if (
    (e.type === 'MemberExpression' || e.type === 'OptionalMemberExpression') &&
    !e.computed &&
    e.object.type === 'Identifier' &&
    e.property.type === 'Identifier'
  ) {
    const keys = m.clerkObjects.get(e.object.name);
    return keys && (keys.has('*') || keys.has(e.property.name)) ? e.property.name : undefined;
  }
  return undefined;
}

/** True only when Clerk's state says `keys` (`isSignedIn`, `!!userId`, `isLoaded && isSignedIn`). */
function holds(m: ComponentModel, expr: t.Node, keys: (key: string) => boolean): boolean {
  const e = unwrapTs(expr);
  if (e.type === 'UnaryExpression' && e.operator === '!') {
    const inner = unwrapTs(e.argument);
    return inner.type === 'UnaryExpression' && inner.operator === '!' && holds(m, inner.argument, keys);
  }
  if (e.type === 'LogicalExpression' && e.operator === '&&') return holds(m, e.left, keys) || holds(m, e.right, keys);
  const key = keyOf(m, e);
  return key !== undefined && keys(key);
}

/** True whenever Clerk's state does not say `keys` (`!isSignedIn`, `!isLoaded || !isSignedIn`). */
function fails(m: ComponentModel, expr: t.Node, keys: (key: string) => boolean): boolean {
  const e = unwrapTs(expr);
  if (e.type === 'UnaryExpression' && e.operator === '!') return holds(m, e.argument, keys);
  if (e.type === 'LogicalExpression' && e.operator === '||') return fails(m, e.left, keys) || fails(m, e.right, keys);
  if (e.type === 'LogicalExpression' && e.operator === '&&') return fails(m, e.left, keys) && fails(m, e.right, keys);
  return false;
}

const isSignedInKey = (key: string): boolean => SIGNED_IN_KEYS.has(key);
const isLoadedKey = (key: string): boolean => key === 'isLoaded';

/** A test of Clerk's state, and its negation: a pair for the walk up from a node to what gates it. */
export interface ClerkTest {
  when: (m: ComponentModel, expr: t.Node) => boolean;
  unless: (m: ComponentModel, expr: t.Node) => boolean;
}

/** Someone is signed in, says Clerk. */
export const SIGNED_IN: ClerkTest = {
  when: (m, e) => holds(m, e, isSignedInKey),
  unless: (m, e) => fails(m, e, isSignedInKey),
};

/** Clerk has loaded (`isLoaded`): Clerk's state, which says nothing of whether Convex has the token. */
export const CLERK_LOADED: ClerkTest = {
  when: (m, e) => holds(m, e, isLoadedKey),
  unless: (m, e) => fails(m, e, isLoadedKey),
};

/** Whether an expression reads whether someone is signed in, anywhere in it (`isSignedIn && !inTabs`). */
export function readsSignedIn(m: ComponentModel, expr: t.Node, depth = 0): boolean {
  const e = unwrapTs(expr);
  const key = keyOf(m, e);
  if (key !== undefined) return SIGNED_IN_KEYS.has(key);
  if (depth > 8) return false;
  if (e.type === 'UnaryExpression') return readsSignedIn(m, e.argument, depth + 1);
  if (e.type === 'LogicalExpression' || e.type === 'BinaryExpression')
    return readsSignedIn(m, e.left, depth + 1) || readsSignedIn(m, e.right, depth + 1);
  return false;
}
