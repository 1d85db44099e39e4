// useConvexAuth and <Authenticated> must sit inside the Convex provider to see whether it accepted the token.
// (Gating on Clerk's state instead is clerk-gate, in clerkGate.ts.)
import { endOf, startOf } from '../ast';
import { RULES } from '../ruleCatalog';
import { outermostFn } from '../scanRecords';
import { isConvexProvider, report, type RuleContext } from './shared';

export const CONVEX_GATES: ReadonlySet<string> = new Set(['Authenticated', 'Unauthenticated', 'AuthLoading']);

const fromConvex = (source: string | undefined): boolean =>
  source === 'convex/react' || source?.startsWith('convex-helpers/') === true;

function checkOutsideProvider(rc: RuleContext): void {
  const { scan } = rc;
  const providers = rc.providers.filter((p) => isConvexProvider(p.kind)).map((p) => p.el);
  if (providers.length === 0) return;
  const renderers = new Set(providers.map((p) => outermostFn(p.fn)));
  for (const c of scan.hookCalls) {
    if (c.canonical !== 'useConvexAuth' || !c.fn || !renderers.has(c.fn)) continue;
    report(
      rc,
      RULES.convexAuthOutsideProvider,
      startOf(c.node),
      endOf(c.node),
      'useConvexAuth() is called in the component that renders the Convex provider, so it runs outside that provider and never sees the auth state. Call it in a child component rendered inside the provider.',
    );
  }
  const gates = scan.elements.filter((el) => CONVEX_GATES.has(el.canonical) && fromConvex(el.binding?.source));
  for (const el of gates) {
    const component = outermostFn(el.fn);
    if (!renderers.has(component)) continue; // most gates sit in components that render no provider
    if (rc.tree.convexAbove.has(el)) continue;
    const sameTree = rc.tree.convexOfComponent.get(component) ?? [];
    const name = el.node.openingElement.name;
    report(
      rc,
      RULES.convexAuthOutsideProvider,
      startOf(name),
      endOf(name),
      `<${el.name}> is outside the Convex provider, so it cannot see whether Convex accepted the token. Move it inside <${sameTree[0]?.name}>.`,
      [],
      sameTree.map((p) => ({
        start: startOf(p.node.openingElement),
        end: endOf(p.node.openingElement),
        message: 'the Convex provider',
      })),
    );
  }
}

export function authHookRules(rc: RuleContext): void {
  checkOutsideProvider(rc);
}
