// The plain ConvexProvider in an app that signs users in with Clerk: when it is the mistake, and its fix.
import { outermostFn, type ElementInfo } from '../../scanRecords';
import { addNamedImport, otherReferences, removeImport, replaceNode } from '../../edits';
import { importRefersTo } from '../../modulePaths';
import { RULES } from '../../ruleCatalog';
import { findingOf } from '../../findingOf';
import type { TextEdit } from '../../types';
import { noAuthConfigAnywhere } from '../authConfigMissing';
import { endOf, startOf } from '../../ast';
import { carriesClerkToken, isLocalModule, isRouterWrap, report, type RuleContext } from '../shared';
import { attribute, clerkUseAuthEdits, nameRange, ownClient } from './elements';

/**
 * The project has no auth.config at all: switching the provider alone would make Convex reject every token (no
 * provider configured), so the advice names the second step too.
 */
function secondStep(rc: RuleContext): string {
  if (!noAuthConfigAnywhere(rc)) return '';
  const layout = rc.context.project?.convexLayout;
  const where =
    layout && !layout.ambiguous
      ? `${layout.functionsDir ? `${layout.functionsDir}/` : ''}auth.config.ts`
      : 'an auth.config.ts in your Convex functions folder';
  return `, and create ${where} with Clerk's issuer as a provider ({ domain: process.env.CLERK_JWT_ISSUER_DOMAIN, applicationID: "convex" }): this project has none, and without it Convex rejects every token`;
}

export function checkPlainProvider(rc: RuleContext, el: ElementInfo, certainty: 'warning' | 'information'): void {
  const { scan } = rc;
  const [s, e] = nameRange(el);
  if (isRouterWrap(rc, el) && !rc.tree.clerkAbove.has(el)) {
    // The router's Wrap renders above every route, so a ClerkProvider of the routes is below it: useAuth there would
    // throw, and the switch belongs where ClerkProvider is (no edit here would be right).
    const needs = certainty === 'information' ? 'If your Convex functions need the signed-in user, render' : 'Render';
    const message = `<${el.name}> does not send the Clerk session token, so Convex functions called from the browser see no identity. This router Wrap renders above every route, outside the routes' <ClerkProvider>, so useAuth cannot be used here. ${needs} <ConvexProviderWithClerk client={…} useAuth={useAuth}> from "convex/react-clerk" inside <ClerkProvider> in the root route (Convex's TanStack Start guide), or put <ClerkProvider> in this Wrap around a ConvexProviderWithClerk.`;
    rc.findings.push(findingOf(RULES.plainConvexProvider, s, e, message, [], undefined, certainty));
    return;
  }
  const edits: TextEdit[] = [{ start: s, end: e, newText: 'ConvexProviderWithClerk' }];
  const closing = el.node.closingElement;
  if (closing) edits.push(replaceNode(closing.name, 'ConvexProviderWithClerk'));
  if (!attribute(el, 'useAuth')) edits.push({ start: e, end: e, newText: ' useAuth={useAuth}' });
  edits.push(...clerkUseAuthEdits(rc));
  const add = addNamedImport(scan, 'convex/react-clerk', 'ConvexProviderWithClerk');
  if (add) edits.push(add);
  const uses = otherReferences(scan, el.name);
  if (scan.imports.has(el.name) && uses === (closing ? 2 : 1)) {
    const remove = removeImport(scan, el.name);
    if (remove) edits.push(remove);
  }
  const fixes = [{ title: 'Switch to ConvexProviderWithClerk with useAuth', mechanical: false, edits }];
  const use = `<ConvexProviderWithClerk client={…} useAuth={useAuth}> from "convex/react-clerk"${secondStep(rc)}`;
  if (certainty === 'information') {
    // Nothing seen needs the user: the words hold whether or not the app's functions will.
    const message = `<${el.name}> does not send the Clerk session token, so Convex functions see no identity. If your Convex functions need the signed-in user, use ${use}; if they serve everyone alike, the plain provider is fine.`;
    rc.findings.push(findingOf(RULES.plainConvexProvider, s, e, message, fixes, undefined, 'information'));
    return;
  }
  report(
    rc,
    RULES.plainConvexProvider,
    s,
    e,
    `<${el.name}> does not send the Clerk session token, so Convex functions see no identity. Use ${use}.`,
    fixes,
  );
}

/** Another file of the workspace renders ConvexProviderWithClerk: a plain provider beside it serves a public area. */
export function withClerkElsewhere(rc: RuleContext): boolean {
  const file = rc.scan.fileName;
  return (
    (rc.context.convexWithClerkFiles ?? []).some((p) => p !== file) ||
    (rc.context.convexProviderComponents ?? []).some((c) => c.path !== file)
  );
}

/**
 * The project expects Convex to see the signed-in user: its auth.config names a provider, or some Convex function of
 * the workspace reads the identity. (A project that keeps Convex's auth off on purpose has neither.)
 */
export function convexAuthExpected(rc: RuleContext): boolean {
  const project = rc.context.project;
  return (project?.authConfigs.some((c) => c.providers.length > 0) ?? false) || identityNeeded(rc);
}

/** Some Convex function of the workspace reads the identity (the index knows it): Convex needs the signed-in user. */
function identityNeeded(rc: RuleContext): boolean {
  return rc.context.projectHasIdentityFunctions ?? (rc.context.identityFunctions?.length ?? 0) > 0;
}

/**
 * How sure it is that a plain ConvexProvider is a mistake (issue 23, ninth check F3: a hackathon app whose functions
 * serve a public list and read no identity has nothing to send the token for). 'warning' where Convex is seen to need
 * the user: in a file that uses Clerk (it has Clerk's state at hand and sends none of it), an auth.config with a
 * provider or a function that reads the identity; in a file that does not, and no other file provides the token, a
 * function that reads the identity. 'information' (a hint worded on the condition) where Clerk is at hand but nothing
 * shows Convex needs the user, or where only an auth.config does (it does not place this provider in a Clerk app: a
 * work-in-progress root that renders no ClerkProvider). Undefined: no finding.
 */
export function plainCertainty(rc: RuleContext): 'warning' | 'information' | undefined {
  for (const b of rc.scan.imports.values())
    if (b.source.startsWith('@clerk/')) return convexAuthExpected(rc) ? 'warning' : 'information';
  if (withClerkElsewhere(rc)) return undefined;
  if (identityNeeded(rc)) return 'warning';
  return convexAuthExpected(rc) ? 'information' : undefined;
}

/**
 * The deliberate fallback: a component that renders ConvexProviderWithClerk on one branch and a plain ConvexProvider,
 * with no ClerkProvider above it, on another (`if (clerkKey) return <ClerkProvider>…; return <ConvexProvider>`). The
 * app runs without Clerk there, so there is no token to send.
 */
export function isNoClerkFallback(
  rc: RuleContext,
  el: ElementInfo,
  withClerkComponents: ReadonlySet<unknown>,
): boolean {
  const component = outermostFn(el.fn);
  return component !== undefined && withClerkComponents.has(component) && !rc.tree.clerkAbove.has(el);
}

/**
 * A component of the project that renders a plain ConvexProvider (the index knows which), rendered by a file that
 * uses ClerkProvider: the app uses Clerk, and its Convex provider never sends Clerk's token.
 */
export function checkPlainProviderComponents(
  rc: RuleContext,
  clerks: readonly ElementInfo[],
  certainty: 'warning' | 'information',
): void {
  const known = rc.context.plainConvexProviderComponents;
  if (!known?.length) return;
  const paths = known.map((c) => c.path);
  for (const el of rc.scan.elements) {
    const binding = el.binding;
    if (!binding || !isLocalModule(rc.context, binding.source)) continue;
    const match = known.find(
      (c) =>
        c.exportName === binding.imported &&
        importRefersTo(rc.scan.fileName, binding.source, c.path, rc.context.moduleAliases, paths),
    );
    if (!match) continue;
    const outside = !rc.tree.clerkAbove.has(el);
    const [s, e] = nameRange(el);
    const clerk = clerks[0]?.name ?? 'ClerkProvider';
    const change = `<ConvexProviderWithClerk client={…} useAuth={useAuth}> from "convex/react-clerk"${outside ? `, and render <${el.name}> inside <ClerkProvider>` : ''}${secondStep(rc)}`;
    // Nothing seen needs the user (ninth check F3): the words hold whether or not the app's functions will.
    const message =
      certainty === 'information'
        ? `<${el.name}> renders a plain <ConvexProvider> (${match.path}), which never sends Clerk's token, so Convex functions see no identity although this app signs users in with <${clerk}>. If your Convex functions need the signed-in user, switch it to ${change}; if they serve everyone alike, the plain provider is fine.`
        : `<${el.name}> renders a plain <ConvexProvider> (${match.path}), which never sends Clerk's token, so every Convex function sees no identity although this app signs users in with <${clerk}>. Switch it to ${change}.`;
    const related = [
      {
        path: match.path,
        start: 0,
        end: 0,
        ...(match.position ? { position: match.position } : {}),
        message: 'the plain ConvexProvider',
      },
    ];
    rc.findings.push(findingOf(RULES.plainConvexProvider, s, e, message, [], related, certainty));
  }
}

/**
 * A plain ConvexProvider with a client of its own (here, or in a component of the project the index knows) rendered
 * inside a provider that carries Clerk's token: the inner provider's client takes over for everything below it, and
 * that client never gets the token, so those components call Convex anonymously while the app looks signed in.
 */
export function checkShadowedProviders(rc: RuleContext): void {
  const kinds = new Map(rc.providers.map((p) => [p.el, p.kind]));
  const known = rc.context.plainConvexProviderComponents?.filter((c) => c.ownClient) ?? [];
  const paths = known.map((c) => c.path);
  for (const el of rc.scan.elements) {
    const outer = rc.tree.convexAbove.get(el);
    if (!outer || !carriesClerkToken(kinds.get(outer)) || startOf(el.node) < endOf(outer.node.openingElement)) continue;
    if (rc.findings.some((f) => f.code === RULES.plainConvexProvider.code && f.start === nameRange(el)[0])) continue;
    let where: string | undefined;
    if (kinds.get(el) === 'convexPlain' && ownClient(rc, el)) where = 'Its client';
    else {
      const binding = el.binding;
      if (!binding || known.length === 0 || !isLocalModule(rc.context, binding.source)) continue;
      const match = known.find(
        (c) =>
          c.exportName === binding.imported &&
          importRefersTo(rc.scan.fileName, binding.source, c.path, rc.context.moduleAliases, paths),
      );
      if (match) where = `It renders a plain <ConvexProvider> (${match.path}) whose client`;
    }
    if (!where) continue;
    const [s, e] = nameRange(el);
    report(
      rc,
      RULES.plainConvexProvider,
      s,
      e,
      `<${el.name}> sits inside <${outer.name}>${kinds.get(outer) === 'projectProvider' ? ' (it renders ConvexProviderWithClerk)' : ''}, which sends Clerk's token, and shadows it: every component below <${el.name}> uses the inner provider's client. ${where} is a ConvexReactClient of its own that no ConvexProviderWithClerk ever gives the token, so their Convex calls see no identity. Remove <${el.name}> (the outer provider already supplies the client), or make it a <ConvexProviderWithClerk client={…} useAuth={useAuth}>.`,
      [],
      [
        {
          start: startOf(outer.node.openingElement),
          end: endOf(outer.node.openingElement),
          message: 'the provider that sends the token',
        },
      ],
    );
  }
}
