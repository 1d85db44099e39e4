// A convex/nextjs call without `{ token }` in a server file whose other calls pass one: the file has the Clerk token
// (from a helper of its own, `const token = await getAuthToken()`), so this call is judged as in a file that asks
// Clerk itself, and the fix hands it the same token.
import type * as t from '@babel/types';
import { endOf, keyName, startOf, unwrapTs } from '../ast';
import type { FnInfo, Scan } from '../scanRecords';
import type { Fix } from '../types';

/** The name a call's options pass as the token (`{ token }`, `{ token: convexToken }`), if a plain name. */
function tokenName(options: t.Node | undefined): string | undefined {
  const o = options && unwrapTs(options);
  if (o?.type !== 'ObjectExpression') return undefined;
  for (const p of o.properties) {
    if (p.type !== 'ObjectProperty' || keyName(p) !== 'token') continue;
    const v = unwrapTs(p.value);
    return v.type === 'Identifier' ? v.name : undefined;
  }
  return undefined;
}

/** Whether `name` is declared in `fn`'s own body before `at` (`const token = await getAuthToken();`). */
function declaredBefore(fn: FnInfo | undefined, name: string, at: number): boolean {
  const body = fn?.node.body;
  if (body?.type !== 'BlockStatement') return false;
  for (const s of body.body) {
    if (startOf(s) >= at) break;
    if (s.type !== 'VariableDeclaration') continue;
    if (s.declarations.some((d) => d.id.type === 'Identifier' && d.id.name === name)) return true;
  }
  return fn?.node.params.some((p) => p.type === 'Identifier' && p.name === name) ?? false;
}

/** The tokens this file's convex/nextjs calls pass, by the function they are passed in. */
export function siblingTokens(scan: Scan): Map<FnInfo | undefined, string[]> {
  const out = new Map<FnInfo | undefined, string[]>();
  for (const c of scan.serverCalls) {
    if (c.binding?.source !== 'convex/nextjs') continue;
    const name = tokenName(c.node.arguments[2]);
    if (!name) continue;
    const list = out.get(c.fn) ?? [];
    list.push(name);
    out.set(c.fn, list);
  }
  return out;
}

/** Passes the token a sibling call in the same function passes, when it is declared before this call. */
export function siblingTokenFix(call: t.CallExpression, fn: FnInfo | undefined, names: readonly string[]): Fix[] {
  const name = names.find((n) => declaredBefore(fn, n, startOf(call)));
  if (!name) return [];
  const prop = name === 'token' ? 'token' : `token: ${name}`;
  const args = call.arguments;
  const options = args[2] ? unwrapTs(args[2]) : undefined;
  let edit;
  if (options?.type === 'ObjectExpression') {
    const last = options.properties[options.properties.length - 1];
    const at = last ? endOf(last) : startOf(options) + 1;
    edit = { start: at, end: at, newText: last ? `, ${prop}` : ` ${prop} ` };
  } else {
    const after = args[1] ?? args[0];
    if (!after) return [];
    edit = { start: endOf(after), end: endOf(after), newText: `${args[1] ? '' : ', {}'}, { ${prop} }` };
  }
  return [{ title: `Pass ${name}, as this file's other calls do`, mechanical: true, edits: [edit] }];
}
