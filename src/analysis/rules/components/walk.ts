import type * as t from '@babel/types';
import { ENTER, WalkStack } from '../../traverse';
import { CONVEX_GATE, type CallSite, type ComponentModel, type ComponentWalk } from './model';

const EFFECT_HOOKS: ReadonlySet<string> = new Set(['useEffect', 'useLayoutEffect']);
/** Whether a function is the callback of useEffect/useLayoutEffect. */
function isEffectCallback(node: t.Node, parent: t.Node | undefined): boolean {
  if (parent?.type !== 'CallExpression' || parent.arguments[0] !== node) return false;
  const callee = parent.callee;
  if (callee.type === 'Identifier') return EFFECT_HOOKS.has(callee.name);
  return (
    callee.type === 'MemberExpression' &&
    !callee.computed &&
    callee.property.type === 'Identifier' &&
    EFFECT_HOOKS.has(callee.property.name)
  );
}

const NO_NODES: ReadonlySet<t.Node> = new Set();
const exitsBlock = (s: t.Statement): boolean => {
  const last = s.type === 'BlockStatement' ? s.body[s.body.length - 1] : s;
  return last?.type === 'ReturnStatement' || last?.type === 'ThrowStatement';
};

/**
 * One walk of a component's body keeping the tests each node runs under: the conditions around it and the early
 * returns before it in its block (`if (!isSignedIn) return …` guards the rest of the block). Calls from event
 * handlers are not effect calls: they run when the user acts, long after auth settles.
 */
export function walkComponent(
  m: ComponentModel,
  reads: ReadonlySet<string>,
  convexGates: ReadonlySet<t.Node> = NO_NODES,
): ComponentWalk {
  const out: ComponentWalk = { effectCalls: [], jsxReads: [], elements: [], exitTests: new Map() };
  const viaLocal = new Map<string, CallSite[]>();
  const localCalls: { name: string; guards: t.Node[] }[] = [];
  const stack = new WalkStack(m.fn.node.body);
  const ancestors: t.Node[] = [];
  const guards: t.Node[] = [];
  const restore: number[] = [];
  const localFns: (string | undefined)[] = [];
  let effectDepth = 0;
  let jsxDepth = 0;
  while (stack.next()) {
    const node = stack.node;
    if (stack.phase !== ENTER) {
      ancestors.pop();
      guards.length = restore.pop() ?? guards.length;
      if (stack.phase & 2) effectDepth--;
      if (stack.phase & 4) localFns.pop();
      if (stack.phase & 8) jsxDepth--;
      continue;
    }
    const parent = ancestors[ancestors.length - 1];
    const mark = guards.length;
    if (parent?.type === 'IfStatement' || parent?.type === 'ConditionalExpression') {
      if (node === parent.consequent || node === parent.alternate) guards.push(parent.test);
    } else if (parent?.type === 'LogicalExpression' && node === parent.right) guards.push(parent.left);
    let phase = 1;
    if (node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression') {
      if (isEffectCallback(node, parent)) {
        effectDepth++;
        phase |= 2;
      } else {
        const holder = parent?.type === 'CallExpression' ? ancestors[ancestors.length - 2] : parent;
        localFns.push(
          holder?.type === 'VariableDeclarator' && holder.id.type === 'Identifier' ? holder.id.name : undefined,
        );
        phase |= 4;
      }
    } else if (node.type === 'FunctionDeclaration') {
      localFns.push(node.id?.name);
      phase |= 4;
    } else if (node.type === 'JSXElement' || node.type === 'JSXFragment') {
      if (node.type === 'JSXElement') out.elements.push({ node, guards: [...guards] });
      jsxDepth++;
      phase |= 8;
      // Below <Authenticated>/<AuthLoading>/<Unauthenticated>, Convex decides what renders.
      if (node.type === 'JSXElement' && convexGates.has(node)) guards.push(CONVEX_GATE);
    } else if (node.type === 'Identifier' && jsxDepth > 0 && reads.has(node.name)) {
      const isName =
        (parent?.type === 'MemberExpression' || parent?.type === 'OptionalMemberExpression') &&
        parent.property === node &&
        !parent.computed;
      if (!isName) out.jsxReads.push({ node, guards: [...guards] });
    } else if (node.type === 'CallExpression' && node.callee.type === 'Identifier') {
      const hook = m.calls.get(node.callee.name);
      const owner = localFns[localFns.length - 1];
      if (hook) {
        const site = { node, hook, guards: [...guards] };
        if (effectDepth > 0) out.effectCalls.push(site);
        else if (owner) viaLocal.set(owner, [...(viaLocal.get(owner) ?? []), site]);
      } else if (effectDepth > 0) localCalls.push({ name: node.callee.name, guards: [...guards] });
    }
    if (node.type === 'IfStatement' && parent?.type === 'BlockStatement' && exitsBlock(node.consequent)) {
      // The rest of the block runs only when the early exit did not: kept until the block is left.
      restore.push(guards.length + 1);
      guards.push(node.test);
      out.exitTests.set(node.test, node.end ?? 0);
    } else restore.push(mark);
    ancestors.push(node);
    stack.descend(phase);
  }
  for (const call of localCalls)
    for (const site of viaLocal.get(call.name) ?? [])
      out.effectCalls.push({ ...site, guards: [...call.guards, ...site.guards] });
  return out;
}
