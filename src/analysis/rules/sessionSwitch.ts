// A Convex mutation sent right after Clerk's setActive(): `await setActive({ session }); await createUser({})` in a
// sign-up handler. ConvexProviderWithClerk hands Convex a token fetcher rebuilt when the session changes (its deps
// include sessionId), which happens on React's next render, after this handler has already sent the call: the call
// can reach Convex without the new session's token. This file's half: the calls sent after setActive() before
// anything in the function reads Convex's auth state. crossFile.ts joins them with the index's functions.
import type * as t from '@babel/types';
import { endOf, startOf, unwrapTs } from '../ast';
import { outermostFn, type FnInfo } from '../scanRecords';
import { walkNodes } from '../traverse';
import type { SessionSite } from '../types';
import { apiPath, functionsDirs, type ApiPath } from './functionRefs';
import type { RuleContext } from './shared';

const SENDERS: Readonly<Record<string, SessionSite['kind']>> = { useMutation: 'mutation', useAction: 'action' };
/** How many statements after setActive() are read (the calls that matter follow it closely). */
const AFTER = 20;

/** The setActive(…) call a statement makes at its top (`await setActive(…)`, `void clerk.setActive(…)`). */
function setActiveCall(s: t.Statement): t.CallExpression | undefined {
  if (s.type !== 'ExpressionStatement') return undefined;
  let e = unwrapTs(s.expression);
  if (e.type === 'AwaitExpression' || (e.type === 'UnaryExpression' && e.operator === 'void')) e = unwrapTs(e.argument);
  if (e.type !== 'CallExpression') return undefined;
  const callee = unwrapTs(e.callee);
  const name =
    callee.type === 'Identifier'
      ? callee.name
      : callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier'
        ? callee.property.name
        : undefined;
  return name === 'setActive' ? e : undefined;
}

interface Sender {
  api: ApiPath;
  kind: SessionSite['kind'];
}

/** Per component: its useMutation/useAction results by name, and the names holding useConvexAuth()'s state. */
function componentBindings(rc: RuleContext): Map<FnInfo, { senders: Map<string, Sender>; convexAuth: Set<string> }> {
  const out = new Map<FnInfo, { senders: Map<string, Sender>; convexAuth: Set<string> }>();
  const entry = (fn: FnInfo) => {
    let e = out.get(fn);
    if (!e) out.set(fn, (e = { senders: new Map(), convexAuth: new Set(['isAuthenticated']) }));
    return e;
  };
  for (const c of rc.scan.hookCalls) {
    const component = outermostFn(c.fn);
    if (!component || c.binding?.source !== 'convex/react' || c.parent?.type !== 'VariableDeclarator') continue;
    const id = c.parent.id;
    const kind = SENDERS[c.canonical];
    if (kind) {
      const api = apiPath(c.node.arguments[0]);
      if (api && id.type === 'Identifier') entry(component).senders.set(id.name, { api, kind });
    } else if (c.canonical === 'useConvexAuth') {
      const names = entry(component).convexAuth;
      if (id.type === 'Identifier') names.add(id.name);
      else if (id.type === 'ObjectPattern')
        for (const p of id.properties)
          if (p.type === 'ObjectProperty' && p.value.type === 'Identifier') names.add(p.value.name);
    }
  }
  return out;
}

/** The calls of `senders` in `statements`, in order, until something reads Convex's auth state. */
function sentBeforeWaiting(
  statements: readonly t.Statement[],
  senders: ReadonlyMap<string, Sender>,
  convexAuth: ReadonlySet<string>,
): { call: t.CallExpression; name: string; sender: Sender }[] {
  const out: { call: t.CallExpression; name: string; sender: Sender }[] = [];
  let waited = false;
  for (const s of statements) {
    walkNodes(s, (node) => {
      if (waited) return false;
      if (node.type === 'Identifier' && (convexAuth.has(node.name) || node.name === 'useConvexAuth')) waited = true;
      else if (node.type === 'CallExpression' && node.callee.type === 'Identifier') {
        const sender = senders.get(node.callee.name);
        if (sender) out.push({ call: node, name: node.callee.name, sender });
      }
      return !waited;
    });
    if (waited) break;
  }
  return out;
}

/** The mutations and actions the file's functions send right after setActive(), before waiting on Convex's auth. */
export function sessionSites(rc: RuleContext): SessionSite[] {
  const { scan } = rc;
  if (!scan.text.includes('setActive')) return [];
  if (![...scan.imports.values()].some((b) => b.source.startsWith('@clerk/'))) return [];
  const sites: SessionSite[] = [];
  let dirs: string[] | undefined | null = null;
  for (const [component, { senders, convexAuth }] of componentBindings(rc)) {
    if (senders.size === 0) continue;
    walkNodes(component.node, (node) => {
      if (node.type !== 'BlockStatement') return true;
      const body = node.body;
      for (let i = 0; i < body.length; i++) {
        const set = setActiveCall(body[i]);
        if (!set) continue;
        for (const { call, name, sender } of sentBeforeWaiting(body.slice(i + 1, i + 1 + AFTER), senders, convexAuth)) {
          if (dirs === null) dirs = functionsDirs(scan, rc.context);
          const site: SessionSite = {
            start: startOf(call),
            end: endOf(call),
            name,
            api: sender.api,
            kind: sender.kind,
            setActive: { start: startOf(set), end: endOf(set) },
          };
          if (dirs) site.dirs = dirs;
          sites.push(site);
        }
        break;
      }
      return true;
    });
  }
  return sites;
}
