// clerk-gate: Clerk says "signed in" before Convex has received and checked the token, so a Convex call that waits
// on Clerk's state alone runs without an identity. Reported only where Clerk's state actually gates a Convex call:
// the test of a query's "skip", the condition a mutation fired from an effect waits on, the condition around
// rendering a query's result or a component that calls Convex on mount (here or in another file, through the
// index), and <SignedIn>/<Show when="signed-in"> above one of those. A test that also reads Convex's own state
// (useConvexAuth, a query's result) is Convex deciding, and is fine; so is a call that passes the Clerk user id as
// an argument (the function then takes the user from its arguments, a different mistake: identity-from-args),
// unless the index knows the function reads the identity anyway (clerkGateCalls.ts, joined in gateCallJoin.ts).
import type * as t from '@babel/types';
import { endOf, startOf } from '../ast';
import { replaceNode } from '../edits';
import { RULES } from '../ruleCatalog';
import type { ElementInfo } from '../scanRecords';
import type { Fix, GateSite, RelatedLocation, TextEdit } from '../types';
import { clerkGateFix, convexImportEdits } from './clerkGateFix';
import { elementMounts, fileComponents, mountingComponents, walked, elementsByNode, modelOf } from './components';
import type { ClerkSource, ComponentModel } from './components/model';
import { clerkOnly, readsOf } from './components/reads';
import { report, type RuleContext } from './shared';
import { apiPath, functionsDirs, type ApiPath } from './functionRefs';
import { queryCallText } from '../tanstackQuery';
import { routePlace } from './queryBeforeAuth';
import { clerkOnlyMount } from './clerkOnlyCalls';
import { gateCallSite } from './clerkGateCalls';

/** Clerk's positive gates (Core 2's name, and Core 3's `<Show when="…">`) and the Convex gate that replaces each. */
const CLERK_GATES = new Map([['SignedIn', 'Authenticated']]);
const SHOW_WHEN = new Map([['signed-in', 'Authenticated']]);
const MAX_RELATED = 5;

const fromClerk = (source: string | undefined): boolean => source?.startsWith('@clerk/') === true;

interface Site {
  kind: 'skip' | 'effect' | 'result' | 'mount';
  /** The Convex call (or element) it concerns, for the message. */
  what: string;
  at: t.Node;
  /** The Clerk test that gates it. */
  test: t.Node;
  /** The function it stands on (a query; an effect's mutation or action), when written as `api.module.name`. */
  api?: ApiPath;
  /** An effect's call: what the function is (the index clears a site whose functions all read no identity). */
  callKind?: 'mutation' | 'action';
}

function apiText(rc: RuleContext, n: t.Node | undefined): string {
  return n ? rc.scan.text.slice(startOf(n), Math.min(endOf(n), startOf(n) + 60)) : '';
}

/** The first test of a list that Clerk alone decides (none when any reads Convex's state). */
function clerkTest(m: ComponentModel, guards: readonly t.Node[]): t.Node | undefined {
  if (guards.some((g) => readsOf(m, g, true).has('convex'))) return undefined;
  return guards.find((g) => clerkOnly(m, g));
}

function passesClerkId(m: ComponentModel, call: t.CallExpression): boolean {
  return call.arguments.some((a) => readsOf(m, a).has('clerkId'));
}

function queryApi(n: t.Node | undefined): { api?: ApiPath } {
  const api = apiPath(n);
  return api ? { api } : {};
}

/** The functions a finding stands on, when it stands on nothing else (queries, effects' calls, as `api.x.y`). */
function queriesOf(rc: RuleContext, sites: readonly Site[]): GateSite['queries'] | undefined {
  if (!sites.every((s) => (s.kind === 'skip' || s.kind === 'result' || s.kind === 'effect') && s.api)) return undefined;
  const dirs = functionsDirs(rc.scan, rc.context);
  return sites.map((s) => ({ api: s.api as ApiPath, dirs, ...(s.callKind ? { kind: s.callKind } : {}) }));
}

type ReportArgs = Parameters<typeof report> extends [RuleContext, ...infer Rest] ? Rest : never;

/**
 * Reports a finding; one that stands only on queries is kept with them, so the index can drop it while it knows
 * every function reads no identity (and bring it back when one may). One in a route file is kept with the route: a
 * layout above it may render the whole route under Convex's <Authenticated> (a provider's, in another file).
 */
function reportGate(rc: RuleContext, queries: GateSite['queries'] | undefined, ...args: ReportArgs): void {
  report(rc, ...args);
  const finding = rc.findings[rc.findings.length - 1];
  const place = routePlace(rc);
  if (!finding || (!queries && !place)) return;
  const site: GateSite = { finding };
  if (queries) site.queries = queries;
  if (place) site.route = place.route;
  if (place?.module) site.module = true;
  (rc.gateSites ??= []).push(site);
}

/** Where Clerk's state gates a Convex call in one component or hook. */
function sitesOf(rc: RuleContext, m: ComponentModel): Site[] {
  const sites: Site[] = [];
  for (const q of m.queries) {
    if (q.gate === 'clerk' && q.test && !q.passesClerkId)
      sites.push({
        kind: 'skip',
        what: queryCallText(q.call, apiText(rc, q.call.node.arguments[0])),
        at: q.test,
        test: q.test,
        ...queryApi(q.call.node.arguments[0]),
      });
  }
  const walk = walked(rc, m);
  for (const call of walk.effectCalls) {
    const test = clerkTest(m, call.guards);
    const passes = passesClerkId(m, call.node);
    if (!test || passes) {
      const site = gateCallSite(rc, m, call, walk.exitTests, passes);
      if (site) (rc.gateCallSites ??= []).push(site);
    } else
      sites.push({
        kind: 'effect',
        what: `${call.node.callee.type === 'Identifier' ? call.node.callee.name : ''}() (from ${call.hook.name})`,
        at: call.node,
        test,
        ...queryApi(call.hook.node.arguments[0]),
        callKind: call.hook.canonical === 'useAction' ? 'action' : 'mutation',
      });
  }
  for (const read of walk.jsxReads) {
    const test = clerkTest(m, read.guards);
    const query = m.queries.find((q) => q.result === read.node.name);
    if (test && query)
      sites.push({
        kind: 'result',
        what: queryCallText(query.call, apiText(rc, query.call.node.arguments[0])),
        at: read.node,
        test,
        ...queryApi(query.call.node.arguments[0]),
      });
  }
  const { byName } = fileComponents(rc);
  const local = mountingComponents(rc);
  const byNode = elementsByNode(rc);
  for (const el of walk.elements) {
    const test = clerkTest(m, el.guards);
    if (!test) continue;
    const info = byNode.get(el.node);
    const why = info && elementMounts(rc, info, byName, local);
    if (why) sites.push({ kind: 'mount', what: why, at: el.node.openingElement, test });
  }
  return sites;
}

function messageFor(site: Site, hook: string): string {
  const clerk = `Clerk's ${hook}()`;
  const why = 'Clerk says signed in before Convex has received and checked the token';
  switch (site.kind) {
    case 'skip':
      return `${clerk} decides when ${site.what} runs (its "skip" test reads Clerk's state), but ${why}, so the query can run without an identity. Gate it on useConvexAuth(): pass "skip" until isAuthenticated, and show a loading state while isLoading.`;
    case 'effect':
      return `${site.what} runs from an effect once ${clerk} says the user is signed in, but ${why}, so it can run without an identity. Wait for useConvexAuth().isAuthenticated instead.`;
    case 'result':
      return `This component shows the result of ${site.what} once ${clerk} says the user is signed in, but the query itself is not gated: it is sent before Convex has the token and runs without an identity. Gate it on useConvexAuth(): pass "skip" until isAuthenticated, and show a loading state while isLoading.`;
    case 'mount':
      return `${site.what} calls Convex as soon as it mounts, and is rendered once ${clerk} says the user is signed in; ${why}, so that call can run without an identity. Render it under <Authenticated> from "convex/react", or wait for useConvexAuth().isAuthenticated.`;
  }
}

/** The message of a source's sites: the first one's, naming the mutations fired from effects too when it is not one. */
function groupMessage(list: readonly Site[], hook: string): string {
  const first = list[0];
  const effects = first.kind === 'effect' ? [] : list.filter((s) => s.kind === 'effect').map((s) => s.what);
  const names = [...new Set(effects)];
  if (names.length === 0) return messageFor(first, hook);
  const also = names.length === 1 ? `${names[0]} is` : `${names.slice(0, -1).join(', ')} and ${names.at(-1)} are`;
  return `${messageFor(first, hook)} ${also} also called from an effect on the same state of Clerk's ${hook}(), so it can run without an identity too: wait for useConvexAuth().isAuthenticated there as well.`;
}

function related(sites: readonly Site[]): RelatedLocation[] {
  return sites.slice(0, MAX_RELATED).map((s) => ({
    start: startOf(s.at),
    end: endOf(s.at),
    message:
      s.kind === 'skip'
        ? `${s.what} is skipped on Clerk's state here`
        : s.kind === 'effect'
          ? `${s.what} is called here`
          : s.kind === 'result'
            ? `the result of ${s.what} is shown here`
            : `${s.what} is rendered here`,
  }));
}

/** The Clerk source a site's test reads (the first that does; derived constants go to the first source). */
function sourceOf(m: ComponentModel, site: Site): ClerkSource | undefined {
  const text = new Set<string>();
  const stack: t.Node[] = [site.test];
  for (let i = 0; i < 100 && stack.length; i++) {
    const n = stack.pop() as t.Node;
    if (n.type === 'Identifier') text.add(n.name);
    else if (n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') stack.push(n.object);
    else if (n.type === 'UnaryExpression') stack.push(n.argument);
    else if (n.type === 'LogicalExpression' || n.type === 'BinaryExpression') stack.push(n.left, n.right);
  }
  return (
    m.clerk.find((c) => [...c.locals.keys()].some((l) => text.has(l)) || (c.object && text.has(c.object))) ?? m.clerk[0]
  );
}

function checkClerkState(rc: RuleContext): void {
  const { models } = fileComponents(rc);
  for (const m of models.values()) {
    if (m.clerk.length === 0) continue;
    const sites = sitesOf(rc, m);
    if (sites.length === 0) continue;
    const bySource = new Map<ClerkSource, Site[]>();
    for (const site of sites) {
      const source = sourceOf(m, site);
      if (!source) continue;
      bySource.set(source, [...(bySource.get(source) ?? []), site]);
    }
    for (const [source, list] of bySource) {
      const fix = clerkGateFix(rc, m, source);
      reportGate(
        rc,
        queriesOf(rc, list),
        RULES.clerkGate,
        startOf(source.call.node),
        endOf(source.call.node),
        groupMessage(list, source.hook),
        fix ? [fix] : [],
        related(list),
      );
    }
  }
}

/** The `when` of Clerk Core 3's `<Show when="signed-in">`, as a string literal. */
function showWhen(el: ElementInfo): { attr: t.JSXAttribute; value: string } | undefined {
  for (const a of el.node.openingElement.attributes) {
    if (a.type !== 'JSXAttribute' || a.name.type !== 'JSXIdentifier' || a.name.name !== 'when') continue;
    const v = a.value;
    const literal =
      v?.type === 'StringLiteral'
        ? v
        : v?.type === 'JSXExpressionContainer' && v.expression.type === 'StringLiteral'
          ? v.expression
          : undefined;
    return literal ? { attr: a, value: literal.value } : undefined;
  }
  return undefined;
}

/** A Clerk gate element and the Convex gate that replaces it, with the edits beyond renaming the tag. */
export function clerkGate(
  rc: RuleContext,
  el: ElementInfo,
): { replacement: string; shown: string; extra: TextEdit[] } | undefined {
  if (!fromClerk(el.binding?.source)) return undefined;
  const renamed = CLERK_GATES.get(el.canonical);
  if (renamed) return { replacement: renamed, shown: `<${el.name}>`, extra: [] };
  if (el.canonical !== 'Show') return undefined;
  const when = showWhen(el);
  const replacement = when && SHOW_WHEN.get(when.value);
  if (!when || !replacement) return undefined; // `when={(has) => …}` is authorization, not a sign-in gate
  const text = rc.scan.text;
  let start = startOf(when.attr);
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  return {
    replacement,
    shown: `<${el.name} when="${when.value}">`,
    extra: [{ start, end: endOf(when.attr), newText: '' }],
  };
}

const GATE_DEPTH = 200;

/** What a Clerk gate element holds that calls Convex: a component that does on mount, or a query's result shown. */
interface Below {
  what: string;
  /** The gate shows a query's result (the query itself is sent outside the gate). */
  shown?: true;
  /** That query, when written as `api.module.name`. */
  result?: { api: ApiPath; dirs: string[] | undefined };
}

/**
 * What under each Clerk gate element calls Convex: a component that does on mount (found by walking up from each
 * such element, a bounded number of levels), or a read of a query result the gate's component does not gate.
 */
function underGates(rc: RuleContext, gates: ReadonlySet<ElementInfo>): Map<ElementInfo, Below> {
  const found = new Map<ElementInfo, Below>();
  const { byName } = fileComponents(rc);
  const local = mountingComponents(rc);
  for (const el of rc.scan.elements) {
    let depth = 0;
    let why: string | undefined | null = null;
    for (let up = el.parent; up && depth < GATE_DEPTH; up = up.parent, depth++) {
      if (!gates.has(up) || found.has(up)) continue;
      // A component whose own query waits on Clerk alone runs it under the gate as soon as Clerk has a session.
      if (why === null) why = elementMounts(rc, el, byName, local) ?? clerkOnlyMount(rc, el);
      if (!why) break;
      found.set(up, { what: why });
    }
  }
  let dirs: string[] | undefined | null = null;
  for (const gate of gates) {
    if (found.has(gate)) continue;
    let m: ComponentModel | undefined;
    for (let fn = gate.fn; fn && !m; fn = fn.parent) m = modelOf(rc, fn);
    if (!m) continue;
    const from = startOf(gate.node);
    const to = endOf(gate.node);
    const read = walked(rc, m).jsxReads.find((r) => startOf(r.node) >= from && endOf(r.node) <= to);
    const q = read && m.queries.find((x) => x.result === read.node.name);
    if (!q) continue;
    const api = apiPath(q.call.node.arguments[0]);
    if (dirs === null) dirs = functionsDirs(rc.scan, rc.context);
    const below: Below = { what: queryCallText(q.call, apiText(rc, q.call.node.arguments[0])), shown: true };
    if (api) below.result = { api, dirs };
    found.set(gate, below);
  }
  return found;
}

function checkClerkGateElements(rc: RuleContext): void {
  const gates = new Map<ElementInfo, NonNullable<ReturnType<typeof clerkGate>>>();
  for (const el of rc.scan.elements) {
    const gate = clerkGate(rc, el);
    if (gate) gates.set(el, gate);
  }
  if (gates.size === 0) return;
  const below = underGates(rc, new Set(gates.keys()));
  for (const [el, gate] of gates) {
    const what = below.get(el);
    if (!what) continue;
    const { replacement, shown } = gate;
    const closing = el.node.closingElement;
    const name = el.node.openingElement.name;
    const edits: TextEdit[] = [replaceNode(name, replacement), ...gate.extra];
    if (closing) edits.push(replaceNode(closing.name, replacement));
    edits.push(...convexImportEdits(rc, el.name, closing ? 2 : 1, replacement));
    // Around a shown result, swapping the gate would hide the result until Convex has the token while the query
    // itself is still sent without it: the finding would go and the bug stay. The message names the two remedies.
    const fixes: Fix[] = what.shown
      ? []
      : [{ title: `Replace ${shown} with <${replacement}>`, mechanical: true, edits }];
    const message = what.shown
      ? `${shown} only hides the result of ${what.what}: the query itself is sent outside it, as soon as the component renders, before Convex has accepted the token, so it runs without an identity. Pass "skip" to it until useConvexAuth().isAuthenticated, or send it from a component rendered under <${replacement}> from "convex/react".`
      : `${shown} renders as soon as Clerk has a session, before Convex has accepted the token, so ${what.what} below it runs without an identity. Use <${replacement}> from "convex/react": it renders once Convex has accepted the token (and nothing while it loads).`;
    reportGate(rc, what.result && [what.result], RULES.clerkGate, startOf(name), endOf(name), message, fixes);
  }
}

export function clerkGateRules(rc: RuleContext): void {
  checkClerkState(rc);
  checkClerkGateElements(rc);
}
