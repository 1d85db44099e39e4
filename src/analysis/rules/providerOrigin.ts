// Whose a provider tag is: Convex's, or the project's own component that happens to bear the name; and whether a
// plain ConvexProvider's client is given the token by hand. Asked only of tags named like Convex's providers.
import type * as t from '@babel/types';
import { memoised, outermostFn, type ElementInfo, type Scan } from '../scanRecords';

function addDeclared(names: Set<string>, d: t.Node | null | undefined): void {
  if (!d) return;
  if ((d.type === 'FunctionDeclaration' || d.type === 'ClassDeclaration') && d.id) names.add(d.id.name);
  else if (d.type === 'VariableDeclaration')
    for (const v of d.declarations) if (v.id.type === 'Identifier') names.add(v.id.name);
}

/** The names the file declares at its top level (functions, classes, variables), exported or not. */
function topLevelNames(scan: Scan): ReadonlySet<string> {
  return memoised(scan, 'topLevelNames', () => {
    const names = new Set<string>();
    for (const stmt of scan.program.body)
      addDeclared(
        names,
        stmt.type === 'ExportNamedDeclaration' || stmt.type === 'ExportDefaultDeclaration' ? stmt.declaration : stmt,
      );
    return names;
  });
}

/**
 * A tag with no import that the file itself declares (`const ConvexProviderWithClerk = (…) => …`): the project's own
 * component, whatever it is named, so none of the rules about Convex's component of that name applies to it.
 */
export function declaredInFile(scan: Scan, el: ElementInfo): boolean {
  return !el.binding && !el.name.includes('.') && topLevelNames(scan).has(el.name);
}

const IDENTIFIER_CHARS = /^[\w$.]+$/;

/**
 * Whether the component rendering a ConvexProvider hands its client a token itself, `client.setAuth(fetchToken)`
 * (what ConvexProviderWithClerk does inside, and how apps did it before it existed): that provider does send one.
 */
export function clientGivenAuth(scan: Scan, el: ElementInfo): boolean {
  let client: t.Node | undefined;
  for (const a of el.node.openingElement.attributes)
    if (a.type === 'JSXAttribute' && a.name.type === 'JSXIdentifier' && a.name.name === 'client')
      client = a.value ?? undefined;
  if (client?.type !== 'JSXExpressionContainer' || client.expression.type === 'JSXEmptyExpression') return false;
  const name = scan.text.slice(client.expression.start ?? 0, client.expression.end ?? 0).replace(/\s+/g, '');
  if (!IDENTIFIER_CHARS.test(name)) return false;
  const fn = outermostFn(el.fn)?.node;
  const body = fn ? scan.text.slice(fn.start ?? 0, fn.end ?? 0) : scan.text;
  const escaped = name.replace(/[.$]/g, (c) => `\\${c}`);
  return new RegExp(`(?<![\\w$.])${escaped}\\s*\\??\\.\\s*setAuth\\s*\\(`).test(body);
}
