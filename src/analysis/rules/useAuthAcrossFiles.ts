// use-auth-source across files: the provider component passes Clerk's useAuth from one SDK
// (`@clerk/clerk-react`) while the layout that renders it sits under ClerkProvider from another (`@clerk/nextjs`).
// The provider file cannot tell which ClerkProvider is above it; the rendering file can, from the index's facts.
import type * as t from '@babel/types';
import { endOf, startOf, unwrapTs } from '../ast';
import { importRefersTo } from '../modulePaths';
import { RULES } from '../ruleCatalog';
import { outermostFn, type ElementInfo } from '../scanRecords';
import { isLocalModule, report, type RuleContext } from './shared';

/** `@clerk/nextjs/legacy` → `@clerk/nextjs`: the SDK a specifier belongs to. */
const sdkOf = (source: string): string => source.split('/').slice(0, 2).join('/');

function useAuthValue(el: ElementInfo): t.Identifier | undefined {
  for (const a of el.node.openingElement.attributes) {
    if (a.type !== 'JSXAttribute' || a.name.type !== 'JSXIdentifier' || a.name.name !== 'useAuth') continue;
    if (a.value?.type !== 'JSXExpressionContainer' || a.value.expression.type === 'JSXEmptyExpression') return;
    const expr = unwrapTs(a.value.expression);
    return expr.type === 'Identifier' ? expr : undefined;
  }
  return undefined;
}

/** The file's components that render ConvexProviderWithClerk with a Clerk package's useAuth, and which package. */
export function useAuthSources(
  rc: RuleContext,
): { fn: NonNullable<ElementInfo['fn']>; source: string; node: t.Node }[] {
  const out: { fn: NonNullable<ElementInfo['fn']>; source: string; node: t.Node }[] = [];
  for (const { el, kind } of rc.providers) {
    if (kind !== 'convexWithClerk') continue;
    const expr = useAuthValue(el);
    const source = expr && rc.scan.imports.get(expr.name)?.source;
    const fn = outermostFn(el.fn);
    if (expr && fn && source?.startsWith('@clerk/')) out.push({ fn, source, node: expr });
  }
  return out;
}

/** Reports the project's provider components rendered here under a ClerkProvider of another Clerk SDK. */
export function checkUseAuthAcrossFiles(rc: RuleContext): void {
  const known = rc.context.useAuthSources;
  if (!known?.length) return;
  const paths = known.map((c) => c.path);
  for (const { el, kind } of rc.providers) {
    const binding = el.binding;
    const clerk = rc.tree.clerkAbove.get(el)?.binding?.source;
    if (kind !== 'projectProvider' || !binding || !clerk?.startsWith('@clerk/')) continue;
    if (!isLocalModule(rc.context, binding.source)) continue;
    const match = known.find(
      (c) =>
        c.exportName === binding.imported &&
        importRefersTo(rc.scan.fileName, binding.source, c.path, rc.context.moduleAliases, paths),
    );
    if (!match || sdkOf(match.source) === sdkOf(clerk)) continue;
    const name = el.node.openingElement.name;
    report(
      rc,
      RULES.useAuthSource,
      startOf(name),
      endOf(name),
      `<${el.name}> (${match.path}) passes useAuth from "${match.source}" to ConvexProviderWithClerk, but it is rendered here under ClerkProvider from "${clerk}"; the hook must come from the same Clerk SDK as ClerkProvider. Import useAuth from "${sdkOf(clerk)}" in ${match.path}.`,
      [],
      [{ path: match.path, start: 0, end: 0, position: match.position, message: `useAuth from "${match.source}"` }],
    );
  }
}
