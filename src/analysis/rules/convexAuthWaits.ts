// Whether a query sent by a component or hook that reads useConvexAuth() waits for it. Reading the auth state is not
// waiting: real hooks read isAuthenticated only to pick which data to show, and still send useQuery(api.x) on the
// first render. A call waits when the auth state reaches it (`"skip"` until isAuthenticated, or a hook handed the
// state); when the state is read in a way not followed here, the call may wait ("could not tell": not reported).
import type * as t from '@babel/types';
import { outermostFn, type FnInfo, type HookCall, type Scan } from '../scanRecords';
import { walk, walkNodes } from '../traverse';
import { remember, type RuleContext } from './shared';

/** The names holding useConvexAuth()'s state (or values derived from it); undefined: read some other way. */
type AuthNames = Set<string> | undefined;

/** How many links of `const ready = isAuthenticated && …` derivations are followed. */
const DERIVATION_ROUNDS = 3;

export interface ConvexAuthWaits {
  /** Whether the function reads useConvexAuth() at all. */
  reads(fn: FnInfo | undefined): boolean;
  /** Whether `call` (in a function that reads it) may wait for the auth state through its arguments from `from` on. */
  waits(fn: FnInfo, call: HookCall, from: number): boolean;
}

function boundNames(id: t.Node, out: Set<string>): boolean {
  if (id.type === 'Identifier') out.add(id.name);
  else if (id.type === 'ObjectPattern') {
    for (const p of id.properties) {
      const value = p.type === 'RestElement' ? p.argument : p.value;
      const target = value.type === 'AssignmentPattern' ? value.left : value;
      if (target.type !== 'Identifier') return false;
      out.add(target.name);
    }
  } else return false;
  return true;
}

function mentions(node: t.Node, names: ReadonlySet<string>): boolean {
  let found = false;
  walkNodes(node, (n) => {
    if (n.type === 'Identifier' && names.has(n.name)) found = true;
    return !found;
  });
  return found;
}

/** Adds the locals declared from the auth state (`const signedIn = isAuthenticated && !forceLocal`). */
function derive(fn: FnInfo, names: Set<string>): void {
  const declarators: t.VariableDeclarator[] = [];
  walk(fn.node.body, {
    enter(n: t.Node): void {
      if (n.type === 'VariableDeclarator' && n.init) declarators.push(n);
    },
  });
  for (let round = 0; round < DERIVATION_ROUNDS; round++) {
    const before = names.size;
    for (const d of declarators) if (d.init && mentions(d.init, names)) boundNames(d.id, names);
    if (names.size === before) return;
  }
}

/** The file's answer, worked out once per analysis. */
export function convexAuthWaits(rc: RuleContext): ConvexAuthWaits {
  return remember(rc, 'convexAuthWaits', () => authWaits(rc.scan));
}

function authWaits(scan: Scan): ConvexAuthWaits {
  const read = new Map<FnInfo, AuthNames>();
  for (const c of scan.hookCalls) {
    if (c.canonical !== 'useConvexAuth') continue;
    const fn = outermostFn(c.fn);
    if (!fn || (read.has(fn) && read.get(fn) === undefined)) continue;
    const names = read.get(fn) ?? new Set<string>();
    const ok = c.parent?.type === 'VariableDeclarator' && c.parent.init === c.node && boundNames(c.parent.id, names);
    read.set(fn, ok ? names : undefined);
  }
  const derived = new Set<FnInfo>();
  return {
    reads: (fn) => fn !== undefined && read.has(fn),
    waits(fn, call, from) {
      if (!read.has(fn)) return false;
      const names = read.get(fn);
      if (!names) return true;
      if (!derived.has(fn)) {
        derived.add(fn);
        derive(fn, names);
      }
      return call.node.arguments.slice(from).some((a) => mentions(a, names));
    },
  };
}
