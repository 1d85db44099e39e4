// The root route: beforeLoad has the token, the context's Convex server client never gets it.
import type * as t from '@babel/types';
import { endOf, indentAt, keyName, startOf, unwrapTs } from '../../ast';
import { RULES } from '../../ruleCatalog';
import type { Fix, TextEdit } from '../../types';
import { report, type RuleContext } from '../shared';
import { canonical, importedFrom, isFunction, semi, within, type AnyFunction, type Facts } from './facts';

interface ContextClient {
  key: string;
  optional: boolean;
  kind: 'queryClient' | 'httpClient';
}

function typeMembers(rc: RuleContext, type: t.TSType | undefined, depth = 0): t.TSTypeElement[] {
  if (!type || depth > 4) return [];
  if (type.type === 'TSTypeLiteral') return type.members;
  if (type.type === 'TSIntersectionType') return type.types.flatMap((part) => typeMembers(rc, part, depth + 1));
  if (type.type !== 'TSTypeReference' || type.typeName.type !== 'Identifier') return [];
  const name = type.typeName.name;
  for (const stmt of rc.scan.program.body) {
    const decl = stmt.type === 'ExportNamedDeclaration' ? stmt.declaration : stmt;
    if (decl?.type === 'TSInterfaceDeclaration' && decl.id.name === name) return decl.body.body;
    if (decl?.type === 'TSTypeAliasDeclaration' && decl.id.name === name)
      return typeMembers(rc, decl.typeAnnotation, depth + 1);
  }
  return [];
}

/** `ConvexQueryClient` from @convex-dev/react-query, `ConvexHttpClient` from convex/browser, also `… | undefined`. */
function clientKind(
  rc: RuleContext,
  type: t.TSType,
): { kind: ContextClient['kind']; orUndefined: boolean } | undefined {
  const parts = type.type === 'TSUnionType' ? type.types : [type];
  let kind: ContextClient['kind'] | undefined;
  let orUndefined = false;
  for (const part of parts) {
    if (part.type === 'TSUndefinedKeyword' || part.type === 'TSNullKeyword') orUndefined = true;
    if (part.type !== 'TSTypeReference' || part.typeName.type !== 'Identifier') continue;
    const local = part.typeName.name;
    const name = canonical(rc, local);
    if (name === 'ConvexQueryClient' && importedFrom(rc, local, ['@convex-dev/react-query'])) kind = 'queryClient';
    if (name === 'ConvexHttpClient' && importedFrom(rc, local, ['convex/browser'])) kind = 'httpClient';
  }
  return kind && { kind, orUndefined };
}

function contextClient(rc: RuleContext, type: t.TSType | undefined): ContextClient | undefined {
  for (const m of typeMembers(rc, type)) {
    if (m.type !== 'TSPropertySignature' || m.computed || !m.typeAnnotation) continue;
    const key = m.key.type === 'Identifier' ? m.key.name : m.key.type === 'StringLiteral' ? m.key.value : undefined;
    const kind = key && /^[A-Za-z_$][\w$]*$/.test(key) ? clientKind(rc, m.typeAnnotation.typeAnnotation) : undefined;
    if (key && kind) return { key, optional: m.optional === true || kind.orUndefined, kind: kind.kind };
  }
  return undefined;
}

function beforeLoadOf(options: t.ObjectExpression): { key: t.Node; fn: AnyFunction } | undefined {
  for (const p of options.properties) {
    if (p.type === 'ObjectMethod' && keyName(p) === 'beforeLoad') return { key: p.key, fn: p };
    if (p.type === 'ObjectProperty' && keyName(p) === 'beforeLoad') {
      const value = unwrapTs(p.value);
      if (isFunction(value)) return { key: p.key, fn: value };
    }
  }
  return undefined;
}

/** The token beforeLoad holds: `const { token } = await fetchClerkAuth()`, `const token = …`, or `auth.token`. */
function tokenInBeforeLoad(rc: RuleContext, fn: AnyFunction): { expr: string; after: t.Statement } | undefined {
  if (fn.body.type !== 'BlockStatement') return undefined;
  const text = rc.scan.text;
  const bodyText = text.slice(startOf(fn.body), endOf(fn.body));
  for (const stmt of fn.body.body) {
    if (stmt.type !== 'VariableDeclaration') continue;
    for (const d of stmt.declarations) {
      if (d.id.type === 'ObjectPattern') {
        for (const p of d.id.properties) {
          if (p.type !== 'ObjectProperty' || keyName(p) !== 'token') continue;
          const value = p.value.type === 'AssignmentPattern' ? p.value.left : p.value;
          if (value.type === 'Identifier') return { expr: value.name, after: stmt };
        }
      } else if (d.id.type === 'Identifier') {
        const name = d.id.name;
        if (/token$/i.test(name)) return { expr: name, after: stmt };
        if (new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}\\??\\.token\\b`).test(bodyText))
          return { expr: `${name}.token`, after: stmt };
      }
    }
  }
  return undefined;
}

/** How beforeLoad reaches the route context, with the edit that gives it a way when it has none. */
function contextAccess(rc: RuleContext, fn: AnyFunction): { expr: string; edit?: TextEdit } | undefined {
  const param = fn.params[0];
  if (!param) {
    const close = rc.scan.text.lastIndexOf(')', startOf(fn.body));
    return close > startOf(fn)
      ? { expr: 'context', edit: { start: close, end: close, newText: '{ context }' } }
      : undefined;
  }
  if (param.type === 'Identifier') return { expr: `${param.name}.context` };
  if (param.type !== 'ObjectPattern') return undefined;
  for (const p of param.properties) {
    if (p.type === 'ObjectProperty' && keyName(p) === 'context')
      return p.value.type === 'Identifier' ? { expr: p.value.name } : undefined;
  }
  const first = param.properties[0];
  if (!first)
    return { expr: 'context', edit: { start: startOf(param) + 1, end: startOf(param) + 1, newText: ' context ' } };
  if (first.type === 'RestElement') return undefined;
  return { expr: 'context', edit: { start: startOf(first), end: startOf(first), newText: 'context, ' } };
}

function setAuthCall(context: string, client: ContextClient, token: string): string {
  const member = `${context}.${client.key}${client.optional ? '?.' : '.'}`;
  return client.kind === 'queryClient' ? `${member}serverHttpClient?.setAuth(${token})` : `${member}setAuth(${token})`;
}

function rootFixes(
  rc: RuleContext,
  facts: Facts,
  fn: AnyFunction,
  client: ContextClient,
  token: { expr: string; after: t.Statement } | undefined,
): Fix[] {
  const access = contextAccess(rc, fn);
  if (!access || fn.body.type !== 'BlockStatement') return [];
  const text = rc.scan.text;
  const edits: TextEdit[] = access.edit ? [access.edit] : [];
  if (token) {
    const indent = indentAt(text, startOf(token.after));
    const at = endOf(token.after);
    edits.push({
      start: at,
      end: at,
      newText: `\n${indent}if (${token.expr}) ${setAuthCall(access.expr, client, token.expr)}${semi(rc, token.after)}`,
    });
    return [
      {
        title: `Hand the Clerk token to Convex's server client: ${setAuthCall(access.expr, client, token.expr)}`,
        mechanical: !access.edit,
        edits,
      },
    ];
  }
  // beforeLoad does not fetch the token yet: call this file's own server function that returns it.
  const fetcher = [...facts.serverFns].find(([, handler]) =>
    facts.tokenReads.some((r) => r.fn !== undefined && within(r.fn, handler)),
  );
  if (!fetcher || !fn.async) return [];
  const [name, handler] = fetcher;
  const handlerText = text.slice(startOf(handler), endOf(handler));
  const returnsObject = /return\s*\{[^}]*\btoken\b/.test(handlerText);
  const first = fn.body.body[0];
  const indent = first ? indentAt(text, startOf(first)) : `${indentAt(text, startOf(fn))}  `;
  const end = first && semi(rc, first) === '' ? '' : ';';
  const lines = `\n${indent}const ${returnsObject ? '{ token }' : 'token'} = await ${name}()${end}\n${indent}if (token) ${setAuthCall(access.expr, client, 'token')}${end}`;
  const at = startOf(fn.body) + 1;
  edits.push({ start: at, end: at, newText: lines });
  return [
    { title: `Get the Clerk token from ${name}() and hand it to Convex's server client`, mechanical: false, edits },
  ];
}

/**
 * beforeLoad gives the context's client, or the token, to code of another file (`await useConvexAuth(context,
 * token)`): that code may well call setAuth, and it is not read here.
 */
function handsOver(
  rc: RuleContext,
  fn: AnyFunction,
  client: ContextClient,
  token: { expr: string } | undefined,
): boolean {
  const body = rc.scan.text.slice(startOf(fn.body), endOf(fn.body));
  if (new RegExp(`\\b${client.key.replace(/\$/g, '\\$')}\\b`).test(body)) return true;
  if (!token) return false;
  const escaped = token.expr.replace(/[.$]/g, (c) => `\\${c}`);
  return new RegExp(`[(,]\\s*${escaped}\\s*[,)]`).test(body);
}

export function rootRouteRule(rc: RuleContext, facts: Facts, clerkFile: boolean): void {
  if (facts.anySetAuth || !clerkFile) return;
  for (const options of facts.roots) {
    const beforeLoad = beforeLoadOf(options);
    const client = beforeLoad && contextClient(rc, facts.rootTypes.get(options));
    if (!beforeLoad || !client) continue;
    const token = tokenInBeforeLoad(rc, beforeLoad.fn);
    if (!token && facts.tokenReads.length === 0) continue; // no Clerk token on the server in this file: nothing half done
    if (handsOver(rc, beforeLoad.fn, client, token)) continue;
    const call = setAuthCall(contextAccess(rc, beforeLoad.fn)?.expr ?? 'context', client, token?.expr ?? 'token');
    report(
      rc,
      RULES.serverSetAuth,
      startOf(beforeLoad.key),
      endOf(beforeLoad.key),
      `This root route gets Clerk's token on the server but never hands it to Convex: during server rendering no ConvexProviderWithClerk runs, so the loaders' Convex queries through the context's ${client.key} are sent anonymous and ctx.auth.getUserIdentity() is null (on the server only). Call ${call} in beforeLoad, as Convex's TanStack Start guide does.`,
      rootFixes(rc, facts, beforeLoad.fn, client, token),
    );
  }
}
