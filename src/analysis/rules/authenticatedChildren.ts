// One reader of "this component renders what it is given only under Convex's <Authenticated>": a provider component
// such as `({ children }) => <ClerkProvider><ConvexProviderWithClerk …><Authenticated>{children}</Authenticated>…`.
// A layout that renders its routes inside such a component (`<ConvexClientProvider>{children}</…>`, the component in
// another file, known through the index) waits for Convex's auth as if it rendered <Authenticated> itself, so its
// routeGate covers them: query-before-auth and clerk-gate then say nothing of what those routes do before auth.
import type * as t from '@babel/types';
import { importRefersTo } from '../modulePaths';
import { exportNames, type FnInfo } from '../scanRecords';
import { elementsByNode, fileComponents } from './components';
import { readLayout, readOutlets, type LayoutRead, type WrapsInAuthenticated } from './layoutGate';
import { mayNameProjectFile, remember, type RuleContext } from './shared';

/** Whether the component renders its `children` somewhere, and everywhere it does, under <Authenticated>. */
function childrenAuthenticated(rc: RuleContext, fn: FnInfo, wraps: WrapsInAuthenticated): boolean {
  const read = readOutlets(rc, fn.node, false, wraps);
  return !!read && read.outlets.length > 0 && read.outlets.every((o) => o.gated);
}

/**
 * The file's test for an element that renders what it holds under <Authenticated>: a component of this file whose
 * children are (read once each, a component reached again while it is read counts as not), or a component of
 * another file the index says is (context.authenticatedChildrenComponents), matched by import.
 */
export function wrapsInAuthenticated(rc: RuleContext): WrapsInAuthenticated {
  return remember(rc, 'wrapsInAuthenticated', () => {
    const { byName } = fileComponents(rc);
    const byNode = elementsByNode(rc);
    const local = new Map<FnInfo, boolean>();
    const wraps: WrapsInAuthenticated = (node: t.JSXElement) => {
      const el = byNode.get(node);
      if (!el) return false;
      if (!el.binding) {
        const fn = byName.get(el.name);
        if (!fn) return false;
        if (!local.has(fn)) {
          local.set(fn, false);
          local.set(fn, childrenAuthenticated(rc, fn, wraps));
        }
        return local.get(fn) === true;
      }
      const { source, imported } = el.binding;
      if (!mayNameProjectFile(rc.context, source)) return false;
      const candidates = rc.context.authenticatedChildrenComponents?.filter((c) => c.exportName === imported);
      if (!candidates?.length) return false;
      const known = candidates.map((c) => c.path);
      return candidates.some((c) => importRefersTo(rc.scan.fileName, source, c.path, rc.context.moduleAliases, known));
    };
    return wraps;
  });
}

/** The file's route layout, read with the project's components that render their children under <Authenticated>. */
export function readRouteLayout(rc: RuleContext): LayoutRead | undefined {
  return readLayout(rc, wrapsInAuthenticated(rc));
}

/** The names under which this file exports components that render their children only under <Authenticated>. */
export function authenticatedChildrenFacts(rc: RuleContext): string[] {
  const names: string[] = [];
  const wraps = wrapsInAuthenticated(rc);
  for (const fn of fileComponents(rc).byName.values()) {
    const exported = exportNames(rc.scan, fn);
    if (exported.length === 0) continue;
    if (childrenAuthenticated(rc, fn, wraps)) names.push(...exported);
  }
  return names;
}
