// Identity rules for Convex functions: await getUserIdentity(), check it for null, read fields that exist.
import type * as t from '@babel/types';
import { endOf, keyName, startOf } from '../ast';
import { RULES } from '../ruleCatalog';
import type { FnInfo, NodeAt } from '../scanRecords';
import type { ExportedIdentityHelper, Fix, IdentityFunction, RelatedLocation } from '../types';
import { collectUses, type IdentityBinding } from './identity/bindingUses';
import { exportedFunction } from './identity/exportedFunction';
import { awaitFix, nullCheckFix } from './identity/fixes';
import { report, type RuleContext } from './shared';
import { handlerBuilder } from './identity/handlerBuilder';
import { firstIdentityCheck, inlineFieldRead, returnedAsIs, type InlineFieldRead } from './identity/inlineRead';
import { functionsThroughHelpers, helperName, type IdentityHelper } from './identityHelpers';
import { uncalledIdentityRule } from './identity/uncalled';

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
    // No provider name travels in the token; the issuer is what names who signed it.
    provider: { field: 'issuer', exact: false },
  },
); // no prototype: `identity.constructor` is not a wrong field

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
      : prop === 'provider'
        ? 'The identity names no provider: `issuer` is the domain that signed the token (your Clerk Frontend API URL), and `tokenIdentifier` joins it to the subject.'
        : `Convex renames it: use \`${wrong.field}\`.`;
  report(
    rc,
    RULES.identityField,
    startOf(node),
    endOf(node),
    wrong.exact
      ? `\`${prop}\` does not exist on a Convex UserIdentity, so it is always undefined. ${hint}`
      : // Custom claims pass through to the identity (convex/server UserIdentity's index signature), so a name Clerk's
        // token does not carry is undefined only until a JWT template adds that claim.
        `\`${prop}\` is not a field of a Convex UserIdentity: Clerk's token carries no such claim, so it is undefined unless your JWT template adds it. ${hint}`,
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

/**
 * Returns how many bindings read the identity correctly (awaited, checked, right fields). `functions` receives
 * the exported Convex functions that stop without an identity, `helpers` the exported functions that do (both for
 * the cross-file index).
 */
export function identityRules(
  rc: RuleContext,
  functions?: IdentityFunction[],
  helpers?: ExportedIdentityHelper[],
): number {
  const direct = new Map<string, IdentityHelper>();
  const pending: PendingNullCheck[] = [];
  const throwing = new Map<t.Node, IdentityHelper>();
  uncalledIdentityRule(rc);
  const correct = identityBindingRules(rc, direct, functions, pending, throwing);
  const through = functionsThroughHelpers(rc.scan, rc.context, direct, functions ?? [], throwing);
  if (functions) helpers?.push(...through.exported);
  // A handler of a custom builder whose ctx function already threw without an identity never sees a null one.
  for (const p of pending) {
    const builder = handlerBuilder(p.fn);
    if (!builder || !through.guardedBuilders.has(builder))
      report(rc, RULES.identityNullCheck, startOf(p.node), endOf(p.node), p.message, p.fixes, p.related);
  }
  return correct;
}

/** A null-check finding held back until the file's guarded builders are known. */
interface PendingNullCheck {
  fn: FnInfo | undefined;
  node: t.Node;
  message: string;
  fixes?: Fix[];
  related?: RelatedLocation[];
}

function identityBindingRules(
  rc: RuleContext,
  helpers: Map<string, IdentityHelper>,
  functions: IdentityFunction[] | undefined,
  pending: PendingNullCheck[],
  throwing: Map<t.Node, IdentityHelper>,
): number {
  const bindings: {
    binding: IdentityBinding;
    awaited: boolean;
    statement?: t.Node;
    call: NodeAt<t.CallExpression>;
    /** The name holds one field of the identity (`(await …)?.subject`), not the identity. */
    field?: boolean;
  }[] = [];
  const record = (call: NodeAt<t.CallExpression>, without: IdentityFunction['without'], earlyNull?: boolean): void => {
    if (!functions) return;
    const exported = exportedFunction(rc, call.fn);
    const loc = call.node.loc;
    const position = {
      line: (loc?.start.line ?? 1) - 1,
      character: loc?.start.column ?? 0,
      endLine: (loc?.end.line ?? 1) - 1,
      endCharacter: loc?.end.column ?? 0,
    };
    const read = { start: startOf(call.node), end: endOf(call.node), position, without };
    // Only an inline read says what the handler itself answers (a helper's null may be turned into anything).
    if (exported) functions.push({ ...exported, ...read, ...(earlyNull ? { answersNull: true as const } : {}) });
    const helper = exported ? undefined : helperName(call.fn);
    if (helper) helpers.set(helper, read);
    if (without === 'throws' && call.fn) throwing.set(call.fn.node, read);
  };
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
    const inline = awaited ? inlineFieldRead(call, value) : undefined;
    // A helper that hands back the identity (or one field of it) as it is returns nothing without one; the caller's
    // own `if (!me) …` decides what the function does then.
    if (awaited && !exportedFunction(rc, call.fn) && helperName(call.fn)) {
      const returned = inline?.optional ? inline.member : inline ? undefined : value;
      if (returned && returnedAsIs(call, returned)) record(call, 'returns-nothing');
    }
    if (inline) {
      const field = inlineRead(rc, call, inline, pending, record);
      if (field) bindings.push({ binding: field, awaited, call, field: true });
      continue;
    }
    if (parent?.type !== 'VariableDeclarator' || parent.init !== value) continue;
    if (parent.id.type === 'ObjectPattern') {
      for (const p of parent.id.properties) {
        const key = p.type === 'ObjectProperty' ? keyName(p) : undefined;
        if (p.type === 'ObjectProperty' && key) reportField(rc, p.key, key);
      }
      if (awaited)
        pending.push({
          fn: call.fn,
          node: parent.id,
          message:
            'getUserIdentity() returns null when nobody is signed in, and destructuring null throws. Store the identity, check it for null, then read its fields.',
        });
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
  for (const { binding: uses, awaited, statement, call, field } of bindings) {
    const { name, declarator } = uses;
    if (awaited && uses.earlyExit) record(call, uses.earlyExit, uses.earlyNull);
    if (field) {
      // What the name holds is a field's value: its own members are not the identity's.
      if (uses.hasCheck) correct++;
      continue;
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
      pending.push({
        fn: call.fn,
        node: unguarded.node,
        message: `\`${name}\` is null when nobody is signed in; reading \`${name}.${unguarded.prop}\` without a check throws. Check it first: if (${name} === null) throw … (or return an empty result).`,
        fixes: statement ? [nullCheckFix(rc, statement, name)] : [],
        related: [{ start: startOf(declarator), end: endOf(declarator), message: `${name} is read here` }],
      });
    } else if (uses.hasCheck && fieldsOk) {
      correct++;
    }
  }
  return correct;
}

/**
 * `(await ctx.auth.getUserIdentity())?.subject`: checks the field's name, reports a read that throws on null (`.`
 * or `!.`) when nothing before it could have stopped without an identity (then the function throws without one), and
 * returns the binding of the name the field is stored in, whose early exit is the function's.
 */
function inlineRead(
  rc: RuleContext,
  call: NodeAt<t.CallExpression>,
  read: InlineFieldRead,
  pending: PendingNullCheck[],
  record: (call: NodeAt<t.CallExpression>, without: IdentityFunction['without']) => void,
): IdentityBinding | undefined {
  reportField(rc, read.member.property, read.prop);
  const fn = call.fn?.node;
  if (!read.optional && fn && read.bodyStatement && firstIdentityCheck(fn, read.bodyStatement)) {
    record(call, 'throws');
    pending.push({
      fn: call.fn,
      node: read.member,
      message: `getUserIdentity() returns null when nobody is signed in, and reading \`.${read.prop}\` of null throws. Store the identity, check it for null (if (identity === null) throw … or return an empty result), then read its fields.`,
    });
  }
  if (!read.optional || !read.declarator || !read.name) return undefined;
  return {
    name: read.name,
    declarator: read.declarator,
    scope: call.fn?.node.body ?? rc.scan.program,
    members: [],
    patterns: [],
    hasCheck: false,
  };
}
