// Plans "Add Identity Check": the awaited getUserIdentity() call and its null guard at the top of the Convex
// function around the cursor. Pure: text in, edits out; never throws.
import type * as t from '@babel/types';
import type { TextEdit } from '../analysis/types';
import { parseClean } from './parseClean';
import { isFunctionNode, propertyName, visitNodes } from './astWalk';
import { normalizeEdits, lineIndent, eolOf } from './edits';
import { patternNames } from './imports';

export type ConvexFunctionKind = 'query' | 'mutation' | 'action' | 'httpAction' | 'helper';

/** What the command did, so it can tell the learner in words. */
export type GuardChange = 'guard' | 'await' | 'null-check';

export type GuardPlan =
  | { status: 'changed'; kind: ConvexFunctionKind; name?: string; added: GuardChange[]; edits: TextEdit[] }
  | { status: 'present'; kind: ConvexFunctionKind; name?: string }
  /** The cursor is not inside a query/mutation/action (or a helper taking `ctx`). */
  | { status: 'not-in-function' }
  /** A Convex builder call around the cursor whose handler could not be found. */
  | { status: 'no-handler'; kind: ConvexFunctionKind }
  | { status: 'unparsable' };

const BUILDER = /^(?:internal(Query|Mutation|Action)|(query|mutation|action|httpAction))(?:Generic)?$/;

interface Target {
  kind: ConvexFunctionKind;
  name?: string;
  fn?: t.Function;
}

export function planIdentityGuard(text: string, fileName: string, offset: number, indentUnit: string): GuardPlan {
  const ast = parseClean(fileName, text);
  if (!ast) return { status: 'unparsable' };
  const target = findTarget(ast.program, offset);
  if (!target) return { status: 'not-in-function' };
  const named = target.name !== undefined ? { name: target.name } : {};
  if (!target.fn) return { status: 'no-handler', kind: target.kind };
  const fn = target.fn;
  const eol = eolOf(text);
  const edits: TextEdit[] = [];
  const added: GuardChange[] = [];

  if (!fn.async) {
    const at = fn.start ?? 0;
    edits.push({ start: at, end: at, newText: 'async ' });
  }
  const auth = authExpression(text, fn, edits);
  const failure =
    target.kind === 'httpAction'
      ? 'return new Response("Unauthorized", { status: 401 });'
      : 'throw new Error("Not authenticated");';

  if (fn.body.type !== 'BlockStatement') {
    // `async (ctx) => expr`: give the arrow a block so the guard can run before the expression.
    const indent = lineIndent(text, fn.start ?? 0);
    const inner = indent + indentUnit;
    const expr = text.slice(fn.body.start ?? 0, fn.body.end ?? 0);
    const block = [
      '{',
      ...guardLines('identity', auth, failure, inner, indentUnit),
      `${inner}return ${expr};`,
      `${indent}}`,
    ].join(eol);
    edits.push({ start: fn.body.start ?? 0, end: fn.body.end ?? 0, newText: block });
    return { status: 'changed', kind: target.kind, ...named, added: ['guard'], edits: normalizeEdits(edits) };
  }

  const statements = fn.body.body;
  const existing = findIdentityDeclaration(statements);
  if (existing) {
    const { index, name, call, awaited } = existing;
    if (!awaited) {
      edits.push({ start: call.start ?? 0, end: call.start ?? 0, newText: 'await ' });
      added.push('await');
    }
    if (!statements.slice(index + 1).some((s) => isNullCheck(text, s, name))) {
      const stmt = statements[index];
      const indent = lineIndent(text, stmt.start ?? 0);
      const guard = [`if (!${name}) {`, `${indent}${indentUnit}${failure}`, `${indent}}`].join(eol);
      edits.push({ start: stmt.end ?? 0, end: stmt.end ?? 0, newText: eol + indent + guard });
      added.push('null-check');
    }
    if (added.length === 0) return { status: 'present', kind: target.kind, ...named };
    return { status: 'changed', kind: target.kind, ...named, added, edits: normalizeEdits(edits) };
  }

  const taken = new Set(
    statements.flatMap((s) =>
      s.type === 'VariableDeclaration' ? s.declarations.flatMap((d) => patternNames(d.id)) : [],
    ),
  );
  const name = taken.has('identity') ? 'userIdentity' : 'identity';
  const open = (fn.body.start ?? 0) + 1;
  const first = statements[0];
  if (first) {
    const indent = lineIndent(text, first.start ?? 0);
    const lines = guardLines(name, auth, failure, indent, indentUnit);
    edits.push({ start: open, end: open, newText: eol + lines.join(eol) });
  } else {
    const outer = lineIndent(text, fn.body.start ?? 0);
    const lines = guardLines(name, auth, failure, outer + indentUnit, indentUnit);
    edits.push({ start: open, end: (fn.body.end ?? 0) - 1, newText: eol + lines.join(eol) + eol + outer });
  }
  added.push('guard');
  return { status: 'changed', kind: target.kind, ...named, added, edits: normalizeEdits(edits) };
}

function guardLines(name: string, auth: string, failure: string, indent: string, unit: string): string[] {
  return [
    `${indent}const ${name} = await ${auth}.getUserIdentity();`,
    `${indent}if (!${name}) {`,
    `${indent}${unit}${failure}`,
    `${indent}}`,
  ];
}

/** `ctx.auth`, or the destructured `auth`; adds the parameter (or the `auth` key) when it is missing. */
function authExpression(text: string, fn: t.Function, edits: TextEdit[]): string {
  const param = fn.params[0];
  if (!param) {
    const searchFrom = fn.type === 'ObjectMethod' ? (fn.key.end ?? 0) : (fn.start ?? 0);
    const paren = text.indexOf('(', searchFrom) + 1;
    edits.push({ start: paren, end: paren, newText: 'ctx' });
    return 'ctx.auth';
  }
  const target = param.type === 'AssignmentPattern' ? param.left : param;
  if (target.type === 'Identifier') return `${target.name}.auth`;
  if (target.type === 'ObjectPattern') {
    for (const p of target.properties) {
      if (p.type === 'ObjectProperty' && propertyName(p) === 'auth' && p.value.type === 'Identifier')
        return p.value.name;
    }
    const at = (target.start ?? 0) + 1;
    edits.push({ start: at, end: at, newText: target.properties.length > 0 ? ' auth,' : ' auth ' });
    return 'auth';
  }
  return 'ctx.auth';
}

interface IdentityDeclaration {
  index: number;
  name: string;
  call: t.CallExpression;
  awaited: boolean;
}

function findIdentityDeclaration(statements: t.Statement[]): IdentityDeclaration | undefined {
  for (let index = 0; index < statements.length; index++) {
    const s = statements[index];
    if (s.type !== 'VariableDeclaration') continue;
    for (const d of s.declarations) {
      if (d.id.type !== 'Identifier' || !d.init) continue;
      const awaited = d.init.type === 'AwaitExpression';
      const call = awaited ? (d.init as t.AwaitExpression).argument : d.init;
      if (
        call.type === 'CallExpression' &&
        call.callee.type === 'MemberExpression' &&
        call.callee.property.type === 'Identifier' &&
        call.callee.property.name === 'getUserIdentity'
      ) {
        return { index, name: d.id.name, call, awaited };
      }
    }
  }
  return undefined;
}

/** `if (!identity)`, `if (identity === null)`, `if (identity == null)`, `if (identity)` and the like. */
function isNullCheck(text: string, s: t.Statement, name: string): boolean {
  if (s.type !== 'IfStatement') return false;
  const test = text.slice(s.test.start ?? 0, s.test.end ?? 0);
  return new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}(?![\\w$])`).test(test);
}

function findTarget(program: t.Program, offset: number): Target | undefined {
  let builder: Target | undefined;
  let helper: Target | undefined;
  visitNodes(program, (node, ancestors) => {
    if ((node.start ?? 0) > offset || offset > (node.end ?? 0)) return false; // the cursor is not in here
    if (node.type === 'CallExpression' && node.callee.type === 'Identifier') {
      const m = BUILDER.exec(node.callee.name);
      if (m) {
        const kind = m[1] ?? m[2];
        const found: Target = { kind: (kind.charAt(0).toLowerCase() + kind.slice(1)) as ConvexFunctionKind };
        const name = exportedName(ancestors);
        if (name !== undefined) found.name = name;
        const handler = handlerOf(node);
        if (handler) found.fn = handler;
        builder = found;
        helper = undefined;
      }
    } else if (isFunctionNode(node) && takesCtx(node) && !isHandlerOf(builder, node)) {
      helper = { kind: 'helper', fn: node };
    }
    return true;
  });
  return helper ?? builder;
}

function isHandlerOf(builder: Target | undefined, fn: t.Function): boolean {
  return builder?.fn === fn;
}

function takesCtx(fn: t.Function): boolean {
  const p = fn.params[0];
  return p?.type === 'Identifier' && p.name === 'ctx';
}

function handlerOf(call: t.CallExpression): t.Function | undefined {
  const arg = call.arguments[0];
  if (!arg) return undefined;
  if (arg.type === 'ArrowFunctionExpression' || arg.type === 'FunctionExpression') return arg;
  if (arg.type !== 'ObjectExpression') return undefined;
  for (const p of arg.properties) {
    if (p.type === 'ObjectMethod' && propertyName(p) === 'handler') return p;
    if (
      p.type === 'ObjectProperty' &&
      propertyName(p) === 'handler' &&
      (p.value.type === 'ArrowFunctionExpression' || p.value.type === 'FunctionExpression')
    )
      return p.value;
  }
  return undefined;
}

function exportedName(ancestors: readonly t.Node[]): string | undefined {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const a = ancestors[i];
    if (a.type === 'VariableDeclarator' && a.id.type === 'Identifier') return a.id.name;
    if (isFunctionNode(a)) return undefined;
  }
  return undefined;
}
