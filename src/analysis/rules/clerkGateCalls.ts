// clerk-gate's sites for a mutation or action fired from an effect on Clerk's sign-in state that passes the Clerk id:
// whether that is a mistake depends on the function (one that reads the identity throws or does nothing without the
// token, whatever id it is given), which only the index knows, so the finding is made where the sites are joined
// (gateCallJoin.ts). The guard must read Clerk's sign-in itself (isSignedIn, user, userId): isLoaded alone says
// nothing of who is signed in.
import type * as t from '@babel/types';
import { endOf, startOf } from '../ast';
import { walkNodes } from '../traverse';
import type { GateCallSite } from '../types';
import type { CallSite, ClerkSource, ComponentModel } from './components/model';
import { apiPath, functionsDirs } from './functionRefs';
import type { RuleContext } from './shared';

/** Keys of Clerk's state whose truthiness says someone is signed in. */
const SIGN_IN_KEYS: ReadonlySet<string> = new Set(['isSignedIn', 'user', 'userId', 'sessionId']);
const READ_BUDGET = 200;

/** The sign-in state a test reads, as written, with the Clerk source it comes from. */
function signInReads(m: ComponentModel, test: t.Node): { source: ClerkSource; names: string[] } | undefined {
  let source: ClerkSource | undefined;
  const names: string[] = [];
  let budget = READ_BUDGET;
  walkNodes(test, (n, ancestors) => {
    if (--budget < 0) return false;
    const parent = ancestors[ancestors.length - 1];
    const isName =
      (parent?.type === 'MemberExpression' || parent?.type === 'OptionalMemberExpression') &&
      parent.property === n &&
      !parent.computed;
    if (n.type === 'Identifier' && !isName) {
      const from = m.clerk.find((c) => SIGN_IN_KEYS.has(c.locals.get(n.name) ?? ''));
      if (from && (!source || source === from)) {
        source = from;
        if (!names.includes(n.name)) names.push(n.name);
      }
    } else if (
      (n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') &&
      !n.computed &&
      n.object.type === 'Identifier' &&
      n.property.type === 'Identifier' &&
      SIGN_IN_KEYS.has(n.property.name)
    ) {
      const object = n.object.name;
      const from = m.clerk.find((c) => c.object === object);
      if (from && (!source || source === from)) {
        source = from;
        const text = `${object}.${n.property.name}`;
        if (!names.includes(text)) names.push(text);
      }
      return false;
    }
    return true;
  });
  return source ? { source, names } : undefined;
}

/** The site of an effect call the in-file finding leaves out because it passes the Clerk id (undefined: none). */
export function gateCallSite(
  rc: RuleContext,
  m: ComponentModel,
  call: CallSite,
  test: t.Node,
): GateCallSite | undefined {
  const api = apiPath(call.hook.node.arguments[0]);
  const callee = call.node.callee;
  if (!api || callee.type !== 'Identifier') return undefined;
  const reads = signInReads(m, test);
  if (!reads) return undefined;
  const site: GateCallSite = {
    start: startOf(callee),
    end: endOf(callee),
    name: callee.name,
    api,
    kind: call.hook.canonical === 'useAction' ? 'action' : 'mutation',
    hook: reads.source.hook,
    reads: reads.names,
    test: { start: startOf(test), end: endOf(test) },
    fixes: [],
  };
  const dirs = functionsDirs(rc.scan, rc.context);
  if (dirs) site.dirs = dirs;
  return site;
}
