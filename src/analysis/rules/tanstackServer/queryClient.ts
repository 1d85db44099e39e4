// A ConvexQueryClient (@convex-dev/react-query) made in a TanStack Start router with server-side query loading: on the
// server it runs queries through `serverHttpClient`, a ConvexHttpClient of its own (made when `typeof window` is
// undefined) that is anonymous until someone calls `serverHttpClient.setAuth(token)`. When the instance never leaves
// this file's function (not in the router context, not exported, only connect/hashFn/queryFn/convexClient read),
// nothing can ever call that, so every query a loader runs on the server is anonymous.
import type * as t from '@babel/types';
import { endOf, startOf, unwrapTs } from '../../ast';
import { RULES } from '../../ruleCatalog';
import { walkNodes } from '../../traverse';
import { report, type RuleContext } from '../shared';
import { canonical, importedFrom } from './facts';

/** What the router file itself may read of the client without handing its server client to anyone. */
const LOCAL_USES: ReadonlySet<string> = new Set(['connect', 'hashFn', 'queryFn', 'convexClient']);
/** TanStack's integrations that load queries during server rendering and hand their data to the page. */
export const SSR_QUERY: ReadonlySet<string> = new Set([
  '@tanstack/react-router-ssr-query',
  '@tanstack/react-router-with-query',
]);

interface Made {
  node: t.NewExpression;
  name: string;
}

function madeClients(rc: RuleContext): Made[] {
  const out: Made[] = [];
  walkNodes(rc.scan.program, (node, ancestors) => {
    if (node.type !== 'NewExpression' || node.callee.type !== 'Identifier') return true;
    const local = node.callee.name;
    if (canonical(rc, local) !== 'ConvexQueryClient' || !importedFrom(rc, local, ['@convex-dev/react-query']))
      return true;
    const parent = ancestors[ancestors.length - 1];
    if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier' && unwrapTs(parent.init!) === node)
      out.push({ node, name: parent.id.name });
    else out.push({ node, name: '' }); // handed straight to something: it escapes
    return true;
  });
  return out;
}

/** Whether the name is only read for the uses above (and not exported): its server client stays unreachable. */
function staysLocal(rc: RuleContext, made: Made): boolean {
  if (!made.name || rc.scan.exportsByLocal.has(made.name)) return false;
  let local = true;
  walkNodes(rc.scan.program, (node, ancestors) => {
    if (!local) return false;
    if (node.type !== 'Identifier' || node.name !== made.name) return true;
    const parent = ancestors[ancestors.length - 1];
    if (parent?.type === 'VariableDeclarator' && parent.id === node) return true;
    if (
      (parent?.type === 'MemberExpression' || parent?.type === 'OptionalMemberExpression') &&
      parent.object === node &&
      !parent.computed &&
      parent.property.type === 'Identifier' &&
      LOCAL_USES.has(parent.property.name)
    )
      return true;
    local = false;
    return false;
  });
  return local;
}

export function queryClientRule(rc: RuleContext): void {
  if (rc.scan.text.includes('serverHttpClient')) return;
  for (const made of madeClients(rc)) {
    if (!staysLocal(rc, made)) continue;
    report(
      rc,
      RULES.serverSetAuth,
      startOf(made.node),
      endOf(made.node),
      `During server rendering ConvexQueryClient runs queries through its serverHttpClient, a ConvexHttpClient that is anonymous until serverHttpClient.setAuth(token) is called, and nothing can call it: ${made.name} stays inside this file (the router's context does not hold it). So the queries loaders run on the server (ensureQueryData(convexQuery(…))) reach Convex without Clerk's token, and ctx.auth.getUserIdentity() is null there. Put ${made.name} in the router context and, in the root route's beforeLoad, call context.${made.name}.serverHttpClient?.setAuth(token) with the token from Clerk's auth() in a server function, as Convex's TanStack Start guide does.`,
    );
  }
}
