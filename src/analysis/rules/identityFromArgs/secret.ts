// A function guarded by a shared secret: its handler stops unless an argument equals a secret of the deployment
// (`if (args.secret !== process.env.ADMIN_TOKEN) throw …`), or hands that argument to a check named for it
// (`assertAdminToken(ctx, args.adminToken)`). Only a caller holding the secret (the app's own server) gets through,
// so the user id it sends is the server's word, not any client's. Narrow on purpose: the argument's name says secret,
// and so does the check's (or the other side is an environment variable).
import type * as t from '@babel/types';
import { keyName, propertyOf, unwrapTs } from '../../ast';
import { walkNodes } from '../../traverse';
import type { Placed } from './paths';
import { leaves } from './paths';

/** Names of an argument that carries a shared secret (a user's `tokenIdentifier` is a user, not a secret). */
const SECRET_ARG = /secret|token|api_?key|password|passphrase/i;
const NOT_SECRET = /identifier|user|owner|member|session/i;
/** A check named for a secret: it throws unless the secret matches (`assertAdminToken`, `requireApiKey`). */
const SECRET_CHECK = /^(require|assert|check|ensure|verify|validate)\w*(admin|secret|token|api_?key|password)/i;
/** What makes the handler worth the walk (most handlers hold none of these words). */
const HINT = /secret|token|api_?key|password|passphrase/i;

function isEnv(n: t.Node): boolean {
  const e = unwrapTs(n);
  if (e.type !== 'MemberExpression' && e.type !== 'OptionalMemberExpression') return false;
  const o = unwrapTs(e.object);
  return (
    (o.type === 'MemberExpression' || o.type === 'OptionalMemberExpression') &&
    o.object.type === 'Identifier' &&
    o.object.name === 'process' &&
    o.property.type === 'Identifier' &&
    o.property.name === 'env'
  );
}

/** Where the handler checks a secret argument and stops on a mismatch (clears for identity-from-args). */
export function secretChecks(handler: t.Function, text: string): Placed[] {
  const body = handler.body;
  if (!HINT.test(text.slice(body.start ?? 0, body.end ?? 0))) return [];
  const argsParam = handler.params[1];
  const argsName = argsParam?.type === 'Identifier' ? argsParam.name : undefined;
  const secretLocals = new Set<string>();
  if (argsParam?.type === 'ObjectPattern')
    for (const p of argsParam.properties) {
      const key = p.type === 'ObjectProperty' ? keyName(p) : undefined;
      if (key && p.type === 'ObjectProperty' && p.value.type === 'Identifier' && isSecretName(key))
        secretLocals.add(p.value.name);
    }
  const isSecretArg = (n: t.Node): boolean => {
    const e = unwrapTs(n);
    if (e.type === 'Identifier') return secretLocals.has(e.name);
    const property = propertyOf(e, argsName);
    return property !== undefined && isSecretName(property);
  };
  /** `args.secret !== process.env.X` (either side), anywhere in an `||` chain. */
  const mismatch = (test: t.Node, depth = 0): boolean => {
    const e = unwrapTs(test);
    if (e.type === 'LogicalExpression' && e.operator === '||' && depth < 8)
      return mismatch(e.left, depth + 1) || mismatch(e.right, depth + 1);
    if (e.type !== 'BinaryExpression' || (e.operator !== '!==' && e.operator !== '!=')) return false;
    return (isSecretArg(e.left) && isEnv(e.right)) || (isSecretArg(e.right) && isEnv(e.left));
  };
  const found: Placed[] = [];
  walkNodes(body, (node, ancestors) => {
    if (node.type === 'IfStatement' && leaves(node.consequent) && mismatch(node.test))
      found.push({ node, path: [...ancestors] });
    if (
      node.type === 'CallExpression' &&
      node.callee.type === 'Identifier' &&
      SECRET_CHECK.test(node.callee.name) &&
      node.arguments.some((a) => isSecretArg(a))
    )
      found.push({ node, path: [...ancestors] });
    return true;
  });
  return found;
}

function isSecretName(name: string): boolean {
  return SECRET_ARG.test(name) && !NOT_SECRET.test(name);
}
