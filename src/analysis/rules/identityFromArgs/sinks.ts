// Where a user argument lands: a database call, a function run through ctx, or a helper handed ctx.
import type * as t from '@babel/types';
import { unwrapTs } from '../../ast';
import { ACCESS_CHECK } from './caller';

const DB_WRITES = new Set(['insert', 'patch', 'replace', 'delete']);

/** Where a user argument lands: a database call, a helper, or a comparison with a row read. */
export interface Sink {
  node: t.Node;
  write: boolean;
  /** The JavaScript call that filters rows already read by the comparison (`teams.filter((t) => …)`). */
  inJs?: t.Node;
  /** The comparison is an access check: the handler stops when the row and the argument differ. */
  check?: boolean;
}

/** Whether a member chain or call starts at `ctx.db` (or a destructured `db`). */
export function rootsAtDb(n: t.Node, ctx: string | undefined, db: string | undefined): boolean {
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

/** The innermost call around a read that is a database call, a `ctx.runX(…)`, or a helper handed ctx. */
export function sinkOf(
  ancestors: readonly t.Node[],
  ctx: string | undefined,
  db: string | undefined,
): Sink | undefined {
  let sink: Sink | undefined;
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
      // `requireAdmin(ctx, args.clerkId)`: a check run on the id the client names.
      const check = a.callee.type === 'Identifier' && ACCESS_CHECK.test(a.callee.name);
      sink = { node: a, write: false, ...(check ? { check } : {}) };
    }
  }
  return sink;
}
