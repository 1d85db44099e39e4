// Components whose own query is gated on Clerk's state alone (`useQuery(api.x, user?.id ? {} : "skip")`): they
// send it as soon as Clerk says signed in, before Convex has the token. Rendered under <SignedIn>, that gate lets
// the query run before the token as much as the component's own test does, and replacing it with <Authenticated>
// alone would be right; so clerk-gate reports such a <SignedIn> too, naming the call (audit5 M4, ai-wizard-duel).
import { outermostFn, type ElementInfo, type FnInfo } from '../scanRecords';
import { importRefersTo } from '../modulePaths';
import { fileComponents } from './components';
import { mayNameProjectFile, remember, type RuleContext } from './shared';
import { apiPath } from './functionRefs';

/** The file's components (outermost functions, not hooks) with a query skipped on Clerk's state alone, and which. */
export function clerkOnlyCalls(rc: RuleContext): Map<FnInfo, string> {
  return remember(rc, 'clerkOnlyCalls', () => {
    const found = new Map<FnInfo, string>();
    for (const m of fileComponents(rc).models.values()) {
      const root = outermostFn(m.fn);
      if (!root || root.name?.startsWith('use') || found.has(root)) continue;
      const q = m.queries.find((x) => x.gate === 'clerk' && !x.passesClerkId);
      const api = q && apiPath(q.call.node.arguments[0]);
      if (q) found.set(root, `${q.call.name}(${api?.text ?? '…'})`);
    }
    return found;
  });
}

/**
 * What an element mounts that sends a query once Clerk says signed in: a component of this file, or of another file
 * the index knows (context.clerkOnlyCallComponents), as the message names it.
 */
export function clerkOnlyMount(rc: RuleContext, el: ElementInfo): string | undefined {
  const tail = 'its own "skip" test reads only Clerk\'s state';
  if (!el.binding) {
    const fn = fileComponents(rc).byName.get(el.name);
    const call = fn && clerkOnlyCalls(rc).get(fn);
    return call ? `<${el.name}> (${call}: ${tail})` : undefined;
  }
  const source = el.binding.source;
  if (!mayNameProjectFile(rc.context, source)) return undefined;
  const candidates = rc.context.clerkOnlyCallComponents?.filter((c) => c.exportName === el.binding?.imported);
  if (!candidates?.length) return undefined;
  const known = candidates.map((c) => c.path);
  const match = candidates.find((c) =>
    importRefersTo(rc.scan.fileName, source, c.path, rc.context.moduleAliases, known),
  );
  return match ? `<${el.name}> (${match.why} in ${match.path}: ${tail})` : undefined;
}
