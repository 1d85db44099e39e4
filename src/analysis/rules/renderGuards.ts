// Whether a node of a component renders only once useConvexAuth() says isAuthenticated: on the side of a condition
// where that holds (`isAuthenticated && <X/>`, `isAuthenticated ? <X/> : …`), or after an early return of the
// opposite (`if (!isAuthenticated) return …`). Polarity matters: `<X/>` in `!isAuthenticated ? <X/> : …` is not.
import type * as t from '@babel/types';
import { unwrapTs } from '../ast';
import type { FnInfo, Scan } from '../scanRecords';

/** The names a component reads useConvexAuth()'s isAuthenticated by: destructured locals, and whole objects. */
export interface ConvexAuthNames {
  locals: Set<string>;
  objects: Set<string>;
}

/** How useConvexAuth() is read in the component, or undefined when it does not call it from convex/react. */
export function convexAuthNames(scan: Scan, owner: FnInfo): ConvexAuthNames | undefined {
  let names: ConvexAuthNames | undefined;
  for (const c of scan.hookCalls) {
    if (c.canonical !== 'useConvexAuth' || c.binding?.source !== 'convex/react') continue;
    if ((c.fn?.root ?? c.fn) !== owner) continue;
    names ??= { locals: new Set(), objects: new Set() };
    const decl = c.parent;
    if (decl?.type !== 'VariableDeclarator') continue;
    if (decl.id.type === 'Identifier') names.objects.add(decl.id.name);
    else if (decl.id.type === 'ObjectPattern')
      for (const p of decl.id.properties)
        if (
          p.type === 'ObjectProperty' &&
          !p.computed &&
          p.key.type === 'Identifier' &&
          p.key.name === 'isAuthenticated' &&
          p.value.type === 'Identifier'
        )
          names.locals.add(p.value.name);
  }
  return names;
}

/** Whether `expr` being `truth` means Convex has accepted the token. */
function saysAuthenticated(expr: t.Node, truth: boolean, names: ConvexAuthNames, depth = 0): boolean {
  if (depth > 8) return false;
  const e = unwrapTs(expr);
  if (e.type === 'Identifier') return truth && names.locals.has(e.name);
  if ((e.type === 'MemberExpression' || e.type === 'OptionalMemberExpression') && !e.computed)
    return (
      truth &&
      e.object.type === 'Identifier' &&
      names.objects.has(e.object.name) &&
      e.property.type === 'Identifier' &&
      e.property.name === 'isAuthenticated'
    );
  if (e.type === 'UnaryExpression' && e.operator === '!')
    return saysAuthenticated(e.argument, !truth, names, depth + 1);
  if (e.type === 'LogicalExpression' && e.operator === (truth ? '&&' : '||'))
    return saysAuthenticated(e.left, truth, names, depth + 1) || saysAuthenticated(e.right, truth, names, depth + 1);
  return false;
}

const exits = (s: t.Statement): boolean => {
  const last = s.type === 'BlockStatement' ? s.body[s.body.length - 1] : s;
  return last?.type === 'ReturnStatement' || last?.type === 'ThrowStatement';
};

/** Whether a statement before `child` in its block returns early unless Convex has accepted the token. */
function returnedBefore(body: readonly t.Statement[], child: t.Node, names: ConvexAuthNames): boolean {
  for (const s of body) {
    if (s === child) return false;
    if (s.type === 'IfStatement' && !s.alternate && exits(s.consequent) && saysAuthenticated(s.test, false, names))
      return true;
  }
  return false;
}

/** Whether `node` (with its ancestors, outermost first) renders only once useConvexAuth() says isAuthenticated. */
export function authenticatedBranch(node: t.Node, ancestors: readonly t.Node[], names: ConvexAuthNames): boolean {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const parent = ancestors[i];
    const child = i + 1 < ancestors.length ? ancestors[i + 1] : node;
    switch (parent.type) {
      case 'ConditionalExpression':
      case 'IfStatement':
        if (child === parent.consequent && saysAuthenticated(parent.test, true, names)) return true;
        if (child === parent.alternate && saysAuthenticated(parent.test, false, names)) return true;
        break;
      case 'LogicalExpression':
        if (child === parent.right && parent.operator === '&&' && saysAuthenticated(parent.left, true, names))
          return true;
        if (child === parent.right && parent.operator === '||' && saysAuthenticated(parent.left, false, names))
          return true;
        break;
      case 'BlockStatement':
        if (returnedBefore(parent.body, child, names)) return true;
        break;
      default:
        break;
    }
  }
  return false;
}
