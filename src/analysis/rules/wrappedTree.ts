// A component that keeps its JSX tree in a variable and renders it from more than one place:
//   const page = (<html>…<ConvexProviderWithClerk>…</html>);
//   if (hasKey) return <ClerkProvider>{page}</ClerkProvider>;
//   return page;
// The elements of that tree have no ClerkProvider above them where they are written, yet on a path ClerkProvider
// wraps them. Which condition chooses the bare path cannot be stated from here, so rules asking "is this element
// outside ClerkProvider?" must not answer yes for it.
import type * as t from '@babel/types';
import { endOf, startOf, unwrapTs } from '../ast';
import { outermostFn, type ElementInfo } from '../scanRecords';
import type { RuleContext } from './shared';

/** The variable holding the JSX tree `el` is written in (`const page = (<html>…</html>)`), if it is one. */
function treeVariable(el: ElementInfo): string | undefined {
  const body = el.fn?.node.body;
  if (body?.type !== 'BlockStatement') return undefined;
  const [s, e] = [startOf(el.node), endOf(el.node)];
  for (const stmt of body.body) {
    if (stmt.type !== 'VariableDeclaration' || endOf(stmt) < s || startOf(stmt) > e) continue;
    for (const d of stmt.declarations) {
      const init = d.init && unwrapTs(d.init);
      if (d.id.type !== 'Identifier' || !init || startOf(init) > s || endOf(init) < e) continue;
      return init.type === 'JSXElement' || init.type === 'JSXFragment' ? d.id.name : undefined;
    }
  }
  return undefined;
}

/** Whether `{name}` is among the JSX children of `node`, at any depth of plain markup. */
function rendersVariable(node: t.JSXElement | t.JSXFragment, name: string, depth = 0): boolean {
  if (depth > 20) return false;
  return node.children.some((c) => {
    if (c.type === 'JSXExpressionContainer') return c.expression.type === 'Identifier' && c.expression.name === name;
    return (c.type === 'JSXElement' || c.type === 'JSXFragment') && rendersVariable(c, name, depth + 1);
  });
}

/** Whether the tree `el` is written in is kept in a variable that a ClerkProvider of the same component renders. */
export function wrappedByClerkElsewhere(rc: RuleContext, el: ElementInfo): boolean {
  const name = treeVariable(el);
  if (!name) return false;
  const component = outermostFn(el.fn);
  return rc.providers.some(
    (p) => p.kind === 'clerk' && outermostFn(p.el.fn) === component && rendersVariable(p.el.node, name),
  );
}
