// identity-from-args: a public query, mutation or action that takes the user it acts for from its arguments
// (`userId`, `clerkId`, `ownerId`, `tokenIdentifier`, …) and uses it to read, look up or write rows. Any client can
// send any id, so the function serves whoever it is told to be. Convex vouches only for the caller in ctx.auth.
// Left alone: internal functions (no client can call them), functions that bind the argument to the caller (compare
// it with the identity, or hand both to an access check), that call an access check at all (`requireAdmin(ctx)`),
// that act as the caller and treat the argument as another user (the identity is used in the database too), and
// reads that return only another user's public profile (name, picture).
import type * as t from '@babel/types';
import { callsGetUserIdentity, endOf, indentAt, keyName, startOf, unwrapTs } from '../ast';
import { RULES } from '../ruleCatalog';
import { visitChildren, walkNodes } from '../traverse';
import type { Fix, TextEdit } from '../types';
import { report, type RuleContext } from './shared';
import { returnShape, userRowArg } from './identityArgShapes';

const PUBLIC_KINDS = new Map([
  ['query', 'query'],
  ['mutation', 'mutation'],
  ['action', 'action'],
  ['queryGeneric', 'query'],
  ['mutationGeneric', 'mutation'],
  ['actionGeneric', 'action'],
]);
/** Argument names that name the user a function acts for. */
const USER_ARG =
  /^(user_?id|uid|clerk_?(user_?)?id|owner_?id|author_?id|creator_?id|created_?by|token_?identifier|current_?user_?id|viewer_?id|external_?id|subject)$/i;
/** Names of functions that check access (the convention of @convex-dev/eslint-plugin's require-access-control). */
const ACCESS_CHECK = /^(require|assert|check|ensure|verify|authori[sz]e|can|has|must)([A-Z_]|$)/;
/** Helpers that return the caller (given ctx): getCurrentUser(ctx), getAuthUserId(ctx), requireIdentity(ctx). */
const CALLER_HELPER = /user|identity|auth|viewer|caller|^me$|member|session/i;
/** Fields of a user row that any signed-in user may see of another (a public profile). */
const PUBLIC_FIELDS = new Set([
  'name',
  'image',
  'imageUrl',
  'avatar',
  'avatarUrl',
  'pictureUrl',
  'picture',
  'photo',
  'photoUrl',
  'username',
  'displayName',
  'firstName',
  'lastName',
  'bio',
]);
const DB_WRITES = new Set(['insert', 'patch', 'replace', 'delete']);

interface PublicFunction {
  kind: string;
  exportName: string;
  config?: t.ObjectExpression;
  handler: t.Function;
}

function isGeneratedServer(source: string): boolean {
  return /(^|\/)_generated\/server(\.[cm]?[jt]s)?$/.test(source) || source === 'convex/server';
}

function publicFunctions(rc: RuleContext): PublicFunction[] {
  const { scan } = rc;
  const found: PublicFunction[] = [];
  const kindOf = (init: t.Node | null | undefined): { kind: string; call: t.CallExpression } | undefined => {
    const e = init && unwrapTs(init);
    if (e?.type !== 'CallExpression' || e.callee.type !== 'Identifier') return undefined;
    const binding = scan.imports.get(e.callee.name);
    if (!binding || !isGeneratedServer(binding.source)) return undefined;
    const kind = PUBLIC_KINDS.get(binding.imported);
    return kind ? { kind, call: e } : undefined;
  };
  const add = (exportName: string, init: t.Node | null | undefined): void => {
    const k = kindOf(init);
    const arg = k?.call.arguments[0];
    if (!k || !arg) return;
    const a = unwrapTs(arg);
    if (a.type === 'ArrowFunctionExpression' || a.type === 'FunctionExpression') {
      found.push({ kind: k.kind, exportName, handler: a });
      return;
    }
    if (a.type !== 'ObjectExpression') return;
    for (const p of a.properties) {
      if (p.type === 'SpreadElement' || keyName(p) !== 'handler') continue;
      const value = p.type === 'ObjectMethod' ? p : unwrapTs(p.value);
      if (
        value.type === 'ObjectMethod' ||
        value.type === 'ArrowFunctionExpression' ||
        value.type === 'FunctionExpression'
      )
        found.push({ kind: k.kind, exportName, config: a, handler: value });
    }
  };
  for (const s of scan.program.body) {
    if (s.type === 'ExportNamedDeclaration' && s.declaration?.type === 'VariableDeclaration') {
      for (const d of s.declaration.declarations) if (d.id.type === 'Identifier') add(d.id.name, d.init);
    } else if (s.type === 'ExportDefaultDeclaration') {
      add('default', s.declaration);
    }
  }
  return found;
}

interface UserArg {
  name: string;
  /** The `userId: v.string()` property of `args`, or the destructured parameter when there is no validator. */
  declared: t.Node;
  validator?: t.Node;
  /** Named only by its validator (`v.id("users")`): reported for writes alone. */
  writesOnly?: boolean;
}

function argsObject(fn: PublicFunction): t.ObjectExpression | undefined {
  const prop = fn.config?.properties.find(
    (p): p is t.ObjectProperty => p.type === 'ObjectProperty' && keyName(p) === 'args',
  );
  let value = prop && unwrapTs(prop.value);
  // `args: v.object({ … })`
  if (value?.type === 'CallExpression' && value.arguments[0]) value = unwrapTs(value.arguments[0]);
  return value?.type === 'ObjectExpression' ? value : undefined;
}

function userArgs(fn: PublicFunction): UserArg[] {
  const args = argsObject(fn);
  const out: UserArg[] = [];
  if (args) {
    for (const p of args.properties) {
      if (p.type !== 'ObjectProperty') continue;
      const key = keyName(p);
      if (key && USER_ARG.test(key)) out.push({ name: key, declared: p, validator: p.value });
    }
    const row = out.length === 0 ? userRowArg(args) : undefined;
    const rowKey = row && keyName(row);
    if (row && rowKey) out.push({ name: rowKey, declared: row, validator: row.value, writesOnly: true });
    return out;
  }
  const param = fn.handler.params[1];
  if (param?.type === 'ObjectPattern') {
    for (const p of param.properties) {
      const key = p.type === 'ObjectProperty' ? keyName(p) : undefined;
      if (key && USER_ARG.test(key)) out.push({ name: key, declared: p });
    }
  }
  return out;
}

/** Whether a member chain or call starts at `ctx.db` (or a destructured `db`). */
function rootsAtDb(n: t.Node, ctx: string | undefined, db: string | undefined): boolean {
  let cur: t.Node = n;
  for (let i = 0; i < 40; i++) {
    const e = unwrapTs(cur);
    if (e.type === 'CallExpression' || e.type === 'OptionalCallExpression') cur = e.callee;
    else if (e.type === 'MemberExpression' || e.type === 'OptionalMemberExpression') {
      const o = unwrapTs(e.object);
      if (o.type === 'Identifier' && o.name === ctx && !e.computed && e.property.type === 'Identifier')
        return e.property.name === 'db';
      cur = e.object;
    } else if (e.type === 'AwaitExpression') cur = e.argument;
    else return e.type === 'Identifier' && e.name === db;
  }
  return false;
}

/** The last member name of a db call chain (`insert`, `get`, `withIndex`), when it is a direct `ctx.db.X(…)`. */
function dbMethod(call: t.CallExpression): string | undefined {
  const callee = call.callee;
  return callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier'
    ? callee.property.name
    : undefined;
}

interface HandlerFacts {
  /** Uses of each user argument: where it is read, and whether that read is inside a database call or a helper. */
  refs: Map<string, { node: t.Node; sink?: { node: t.Node; write: boolean } }[]>;
  /** The whole `args` object handed to a database write (`ctx.db.insert("users", args)`). */
  wholeArgsWrite?: t.Node;
  accessCheck: boolean;
  identityInDb: boolean;
  bound: Set<string>;
  /** Locals of the identity (`const identity = await ctx.auth.getUserIdentity()`), with their declarations. */
  identities: Map<string, t.VariableDeclarator>;
  /** A return of an object literal built only from public profile fields. */
  returnsPublicOnly: boolean;
  returnsOther: boolean;
}

/** `await ctx.auth.getUserIdentity()` (through TypeScript wrappers). */
function readsIdentity(n: t.Node): boolean {
  const e = unwrapTs(n);
  return callsGetUserIdentity(e.type === 'AwaitExpression' ? unwrapTs(e.argument) : e);
}

function paramName(p: t.Node | undefined): string | undefined {
  return p?.type === 'Identifier' ? p.name : undefined;
}

function readHandler(fn: PublicFunction, names: readonly string[]): HandlerFacts {
  const handler = fn.handler;
  const ctxParam = handler.params[0];
  const ctx = paramName(ctxParam);
  const db =
    ctxParam?.type === 'ObjectPattern'
      ? ctxParam.properties
          .map((p) =>
            p.type === 'ObjectProperty' && keyName(p) === 'db' && p.value.type === 'Identifier'
              ? p.value.name
              : undefined,
          )
          .find(Boolean)
      : undefined;
  const argsParam = handler.params[1];
  const argsName = paramName(argsParam);
  // Local name → the user argument it holds.
  const locals = new Map<string, string>();
  if (argsParam?.type === 'ObjectPattern') {
    for (const p of argsParam.properties) {
      const key = p.type === 'ObjectProperty' ? keyName(p) : undefined;
      if (p.type === 'ObjectProperty' && key && names.includes(key) && p.value.type === 'Identifier')
        locals.set(p.value.name, key);
    }
  }
  const facts: HandlerFacts = {
    refs: new Map(names.map((n) => [n, []])),
    accessCheck: false,
    identityInDb: false,
    bound: new Set(),
    identities: new Map(),
    returnsPublicOnly: false,
    returnsOther: false,
  };
  const callerLocals = new Set<string>();
  /** Rows fetched with a user argument, by the argument. */
  const rowsOf = new Map<string, string>();
  /** The first user argument an expression reads (a bounded look). */
  const argIn = (root: t.Node): string | undefined => {
    const todo: t.Node[] = [root];
    for (let i = 0; i < 200 && todo.length; i++) {
      const n = todo.pop() as t.Node;
      const found = userOf(n);
      if (found) return found;
      visitChildren(n, (c) => {
        if (c) todo.push(c);
      });
    }
    return undefined;
  };
  /** Locals holding a row read from the database (`const chat = await ctx.db.get(id)`). */
  const rowLocals = new Set<string>();
  /** `user.clerkId` of a row fetched with a user argument: that argument. */
  const rowArg = (n: t.Node): string | undefined => {
    let e = unwrapTs(n);
    while (e.type === 'MemberExpression' || e.type === 'OptionalMemberExpression') e = unwrapTs(e.object);
    return e.type === 'Identifier' ? rowsOf.get(e.name) : undefined;
  };
  const readsRow = (n: t.Node): boolean => {
    let e = unwrapTs(n);
    while (e.type === 'MemberExpression' || e.type === 'OptionalMemberExpression') e = unwrapTs(e.object);
    return e.type === 'Identifier' && rowLocals.has(e.name);
  };
  const userOf = (n: t.Node): string | undefined => {
    const e = unwrapTs(n);
    if (e.type === 'Identifier') return locals.get(e.name);
    if (
      (e.type === 'MemberExpression' || e.type === 'OptionalMemberExpression') &&
      !e.computed &&
      e.property.type === 'Identifier' &&
      e.object.type === 'Identifier' &&
      e.object.name === argsName &&
      names.includes(e.property.name)
    )
      return e.property.name;
    return undefined;
  };
  const callerValue = (n: t.Node, depth = 0): boolean => {
    const e = unwrapTs(n);
    if (depth > 6) return false;
    if (e.type === 'Identifier') return callerLocals.has(e.name);
    if (e.type === 'MemberExpression' || e.type === 'OptionalMemberExpression') return callerValue(e.object, depth + 1);
    if (e.type === 'AwaitExpression') return callerValue(e.argument, depth + 1);
    if (e.type === 'CallExpression') {
      if (callsGetUserIdentity(e)) return true;
      const c = e.callee;
      const first = e.arguments[0];
      return (
        c.type === 'Identifier' && CALLER_HELPER.test(c.name) && first?.type === 'Identifier' && first.name === ctx
      );
    }
    return false;
  };

  walkNodes(handler.body, (node, ancestors) => {
    const parent = ancestors[ancestors.length - 1];
    if (node.type === 'VariableDeclarator' && node.init) {
      if (node.id.type === 'Identifier' && rootsAtDb(node.init, ctx, db)) {
        rowLocals.add(node.id.name);
        // `const user = await ctx.db.get(args.userId)`: the row stands for the argument (its owner check binds it).
        const arg = argIn(node.init);
        if (arg) rowsOf.set(node.id.name, arg);
      }
      if (callerValue(node.init)) {
        if (node.id.type === 'Identifier') {
          callerLocals.add(node.id.name);
          if (readsIdentity(node.init)) facts.identities.set(node.id.name, node);
        } else if (node.id.type === 'ObjectPattern') {
          for (const p of node.id.properties)
            if (p.type === 'ObjectProperty' && p.value.type === 'Identifier') callerLocals.add(p.value.name);
        }
      } else if (node.id.type === 'ObjectPattern' && unwrapTs(node.init).type === 'Identifier') {
        // `const { userId } = args`
        const from = unwrapTs(node.init) as t.Identifier;
        if (from.name === argsName)
          for (const p of node.id.properties) {
            const key = p.type === 'ObjectProperty' ? keyName(p) : undefined;
            if (p.type === 'ObjectProperty' && key && names.includes(key) && p.value.type === 'Identifier')
              locals.set(p.value.name, key);
          }
      } else if (node.id.type === 'Identifier' && userOf(node.init)) {
        locals.set(node.id.name, userOf(node.init) as string);
      }
    }
    if (node.type === 'CallExpression' && node.callee.type === 'Identifier') {
      const passesCtx = node.arguments.some((a) => a.type === 'Identifier' && a.name === ctx);
      if (ACCESS_CHECK.test(node.callee.name) && (passesCtx || node.arguments.some((a) => callerValue(a)))) {
        facts.accessCheck = true;
      }
    }
    if (node.type === 'BinaryExpression' && ['===', '!==', '==', '!='].includes(node.operator)) {
      const l = userOf(node.left) ?? rowArg(node.left);
      const r = userOf(node.right) ?? rowArg(node.right);
      if (l && callerValue(node.right)) facts.bound.add(l);
      if (r && callerValue(node.left)) facts.bound.add(r);
      // `row.userId !== args.userId`: an owner check against the caller's claim filters what a read returns.
      if (l && readsRow(node.right)) facts.refs.get(l)?.push({ node: node.left, sink: { node, write: false } });
      if (r && readsRow(node.left)) facts.refs.get(r)?.push({ node: node.right, sink: { node, write: false } });
    }
    if (node.type === 'ReturnStatement' && node.argument) {
      const shape = returnShape(node.argument, PUBLIC_FIELDS);
      if (shape === 'public') facts.returnsPublicOnly = true;
      else if (shape === 'other') facts.returnsOther = true;
    }
    // A read of a user argument (or of the identity): which database call or helper, if any, it flows into.
    const user = node.type === 'Identifier' || node.type === 'MemberExpression' ? userOf(node) : undefined;
    const grand = ancestors[ancestors.length - 2];
    const isName =
      node.type === 'Identifier' &&
      parent &&
      (((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') &&
        parent.property === node &&
        !parent.computed) ||
        (parent.type === 'ObjectProperty' && parent.key === node && !parent.shorthand) ||
        (parent.type === 'ObjectProperty' && grand?.type === 'ObjectPattern') ||
        parent.type === 'VariableDeclarator');
    const identity = node.type === 'Identifier' && !isName && callerLocals.has(node.name);
    const wholeArgs =
      node.type === 'Identifier' && node.name === argsName && !isName && parent?.type !== 'MemberExpression';
    if ((user && !isName) || identity || wholeArgs) {
      let sink: { node: t.Node; write: boolean } | undefined;
      for (let i = ancestors.length - 1; i >= 0 && !sink; i--) {
        const a = ancestors[i];
        if (a?.type !== 'CallExpression') continue;
        if (rootsAtDb(a, ctx, db)) {
          const method = dbMethod(a);
          sink = { node: a, write: method !== undefined && DB_WRITES.has(method) };
        } else if (
          a.callee.type === 'MemberExpression' &&
          a.callee.object.type === 'Identifier' &&
          a.callee.object.name === ctx &&
          a.callee.property.type === 'Identifier' &&
          /^run(Query|Mutation|Action)$/.test(a.callee.property.name)
        ) {
          sink = { node: a, write: a.callee.property.name !== 'runQuery' };
        } else if (a.arguments.some((x) => x.type === 'Identifier' && x.name === ctx)) {
          sink = { node: a, write: false };
        }
      }
      if (identity && sink) facts.identityInDb = true;
      if (user && !isName) facts.refs.get(user)?.push({ node, ...(sink ? { sink } : {}) });
      if (wholeArgs && sink?.write) facts.wholeArgsWrite = node;
    }
  });
  return facts;
}

/** A short name for where the argument goes: `ctx.db.query("notes")`, `ctx.db.insert("users", …)`, `getProfile(ctx, …)`. */
function describeSink(rc: RuleContext, sink: t.Node): string {
  const text = rc.scan.text;
  let call: t.Node = sink;
  // Down the chain to the call made on ctx.db itself (`.first()` ← `.withIndex(…)` ← `ctx.db.query("notes")`).
  for (let i = 0; i < 40 && call.type === 'CallExpression'; i++) {
    const callee: t.Node = call.callee;
    if (callee.type !== 'MemberExpression' || callee.object.type !== 'CallExpression') break;
    call = callee.object;
  }
  if (call.type === 'CallExpression') {
    const callee = text.slice(startOf(call.callee), endOf(call.callee)).replace(/\s+/g, '');
    const first = call.arguments[0];
    const firstText = first?.type === 'StringLiteral' ? text.slice(startOf(first), endOf(first)) : first ? '…' : '';
    return `${callee}(${firstText}${call.arguments.length > 1 ? ', …' : ''})`;
  }
  const written = text.slice(startOf(sink), endOf(sink)).replace(/\s+/g, ' ');
  return written.length > 60 ? `${written.slice(0, 57)}…` : written;
}

/** `identity.subject` for a string Clerk id, `identity.tokenIdentifier` for one; none for a document id. */
function replacementFor(arg: UserArg, rc: RuleContext): string | undefined {
  const validator = arg.validator ? rc.scan.text.slice(startOf(arg.validator), endOf(arg.validator)) : '';
  if (!/^v\.(string|optional\(v\.string)\(/.test(validator)) return undefined;
  return /^token_?identifier$/i.test(arg.name) ? 'tokenIdentifier' : 'subject';
}

/** Removes an object property with its comma (and the line, when it sits on one of its own). */
function removeProperty(rc: RuleContext, obj: t.ObjectExpression, prop: t.Node): TextEdit {
  const text = rc.scan.text;
  const props = obj.properties;
  const i = props.indexOf(prop as (typeof props)[number]);
  const next = props[i + 1];
  if (next) return { start: startOf(prop), end: startOf(next), newText: '' };
  const prev = props[i - 1];
  if (prev) return { start: endOf(prev), end: endOf(prop) + (text[endOf(prop)] === ',' ? 1 : 0), newText: '' };
  return { start: startOf(obj) + 1, end: endOf(obj) - 1, newText: '' };
}

function fixFor(rc: RuleContext, fn: PublicFunction, arg: UserArg, facts: HandlerFacts): Fix | undefined {
  const field = replacementFor(arg, rc);
  const args = argsObject(fn);
  const body = fn.handler.body;
  const ctx = paramName(fn.handler.params[0]);
  const refs = facts.refs.get(arg.name) ?? [];
  if (!field || !args || !ctx || body.type !== 'BlockStatement' || facts.wholeArgsWrite || !fn.handler.async)
    return undefined;
  if (facts.identities.size > 0) return undefined; // an identity is read already: how it is used is the author's call
  const text = rc.scan.text;
  const first = body.body[0];
  const indent = first ? indentAt(text, startOf(first)) : '    ';
  const edits: TextEdit[] = [
    removeProperty(rc, args, arg.declared),
    {
      start: first ? startOf(first) : startOf(body) + 1,
      end: first ? startOf(first) : startOf(body) + 1,
      newText: `const identity = await ${ctx}.auth.getUserIdentity();\n${indent}if (identity === null) throw new Error("Not authenticated");\n${first ? indent : ''}`,
    },
  ];
  const argsParam = fn.handler.params[1];
  for (const ref of refs) {
    const node = ref.node;
    edits.push({ start: startOf(node), end: endOf(node), newText: `identity.${field}` });
  }
  // A destructured parameter (`{ userId, name }`) loses the key; a shorthand `{ userId }` in a write keeps the field.
  if (argsParam?.type === 'ObjectPattern') {
    const p = argsParam.properties.find((x) => x.type === 'ObjectProperty' && keyName(x) === arg.name);
    if (p) {
      const others = argsParam.properties.filter((x) => x !== p);
      if (others.length === 0) edits.push({ start: startOf(argsParam), end: endOf(argsParam), newText: '{}' });
      else {
        const i = argsParam.properties.indexOf(p);
        const next = argsParam.properties[i + 1];
        const prev = argsParam.properties[i - 1];
        edits.push(
          next
            ? { start: startOf(p), end: startOf(next), newText: '' }
            : { start: prev ? endOf(prev) : startOf(p), end: endOf(p), newText: '' },
        );
      }
    }
  }
  // Shorthand properties (`insert("notes", { userId, … })`): the edit on the reference already wrote the value;
  // it must keep the key.
  const fixedEdits = edits.map((e) => {
    const ref = refs.find((r) => startOf(r.node) === e.start && endOf(r.node) === e.end);
    if (!ref) return e;
    const shorthand =
      text.slice(e.end).match(/^\s*[,}\n]/) && text.slice(Math.max(0, e.start - 2), e.start).match(/[{,]\s?$/);
    return shorthand && ref.node.type === 'Identifier' ? { ...e, newText: `${ref.node.name}: identity.${field}` } : e;
  });
  return {
    title: `Take the user from ctx.auth (identity.${field}) instead of the \`${arg.name}\` argument`,
    mechanical: false, // callers that still send the argument would now fail validation: review them too
    edits: fixedEdits,
  };
}

export function identityFromArgsRules(rc: RuleContext): void {
  if (!rc.scan.importDecls.some((d) => isGeneratedServer(d.source.value))) return;
  for (const fn of publicFunctions(rc)) {
    const args = userArgs(fn);
    if (args.length === 0) continue;
    const facts = readHandler(
      fn,
      args.map((a) => a.name),
    );
    if (facts.accessCheck || facts.identityInDb) continue;
    for (const arg of args) {
      if (facts.bound.has(arg.name)) continue;
      const refs = facts.refs.get(arg.name) ?? [];
      const sinks = refs.filter((r) => r.sink);
      const write = sinks.find((r) => r.sink?.write);
      const wholeWrite = facts.wholeArgsWrite && argsObject(fn) ? facts.wholeArgsWrite : undefined;
      if (sinks.length === 0 && !wholeWrite) continue;
      if (arg.writesOnly && !write && !wholeWrite) continue;
      if (!write && !wholeWrite && facts.returnsPublicOnly && !facts.returnsOther) continue;
      const sink = write?.sink ?? (wholeWrite ? { node: wholeWrite, write: true } : sinks[0]?.sink);
      if (!sink) continue;
      const does = sink.write
        ? `writes rows for it (${describeSink(rc, sink.node)})`
        : `reads rows by it (${describeSink(rc, sink.node)})`;
      const fix = fixFor(rc, fn, arg, facts);
      report(
        rc,
        RULES.identityFromArgs,
        startOf(arg.declared),
        endOf(arg.declared),
        `\`${arg.name}\` comes from the caller, so any client can send another user's id, and this ${fn.kind} ${does}. Convex vouches only for the user in ctx.auth: take the user from \`(await ctx.auth.getUserIdentity())\` (its \`subject\` is the Clerk user id) instead of an argument. Lesson 7 builds on this: each user's own rows only.`,
        fix ? [fix] : [],
        [{ start: startOf(sink.node), end: endOf(sink.node), message: `${arg.name} is used here` }],
      );
    }
  }
}
