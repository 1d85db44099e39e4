// What a helper a handler calls does with the caller's identity, read from its body rather than guessed from its
// name: `getValidatedModerator(ctx)` reads ctx.auth and throws (an access check, whatever its name), while
// `checkSpots(ctx, …)` or `requireActiveUser(ctx, args.userId)` never read ctx.auth (they bind nothing to the
// caller). A helper whose body is not in this file is judged by what the index knows of it (an identity helper of
// another file), else not at all: the rule falls back on its name.
import type * as t from '@babel/types';
import { callsGetUserIdentity, unwrapTs } from '../../ast';
import { walkNodes } from '../../traverse';
import { importedHelpers } from '../identityHelpers';
import { importRefersTo } from '../../modulePaths';
import { isLocalModule, type RuleContext } from '../shared';
import { SIGN_IN_NAME } from './signIn';

export interface HelperVerdict {
  /** Whether its body reads the caller's identity: 'unknown' when it hands ctx to code not in this file. */
  reads: 'yes' | 'no' | 'unknown';
  /** It reads the identity and stops on it: throws, or goes through a helper that stops without an identity. */
  check: boolean;
  /** It stops only when something is missing (`if (!identity) throw`): it requires sign-in and checks no access. */
  signInOnly?: boolean;
}

/** `!x`, `x === null`, `x == undefined`, or a `||` of them: a test that something is missing. */
function absence(test: t.Node, depth = 0): boolean {
  const e = unwrapTs(test);
  if (e.type === 'LogicalExpression' && e.operator === '||' && depth < 8)
    return absence(e.left, depth + 1) && absence(e.right, depth + 1);
  if (e.type === 'UnaryExpression' && e.operator === '!') return unwrapTs(e.argument).type === 'Identifier';
  if (e.type !== 'BinaryExpression' || (e.operator !== '===' && e.operator !== '==')) return false;
  const nothing = (n: t.Node): boolean =>
    n.type === 'NullLiteral' || (n.type === 'Identifier' && n.name === 'undefined');
  return (nothing(e.right) && e.left.type === 'Identifier') || (nothing(e.left) && e.right.type === 'Identifier');
}

/** Whether a throw sits in the branch of an `if` that tests only for something missing. */
function thrownOnAbsence(ancestors: readonly t.Node[]): boolean {
  for (let i = ancestors.length - 1; i > 0; i--) {
    const a = ancestors[i];
    const parent = ancestors[i - 1];
    if (parent?.type === 'IfStatement' && parent.consequent === a) return absence(parent.test);
  }
  return false;
}

/** How deep calls from one of the file's helpers to another are followed. */
const DEPTH = 4;

/** The file's top-level declarations that can be called: functions, and consts (a `query({…})` registration too). */
function declarations(program: t.Program): Map<string, t.Node> {
  const out = new Map<string, t.Node>();
  for (const s of program.body) {
    const d = s.type === 'ExportNamedDeclaration' ? s.declaration : s;
    if (d?.type === 'FunctionDeclaration' && d.id) out.set(d.id.name, d);
    else if (d?.type === 'VariableDeclaration')
      for (const v of d.declarations) if (v.id.type === 'Identifier' && v.init) out.set(v.id.name, unwrapTs(v.init));
  }
  return out;
}

const RUN = /^run(Query|Mutation|Action)$/;

/** A judge of the helpers a handler calls by name, each worked out once per file. */
export function helperJudge(rc: RuleContext): (name: string) => HelperVerdict | undefined {
  let decls: Map<string, t.Node> | undefined;
  let known: ReadonlySet<string> | undefined;
  let free: ReadonlySet<string> | undefined;
  const memo = new Map<string, HelperVerdict | undefined>();
  const judge = (name: string, depth: number): HelperVerdict | undefined => {
    if (memo.has(name)) return memo.get(name);
    known ??= new Set([...importedHelpers(rc.scan, rc.context)].filter(([, h]) => !h.builder).map(([n]) => n));
    if (known.has(name)) return { reads: 'yes', check: true, signInOnly: SIGN_IN_NAME.test(name) };
    free ??= identityFreeImports(rc);
    if (free.has(name)) return { reads: 'no', check: false };
    decls ??= declarations(rc.scan.program);
    const node = decls.get(name);
    if (!node || depth > DEPTH) return undefined;
    memo.set(name, { reads: 'no', check: false }); // a recursive call reads nothing more
    let direct = false;
    let throws = false;
    let viaHelper = false;
    let unknown = false;
    let otherStops = false;
    walkNodes(node, (n, ancestors) => {
      if (n.type === 'ThrowStatement') {
        throws = true;
        otherStops ||= !thrownOnAbsence([...ancestors, n]);
      }
      if (n.type !== 'CallExpression') return true;
      if (callsGetUserIdentity(n)) direct = true;
      const callee = n.callee;
      if (
        (callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') &&
        !callee.computed &&
        callee.property.type === 'Identifier' &&
        RUN.test(callee.property.name)
      )
        unknown = true; // the function it runs sees the same identity
      if (callee.type !== 'Identifier' || callee.name === name) return true;
      const inner = judge(callee.name, depth + 1);
      if (inner?.reads === 'yes') {
        direct = true;
        viaHelper ||= inner.check;
        otherStops ||= inner.check && !inner.signInOnly;
      } else if (inner?.reads === 'unknown') unknown = true;
      else if (!inner && !decls?.has(callee.name)) {
        // Not in this file: code of another module given arguments may read the identity (getAuthUserId(ctx)).
        const binding = rc.scan.imports.get(callee.name);
        if (binding && n.arguments.length > 0 && !neverReadsIdentity(binding.source, rc)) unknown = true;
      }
      return true;
    });
    const stops = throws || viaHelper;
    const verdict: HelperVerdict = direct
      ? { reads: 'yes', check: stops, signInOnly: stops ? !otherStops : SIGN_IN_NAME.test(name) }
      : { reads: unknown ? 'unknown' : 'no', check: false };
    memo.set(name, verdict);
    return verdict;
  };
  return (name) => judge(name, 0);
}

/** The functions this file imports that the index has seen never to read the identity, by local name. */
function identityFreeImports(rc: RuleContext): Set<string> {
  const out = new Set<string>();
  const indexed = rc.context.identityFreeHelpers;
  if (!indexed?.length) return out;
  const known = [...new Set(indexed.map((h) => h.path))];
  for (const [local, binding] of rc.scan.imports)
    if (
      indexed.some(
        (h) =>
          h.exportName === binding.imported &&
          importRefersTo(rc.scan.fileName, binding.source, h.path, rc.context.moduleAliases, known),
      )
    )
      out.add(local);
  return out;
}

/**
 * The file's exported functions that take arguments and never read the identity (for the index: other files'
 * calls of them bind nothing to the caller).
 */
export function identityFreeExports(rc: RuleContext, judge: (name: string) => HelperVerdict | undefined): string[] {
  const out: string[] = [];
  for (const s of rc.scan.program.body) {
    if (s.type !== 'ExportNamedDeclaration') continue;
    const d = s.declaration;
    const fns: [string, t.Node][] = [];
    if (d?.type === 'FunctionDeclaration' && d.id) fns.push([d.id.name, d]);
    else if (d?.type === 'VariableDeclaration')
      for (const v of d.declarations) if (v.id.type === 'Identifier' && v.init) fns.push([v.id.name, unwrapTs(v.init)]);
    for (const [name, fn] of fns) {
      const isFn =
        fn.type === 'FunctionDeclaration' || fn.type === 'FunctionExpression' || fn.type === 'ArrowFunctionExpression';
      if (isFn && takesCtx(rc, fn.params[0]) && judge(name)?.reads === 'no')
        out.push(...(rc.scan.exportsByLocal.get(name) ?? [name]));
    }
  }
  return [...new Set(out)];
}

/** A first parameter that is a Convex ctx: named so (`ctx`, `context`) or typed so (`QueryCtx`, `MutationCtx`). */
function takesCtx(rc: RuleContext, p: t.Node | undefined): boolean {
  if (p?.type !== 'Identifier') return false;
  const type = p.typeAnnotation ? rc.scan.text.slice(p.typeAnnotation.start ?? 0, p.typeAnnotation.end ?? 0) : '';
  return /^(ctx|context)$/i.test(p.name) || /Ctx\b/.test(type);
}

/**
 * Modules whose functions never read the identity: Convex's values, registration and generated code, and packages
 * that are not the project's own nor Convex's (a date or id library).
 */
function neverReadsIdentity(source: string, rc: RuleContext): boolean {
  return (
    source === 'convex/values' ||
    source === 'convex/server' ||
    /(^|\/)_generated\/(server|api|dataModel)(\.[cm]?[jt]s)?$/.test(source) ||
    (!isLocalModule(rc.context, source) && !source.startsWith('@convex-dev/') && !source.startsWith('convex'))
  );
}
