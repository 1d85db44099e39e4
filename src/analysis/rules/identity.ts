// Identity rules for Convex functions: await getUserIdentity(), check it for null, read fields that exist.
import type * as t from '@babel/types';
import { endOf, indentAt, keyName, startOf, unwrapTs } from '../ast';
import { RULES } from '../ruleCatalog';
import type { FnInfo, NodeAt } from '../scanRecords';
import { walk } from '../traverse';
import type { Fix, IdentityFunction, TextEdit } from '../types';
import { report, type RuleContext } from './shared';

/** Names people reach for that Convex's UserIdentity does not have, and the field they mean. */
const WRONG_FIELDS: Readonly<Record<string, { field: string; exact: boolean }>> = Object.assign(
  Object.create(null) as object,
  {
    id: { field: 'subject', exact: false },
    userId: { field: 'subject', exact: false },
    user_id: { field: 'subject', exact: false },
    uid: { field: 'subject', exact: false },
    clerkId: { field: 'subject', exact: false },
    sub: { field: 'subject', exact: true },
    iss: { field: 'issuer', exact: true },
    given_name: { field: 'givenName', exact: true },
    family_name: { field: 'familyName', exact: true },
    picture: { field: 'pictureUrl', exact: true },
    email_verified: { field: 'emailVerified', exact: true },
    phone_number: { field: 'phoneNumber', exact: true },
    phone_number_verified: { field: 'phoneNumberVerified', exact: true },
    preferred_username: { field: 'preferredUsername', exact: true },
    updated_at: { field: 'updatedAt', exact: true },
  },
); // no prototype: `identity.constructor` is not a wrong field

const isName = (n: t.Node, name: string): boolean => n.type === 'Identifier' && n.name === name;
const isNullish = (n: t.Node): boolean =>
  n.type === 'NullLiteral' || (n.type === 'Identifier' && n.name === 'undefined');

// How deep a test is read for identity checks (`a && (b && identity)`): real tests are shallow, and a bound
// keeps a long `x && x && …` chain from being re-read at every link.
const TEST_DEPTH = 8;

/** The name a `name == null`-style comparison tests, when `ops` holds its operator. */
function comparedToNull(test: t.Node, ops: readonly string[]): string | undefined {
  if (test.type !== 'BinaryExpression' || !ops.includes(test.operator)) return undefined;
  const { left, right } = test;
  if (left.type === 'Identifier' && isNullish(right)) return left.name;
  if (right.type === 'Identifier' && isNullish(left)) return right.name;
  return undefined;
}

/** Names whose presence the test requires (the test is true only when each is present). */
function positiveNames(test: t.Node, out: string[], depth = 0): string[] {
  if (depth > TEST_DEPTH) return out;
  if (test.type === 'Identifier') out.push(test.name);
  else if (test.type === 'LogicalExpression' && test.operator === '&&') {
    positiveNames(test.left, out, depth + 1);
    positiveNames(test.right, out, depth + 1);
  } else if (
    test.type === 'UnaryExpression' &&
    test.operator === '!' &&
    test.argument.type === 'UnaryExpression' &&
    test.argument.operator === '!'
  ) {
    if (test.argument.argument.type === 'Identifier') out.push(test.argument.argument.name);
  } else if (
    test.type === 'CallExpression' &&
    isName(test.callee, 'Boolean') &&
    test.arguments[0]?.type === 'Identifier'
  ) {
    out.push(test.arguments[0].name);
  } else {
    const compared = comparedToNull(test, ['!==', '!=']);
    if (compared) out.push(compared);
  }
  return out;
}

/** Names whose absence makes the test true. */
function negativeNames(test: t.Node, out: string[], depth = 0): string[] {
  if (depth > TEST_DEPTH) return out;
  if (test.type === 'UnaryExpression' && test.operator === '!') {
    if (test.argument.type === 'Identifier') out.push(test.argument.name);
  } else if (test.type === 'LogicalExpression' && test.operator === '||') {
    negativeNames(test.left, out, depth + 1);
    negativeNames(test.right, out, depth + 1);
  } else {
    const compared = comparedToNull(test, ['===', '==']);
    if (compared) out.push(compared);
  }
  return out;
}

/** How a guard's consequent leaves: by throwing, or by returning nothing (null, undefined, [] or no value). */
function exitKind(s: t.Node, depth = 0): 'throws' | 'returns-nothing' | undefined {
  if (s.type === 'ThrowStatement') return 'throws';
  if (s.type === 'ReturnStatement') {
    const a = s.argument;
    if (
      !a ||
      a.type === 'NullLiteral' ||
      (a.type === 'Identifier' && a.name === 'undefined') ||
      (a.type === 'ArrayExpression' && a.elements.length === 0)
    )
      return 'returns-nothing';
    return undefined;
  }
  if (s.type === 'BlockStatement' && depth < TEST_DEPTH) {
    const last = s.body[s.body.length - 1];
    return last === undefined ? undefined : exitKind(last, depth + 1);
  }
  return undefined;
}

function exits(s: t.Node, depth = 0): boolean {
  if (
    s.type === 'ReturnStatement' ||
    s.type === 'ThrowStatement' ||
    s.type === 'ContinueStatement' ||
    s.type === 'BreakStatement'
  )
    return true;
  if (s.type === 'BlockStatement' && depth < TEST_DEPTH) {
    const last = s.body[s.body.length - 1];
    return last !== undefined && exits(last, depth + 1);
  }
  return false;
}

/** One `const identity = await ctx.auth.getUserIdentity()` and what the code after it does with the value. */
interface IdentityBinding {
  name: string;
  declarator: t.VariableDeclarator;
  /** The function body (or program) the declaration lives in: the binding is visible until its end. */
  scope: t.Node;
  members: { node: t.MemberExpression | t.OptionalMemberExpression; prop: string; guarded: boolean }[];
  patterns: { key: t.Node; prop: string }[];
  hasCheck: boolean;
  /** What an early `if (!identity) …` in the declaring block does: the function stops without an identity. */
  earlyExit?: 'throws' | 'returns-nothing';
  /** The binding of the same name this one shadows while it is visible. */
  shadowed?: IdentityBinding;
}

/** The scopes to walk: each outermost one once (a nested scope is walked as part of its parent). */
function outermostScopes(bindings: readonly IdentityBinding[]): t.Node[] {
  const scopes = [...new Set(bindings.map((b) => b.scope))].sort(
    (a, b) => startOf(a) - startOf(b) || endOf(b) - endOf(a),
  );
  const roots: t.Node[] = [];
  for (const s of scopes) {
    const last = roots[roots.length - 1];
    if (!last || startOf(s) >= endOf(last)) roots.push(s);
  }
  return roots;
}

/**
 * Records every binding's uses in one walk of each outermost scope, so the cost is one visit per node however
 * many identity declarations a handler has. A name refers to the binding declared last before it in an
 * enclosing scope; a read is guarded while an enclosing test (or an earlier `if (!x) return` in the same
 * block) proves the name present: both are kept as counts per name on the way down and undone on the way up.
 */
function collectUses(bindings: readonly IdentityBinding[]): void {
  const byDeclarator = new Map<t.Node, IdentityBinding>(bindings.map((b) => [b.declarator, b]));
  const names = new Set(bindings.map((b) => b.name));
  const visible = new Map<string, IdentityBinding>();
  const endingAt = new Map<t.Node, IdentityBinding[]>();
  const guards = new Map<string, number>();
  const undo: (string[] | undefined)[] = [];
  const guard = (list: string[] | undefined, delta: number): void => {
    for (const n of list ?? []) guards.set(n, (guards.get(n) ?? 0) + delta);
  };
  const relevant = (list: string[]): string[] | undefined => {
    const kept = list.filter((n) => names.has(n));
    return kept.length ? kept : undefined;
  };
  const markChecked = (test: t.Node): void => {
    for (const n of positiveNames(test, negativeNames(test, []))) {
      const b = visible.get(n);
      if (b) b.hasCheck = true;
    }
  };
  const visitor = {
    enter(node: t.Node, ancestors: readonly t.Node[]): void {
      const parent = ancestors[ancestors.length - 1];
      let onEdge: string[] | undefined;
      if (parent?.type === 'IfStatement' || parent?.type === 'ConditionalExpression') {
        if (node === parent.consequent) onEdge = relevant(positiveNames(parent.test, []));
        else if (node === parent.alternate) onEdge = relevant(negativeNames(parent.test, []));
      } else if (parent?.type === 'LogicalExpression' && node === parent.right) {
        if (parent.operator === '&&') onEdge = relevant(positiveNames(parent.left, []));
        else if (parent.operator === '||') onEdge = relevant(negativeNames(parent.left, []));
      }
      guard(onEdge, 1);
      undo.push(onEdge);
      if (visible.size === 0) return;
      if (node.type === 'IfStatement' || node.type === 'ConditionalExpression') markChecked(node.test);
      else if (node.type === 'LogicalExpression') markChecked(node.left);
      else if (
        (node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') &&
        node.object.type === 'Identifier' &&
        !node.computed &&
        node.property.type === 'Identifier'
      ) {
        const b = visible.get(node.object.name);
        const optional = node.type === 'OptionalMemberExpression' && node.optional === true;
        if (b) b.members.push({ node, prop: node.property.name, guarded: optional || (guards.get(b.name) ?? 0) > 0 });
      } else if (
        node.type === 'VariableDeclarator' &&
        node.init?.type === 'Identifier' &&
        node.id.type === 'ObjectPattern'
      ) {
        const b = visible.get(node.init.name);
        if (b) {
          for (const p of node.id.properties) {
            const key = p.type === 'ObjectProperty' ? keyName(p) : undefined;
            if (p.type === 'ObjectProperty' && key) b.patterns.push({ key: p.key, prop: key });
          }
        }
      }
    },
    exit(node: t.Node, ancestors: readonly t.Node[]): void {
      guard(undo.pop(), -1);
      const declared = byDeclarator.get(node);
      if (declared) {
        declared.shadowed = visible.get(declared.name);
        visible.set(declared.name, declared);
        const list = endingAt.get(declared.scope);
        if (list) list.push(declared);
        else endingAt.set(declared.scope, [declared]);
      }
      const parent = ancestors[ancestors.length - 1];
      if (
        node.type === 'IfStatement' &&
        (parent?.type === 'BlockStatement' || parent?.type === 'Program') &&
        exits(node.consequent)
      ) {
        const early = relevant(negativeNames(node.test, []));
        if (early) {
          const kind = exitKind(node.consequent);
          for (const n of early) {
            const b = visible.get(n);
            if (b && kind && !b.earlyExit) b.earlyExit = kind;
          }
          guard(early, 1); // holds for the rest of the block: undone when the block is left
          const frame = undo.length - 1;
          (undo[frame] ??= []).push(...early);
        }
      }
      const ending = endingAt.get(node);
      if (ending) {
        for (let i = ending.length - 1; i >= 0; i--) {
          const b = ending[i];
          if (b.shadowed) visible.set(b.name, b.shadowed);
          else visible.delete(b.name);
        }
        endingAt.delete(node);
      }
    },
  };
  for (const root of outermostScopes(bindings)) walk(root, visitor);
}

function reportField(rc: RuleContext, node: t.Node, prop: string): void {
  const wrong = WRONG_FIELDS[prop];
  if (!wrong) return;
  const fix: Fix = {
    title: `Use ${wrong.field}`,
    mechanical: wrong.exact,
    edits: [{ start: startOf(node), end: endOf(node), newText: wrong.field }],
  };
  const hint =
    wrong.field === 'subject'
      ? "Use `subject` (the Clerk user ID, the token's `sub`) or `tokenIdentifier` (unique across providers)."
      : `Convex renames it: use \`${wrong.field}\`.`;
  report(
    rc,
    RULES.identityField,
    startOf(node),
    endOf(node),
    `\`${prop}\` does not exist on a Convex UserIdentity, so it is always undefined. ${hint}`,
    [fix],
  );
}

/** How a getUserIdentity() call is consumed: the node holding its value, and whether that value is awaited. */
function consumption(call: NodeAt<t.CallExpression>): {
  value: t.Node;
  parent: t.Node | undefined;
  awaited: boolean;
  passedOn: boolean;
} {
  let value: t.Node = call.node;
  let i = call.ancestors.length - 1;
  let parent = call.ancestors[i];
  while (parent && (parent.type === 'TSNonNullExpression' || parent.type === 'TSAsExpression')) {
    value = parent;
    parent = call.ancestors[--i];
  }
  if (parent?.type === 'AwaitExpression')
    return { value: parent, parent: call.ancestors[i - 1], awaited: true, passedOn: false };
  const passedOn =
    parent === undefined ||
    parent.type === 'ReturnStatement' ||
    parent.type === 'ArrowFunctionExpression' ||
    parent.type === 'YieldExpression' ||
    parent.type === 'ArrayExpression' ||
    (parent.type === 'CallExpression' && parent.arguments.includes(value)) ||
    (parent.type === 'MemberExpression' &&
      parent.object === value &&
      parent.property.type === 'Identifier' &&
      ['then', 'catch', 'finally'].includes(parent.property.name));
  return { value, parent, awaited: false, passedOn };
}

function awaitFix(call: NodeAt<t.CallExpression>, parent: t.Node | undefined): Fix {
  const needsParens =
    parent?.type === 'MemberExpression' ||
    parent?.type === 'OptionalMemberExpression' ||
    parent?.type === 'CallExpression';
  const edits: TextEdit[] = needsParens
    ? [
        { start: startOf(call.node), end: startOf(call.node), newText: '(await ' },
        { start: endOf(call.node), end: endOf(call.node), newText: ')' },
      ]
    : [{ start: startOf(call.node), end: startOf(call.node), newText: 'await ' }];
  const fn = call.fn?.node;
  const isAsync = !fn || fn.async === true;
  if (fn && !fn.async) edits.push({ start: startOf(fn), end: startOf(fn), newText: 'async ' });
  return { title: isAsync ? 'Add await' : 'Add await (and make the function async)', mechanical: isAsync, edits };
}

function nullCheckFix(rc: RuleContext, decl: t.Node, name: string): Fix {
  const text = rc.scan.text;
  const indent = indentAt(text, startOf(decl));
  const end = endOf(decl);
  return {
    title: `Stop when ${name} is null (not signed in)`,
    mechanical: false,
    edits: [
      {
        start: end,
        end,
        newText: `\n${indent}if (${name} === null) {\n${indent}  throw new Error("Not authenticated");\n${indent}}`,
      },
    ],
  };
}

const PUBLIC_FUNCTIONS = new Set(['query', 'mutation', 'action']);

/** The exported public Convex function (`export const list = query({ handler })`) whose handler `fn` is. */
function exportedFunction(
  rc: RuleContext,
  fn: FnInfo | undefined,
): { exportName: string; kind: IdentityFunction['kind'] } | undefined {
  const top = fn?.topStatement;
  if (!fn || fn.parent || top?.type !== 'ExportNamedDeclaration' || top.declaration?.type !== 'VariableDeclaration')
    return undefined;
  for (const d of top.declaration.declarations) {
    const init = d.init ? unwrapTs(d.init) : undefined;
    if (d.id.type !== 'Identifier' || init?.type !== 'CallExpression' || init.callee.type !== 'Identifier') continue;
    const binding = rc.scan.imports.get(init.callee.name);
    const kind = binding?.imported ?? init.callee.name;
    if (!PUBLIC_FUNCTIONS.has(kind)) continue;
    const arg = init.arguments[0];
    const handler =
      arg?.type === 'ObjectExpression'
        ? arg.properties.find(
            (p): p is t.ObjectProperty | t.ObjectMethod =>
              (p.type === 'ObjectProperty' || p.type === 'ObjectMethod') && keyName(p) === 'handler',
          )
        : arg;
    const handlerFn = handler?.type === 'ObjectProperty' ? handler.value : handler;
    if (handlerFn === fn.node) return { exportName: d.id.name, kind: kind as IdentityFunction['kind'] };
  }
  return undefined;
}

/**
 * Returns how many bindings read the identity correctly (awaited, checked, right fields). `functions` receives
 * the exported Convex functions that stop without an identity (for the cross-file index).
 */
export function identityRules(rc: RuleContext, functions?: IdentityFunction[]): number {
  const bindings: { binding: IdentityBinding; awaited: boolean; statement?: t.Node; call: NodeAt<t.CallExpression> }[] =
    [];
  for (const call of rc.scan.identityCalls) {
    const { value, parent, awaited, passedOn } = consumption(call);
    if (!awaited && !passedOn) {
      report(
        rc,
        RULES.identityNotAwaited,
        startOf(call.node),
        endOf(call.node),
        'getUserIdentity() returns a Promise, which is always truthy: without await every identity check passes. Write `await ctx.auth.getUserIdentity()`.',
        [awaitFix(call, parent)],
      );
    }
    if (parent?.type !== 'VariableDeclarator' || parent.init !== value) continue;
    if (parent.id.type === 'ObjectPattern') {
      for (const p of parent.id.properties) {
        const key = p.type === 'ObjectProperty' ? keyName(p) : undefined;
        if (p.type === 'ObjectProperty' && key) reportField(rc, p.key, key);
      }
      if (awaited) {
        report(
          rc,
          RULES.identityNullCheck,
          startOf(parent.id),
          endOf(parent.id),
          'getUserIdentity() returns null when nobody is signed in, and destructuring null throws. Store the identity, check it for null, then read its fields.',
        );
      }
      continue;
    }
    if (parent.id.type !== 'Identifier') continue;
    const above = call.ancestors[call.ancestors.lastIndexOf(parent) - 1];
    const statement = above?.type === 'VariableDeclaration' ? above : undefined;
    const binding: IdentityBinding = {
      name: parent.id.name,
      declarator: parent,
      scope: call.fn?.node.body ?? rc.scan.program,
      members: [],
      patterns: [],
      hasCheck: false,
    };
    bindings.push({ binding, awaited, statement, call });
  }
  if (bindings.length === 0) return 0;
  collectUses(bindings.map((b) => b.binding));

  let correct = 0;
  for (const { binding: uses, awaited, statement, call } of bindings) {
    const { name, declarator } = uses;
    if (awaited && uses.earlyExit && functions) {
      const exported = exportedFunction(rc, call.fn);
      const loc = call.node.loc;
      const position = {
        line: (loc?.start.line ?? 1) - 1,
        character: loc?.start.column ?? 0,
        endLine: (loc?.end.line ?? 1) - 1,
        endCharacter: loc?.end.column ?? 0,
      };
      if (exported)
        functions.push({
          ...exported,
          start: startOf(call.node),
          end: endOf(call.node),
          position,
          without: uses.earlyExit,
        });
    }
    let fieldsOk = true;
    for (const m of uses.members)
      if (WRONG_FIELDS[m.prop]) {
        fieldsOk = false;
        reportField(rc, m.node.property, m.prop);
      }
    for (const p of uses.patterns)
      if (WRONG_FIELDS[p.prop]) {
        fieldsOk = false;
        reportField(rc, p.key, p.prop);
      }
    if (!awaited) continue;
    const unguarded = uses.members.find((m) => !m.guarded);
    if (unguarded) {
      report(
        rc,
        RULES.identityNullCheck,
        startOf(unguarded.node),
        endOf(unguarded.node),
        `\`${name}\` is null when nobody is signed in; reading \`${name}.${unguarded.prop}\` without a check throws. Check it first: if (${name} === null) throw … (or return an empty result).`,
        statement ? [nullCheckFix(rc, statement, name)] : [],
        [{ start: startOf(declarator), end: endOf(declarator), message: `${name} is read here` }],
      );
    } else if (uses.hasCheck && fieldsOk) {
      correct++;
    }
  }
  return correct;
}
