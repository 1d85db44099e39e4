// Provider rules: the sandwich order, the right Convex provider, its two props, and where useAuth comes from.
import type * as t from '@babel/types';
import { endOf, startOf, unwrapTs } from '../ast';
import { addNamedImport, nodeText, otherReferences, removeImport, replaceNode } from '../edits';
import { RULES } from '../ruleCatalog';
import { outermostFn, type ElementInfo } from '../scanRecords';
import type { Fix, TextEdit } from '../types';
import {
  convexUrlExpression,
  expectedClerkSdk,
  guessClerkSdk,
  clerkInPlay,
  isLocalModule,
  isRouterWrap,
  remember,
  report,
  type RuleContext,
} from './shared';
import { importRefersTo } from '../modulePaths';
import { checkUseAuthAcrossFiles } from './useAuthAcrossFiles';
import { wrappedByClerkElsewhere } from './wrappedTree';
import { checkMissingAuthConfig, noAuthConfigAnywhere } from './authConfigMissing';

function nameRange(el: ElementInfo): [number, number] {
  const name = el.node.openingElement.name;
  return [startOf(name), endOf(name)];
}

function attribute(el: ElementInfo, name: string): t.JSXAttribute | undefined {
  for (const a of el.node.openingElement.attributes) {
    if (a.type === 'JSXAttribute' && a.name.type === 'JSXIdentifier' && a.name.name === name) return a;
  }
  return undefined;
}

const hasSpread = (el: ElementInfo): boolean =>
  el.node.openingElement.attributes.some((a) => a.type === 'JSXSpreadAttribute');

/** The only element child of `outer`, ignoring whitespace-only text. */
function onlyElementChild(outer: ElementInfo): t.Node | undefined {
  const kids = outer.node.children.filter((c) => !(c.type === 'JSXText' && c.value.trim() === ''));
  return kids.length === 1 ? kids[0] : undefined;
}

function swapFix(rc: RuleContext, outer: ElementInfo, inner: ElementInfo): Fix | undefined {
  const oc = outer.node.closingElement;
  const ic = inner.node.closingElement;
  if (!oc || !ic) return undefined;
  const { scan } = rc;
  const oo = outer.node.openingElement;
  const io = inner.node.openingElement;
  return {
    title: `Swap <${outer.name}> and <${inner.name}> so ClerkProvider is outside`,
    mechanical: onlyElementChild(outer) === inner.node,
    edits: [
      replaceNode(oo, nodeText(scan, io)),
      replaceNode(io, nodeText(scan, oo)),
      replaceNode(ic, nodeText(scan, oc)),
      replaceNode(oc, nodeText(scan, ic)),
    ],
  };
}

function checkOrder(rc: RuleContext, convex: ElementInfo[]): void {
  for (const el of convex) {
    if (rc.tree.clerkAbove.has(el)) continue;
    const inside = rc.tree.clerkInside.get(el);
    const sameTree = inside ?? rc.tree.clerkOfComponent.get(outermostFn(el.fn));
    if (!sameTree) continue; // ClerkProvider lives elsewhere (e.g. the layout wraps this component)
    if (wrappedByClerkElsewhere(rc, el)) continue;
    const [s, e] = nameRange(el);
    const fix = inside ? swapFix(rc, el, inside) : undefined;
    report(
      rc,
      RULES.providerOrder,
      s,
      e,
      `<${el.name}> is rendered outside <ClerkProvider>, so its useAuth cannot reach Clerk. Put ClerkProvider on the outside: <ClerkProvider><${el.name}>…</${el.name}></ClerkProvider>.`,
      fix ? [fix] : [],
      [
        {
          start: startOf(sameTree.node.openingElement),
          end: endOf(sameTree.node.openingElement),
          message: 'ClerkProvider is here; it must wrap the Convex provider.',
        },
      ],
    );
  }
}

function clerkUseAuthEdits(rc: RuleContext): TextEdit[] {
  const existing = rc.scan.imports.get('useAuth');
  if (existing?.source.startsWith('@clerk/') && !existing.source.endsWith('/server')) return [];
  if (existing) return []; // a different useAuth is in scope; use-auth-source explains it
  const edit = addNamedImport(rc.scan, guessClerkSdk(rc), 'useAuth');
  return edit ? [edit] : [];
}

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

function checkPlainProvider(rc: RuleContext, el: ElementInfo): void {
  const { scan } = rc;
  const [s, e] = nameRange(el);
  if (isRouterWrap(rc, el) && !rc.tree.clerkAbove.has(el)) {
    // The router's Wrap renders above every route, so a ClerkProvider of the routes is below it: useAuth there would
    // throw, and the switch belongs where ClerkProvider is (no edit here would be right).
    report(
      rc,
      RULES.plainConvexProvider,
      s,
      e,
      `<${el.name}> does not send the Clerk session token, so Convex functions called from the browser see no identity. This router Wrap renders above every route, outside the routes' <ClerkProvider>, so useAuth cannot be used here: render <ConvexProviderWithClerk client={…} useAuth={useAuth}> from "convex/react-clerk" inside <ClerkProvider> in the root route (Convex's TanStack Start guide), or put <ClerkProvider> in this Wrap around a ConvexProviderWithClerk.`,
      [],
    );
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
  report(
    rc,
    RULES.plainConvexProvider,
    s,
    e,
    `<${el.name}> does not send the Clerk session token, so Convex functions see no identity. Use <ConvexProviderWithClerk client={…} useAuth={useAuth}> from "convex/react-clerk"${secondStep(rc)}.`,
    [{ title: 'Switch to ConvexProviderWithClerk with useAuth', mechanical: false, edits }],
  );
}

function moduleClient(rc: RuleContext): string | undefined {
  return remember(rc, 'moduleClient', () => findModuleClient(rc));
}

function findModuleClient(rc: RuleContext): string | undefined {
  for (const c of rc.scan.newClients) {
    const parent = c.ancestors[c.ancestors.length - 1];
    if (!c.fn && parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
  }
  return undefined;
}

function checkProps(rc: RuleContext, el: ElementInfo): void {
  if (hasSpread(el)) return;
  const missing = ['client', 'useAuth'].filter((n) => !attribute(el, n));
  if (missing.length === 0) return;
  const { scan } = rc;
  const [s, e] = nameRange(el);
  const edits: TextEdit[] = [];
  let mechanical = true;
  if (missing.includes('client')) {
    const existing = moduleClient(rc);
    edits.push({ start: e, end: e, newText: ` client={${existing ?? 'convex'}}` });
    if (!existing) {
      mechanical = false;
      const imp = addNamedImport(scan, 'convex/react', 'ConvexReactClient');
      if (imp) edits.push(imp);
      const top = outermostFn(el.fn)?.topStatement;
      const at = top ? startOf(top) : 0;
      edits.push({
        start: at,
        end: at,
        newText: `const convex = new ConvexReactClient(${convexUrlExpression(rc)});\n\n`,
      });
    }
  }
  if (missing.includes('useAuth')) {
    edits.push({ start: e, end: e, newText: ' useAuth={useAuth}' });
    const imp = clerkUseAuthEdits(rc);
    if (imp.length && !expectedClerkSdk(rc)) mechanical = false;
    edits.push(...imp);
  }
  const what = missing.map((m) => `\`${m}\``).join(' and ');
  report(
    rc,
    RULES.providerProps,
    s,
    e,
    `<${el.name}> needs both \`client\` (a ConvexReactClient) and \`useAuth\` (Clerk's hook, passed uncalled); ${what} ${missing.length > 1 ? 'are' : 'is'} missing.`,
    [{ title: `Add ${missing.join(' and ')}`, mechanical, edits }],
  );
}

function checkUseAuth(rc: RuleContext, el: ElementInfo): void {
  const attr = attribute(el, 'useAuth');
  if (attr?.value?.type !== 'JSXExpressionContainer' || attr.value.expression.type === 'JSXEmptyExpression') return;
  const expr = unwrapTs(attr.value.expression);
  const { scan } = rc;
  if (expr.type === 'CallExpression' && expr.arguments.length === 0) {
    report(
      rc,
      RULES.useAuthCalled,
      startOf(expr),
      endOf(expr),
      'useAuth is called here, so the provider gets its result instead of the hook. Pass the hook itself: useAuth={useAuth}.',
      [
        {
          title: 'Pass the hook without calling it',
          mechanical: true,
          edits: [replaceNode(expr, nodeText(scan, expr.callee))],
        },
      ],
    );
    return;
  }
  if (expr.type !== 'Identifier') return;
  const binding = scan.imports.get(expr.name);
  if (!binding || isLocalModule(rc.context, binding.source)) return; // the project's own wrapper: trust it
  const expected = expectedClerkSdk(rc) ?? (binding.source.startsWith('@clerk/nextjs/') ? '@clerk/nextjs' : undefined);
  const fromClerk = binding.source.startsWith('@clerk/');
  if (fromClerk && (!expected || binding.source === expected)) return;
  const target = expected ?? (fromClerk ? undefined : guessClerkSdk(rc));
  const fixes: Fix[] = [];
  if (target) {
    const q = scan.text[startOf(binding.decl.source)] ?? '"';
    const edits: TextEdit[] =
      binding.decl.specifiers.length === 1
        ? [replaceNode(binding.decl.source, `${q}${target}${q}`)]
        : [
            removeImport(scan, expr.name),
            addNamedImport(scan, target, binding.imported === 'useAuth' ? 'useAuth' : `useAuth as ${expr.name}`),
          ].filter((x): x is TextEdit => x !== undefined);
    fixes.push({ title: `Import useAuth from "${target}"`, mechanical: expected !== undefined, edits });
  }
  const why = fromClerk
    ? `comes from "${binding.source}" but ClerkProvider comes from "${expected}"; the hook must come from the same Clerk SDK`
    : `comes from "${binding.source}", which is not Clerk; ConvexProviderWithClerk needs Clerk's useAuth`;
  report(
    rc,
    RULES.useAuthSource,
    startOf(expr),
    endOf(expr),
    `This useAuth ${why}.${target ? ` Import it from "${target}".` : ''}`,
    fixes,
    [{ start: startOf(binding.spec), end: endOf(binding.spec), message: 'imported here' }],
  );
}

/**
 * Clerk's Expo SDK from Core 3 (@clerk/expo) does not read the key from the environment: ClerkProvider must be
 * given it. The earlier @clerk/clerk-expo reads EXPO_PUBLIC_CLERK_PUBLISHABLE_KEY itself (Clerk's Expo quickstart
 * omits the prop), so it is not flagged.
 */
function checkExpoKey(rc: RuleContext, el: ElementInfo): void {
  const source = el.binding?.source;
  if (source !== '@clerk/expo' || hasSpread(el) || attribute(el, 'publishableKey')) return;
  const [s, e] = nameRange(el);
  const ts = /\.tsx?$/.test(rc.scan.fileName);
  const prop = ` publishableKey={process.env.EXPO_PUBLIC_CLERK_PUBLISHABLE_KEY${ts ? '!' : ''}}`;
  report(
    rc,
    RULES.expoPublishableKey,
    s,
    e,
    `<${el.name}> from "${source}" needs the publishableKey prop: from Clerk Core 3 the Expo SDK no longer reads the key from the environment (@clerk/clerk-expo did), and Expo only inlines variables named EXPO_PUBLIC_…. Pass publishableKey={process.env.EXPO_PUBLIC_CLERK_PUBLISHABLE_KEY}.`,
    [
      {
        title: 'Add publishableKey from EXPO_PUBLIC_CLERK_PUBLISHABLE_KEY',
        mechanical: true,
        edits: [{ start: e, end: e, newText: prop }],
      },
    ],
  );
}

/** Another file of the workspace renders ConvexProviderWithClerk: a plain provider beside it serves a public area. */
function withClerkElsewhere(rc: RuleContext): boolean {
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
function convexAuthExpected(rc: RuleContext): boolean {
  const project = rc.context.project;
  return (
    (project?.authConfigs.some((c) => c.providers.length > 0) ?? false) ||
    (rc.context.projectHasIdentityFunctions ?? (rc.context.identityFunctions?.length ?? 0) > 0)
  );
}

/**
 * A plain ConvexProvider is the mistake when the file itself uses Clerk (it has Clerk's state at hand and sends none
 * of it); in a file that does not, only when the project expects Convex auth and no other file provides it.
 */
function plainIsAMistake(rc: RuleContext): boolean {
  for (const b of rc.scan.imports.values()) if (b.source.startsWith('@clerk/')) return true;
  return convexAuthExpected(rc) && !withClerkElsewhere(rc);
}

/**
 * The deliberate fallback: a component that renders ConvexProviderWithClerk on one branch and a plain ConvexProvider,
 * with no ClerkProvider above it, on another (`if (clerkKey) return <ClerkProvider>…; return <ConvexProvider>`). The
 * app runs without Clerk there, so there is no token to send.
 */
function isNoClerkFallback(rc: RuleContext, el: ElementInfo, withClerkComponents: ReadonlySet<unknown>): boolean {
  const component = outermostFn(el.fn);
  return component !== undefined && withClerkComponents.has(component) && !rc.tree.clerkAbove.has(el);
}

/**
 * A component of the project that renders a plain ConvexProvider (the index knows which), rendered by a file that
 * uses ClerkProvider: the app uses Clerk, and its Convex provider never sends Clerk's token.
 */
function checkPlainProviderComponents(rc: RuleContext, clerks: readonly ElementInfo[]): void {
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
    report(
      rc,
      RULES.plainConvexProvider,
      s,
      e,
      `<${el.name}> renders a plain <ConvexProvider> (${match.path}), which never sends Clerk's token, so every Convex function sees no identity although this app signs users in with <${clerks[0]?.name ?? 'ClerkProvider'}>. Switch it to <ConvexProviderWithClerk client={…} useAuth={useAuth}> from "convex/react-clerk"${outside ? `, and render <${el.name}> inside <ClerkProvider>` : ''}.`,
      [],
      [
        {
          path: match.path,
          start: 0,
          end: 0,
          ...(match.position ? { position: match.position } : {}),
          message: 'the plain ConvexProvider',
        },
      ],
    );
  }
}

export function providerRules(rc: RuleContext): void {
  const clerks: ElementInfo[] = [];
  const convex: ElementInfo[] = [];
  const plain: ElementInfo[] = [];
  const withClerk: ElementInfo[] = [];
  for (const { el, kind } of rc.providers) {
    if (kind === 'clerk') {
      clerks.push(el);
      checkExpoKey(rc, el);
    } else if (kind === 'convexWithClerk' || kind === 'projectProvider') convex.push(el);
    if (kind === 'convexPlain') plain.push(el);
    if (kind === 'convexWithClerk') withClerk.push(el);
  }
  if (clerks.length) checkOrder(rc, convex);
  if (plain.length && clerkInPlay(rc) && plainIsAMistake(rc)) {
    const withClerkComponents = new Set(withClerk.map((w) => outermostFn(w.fn)));
    // A plain provider in the router's Wrap is Convex's TanStack Start guide only beside its other half: a
    // ConvexProviderWithClerk under ClerkProvider in the root route (this file or another).
    const guide = withClerk.length > 0 || withClerkElsewhere(rc);
    for (const el of plain)
      if (!(guide && isRouterWrap(rc, el)) && !isNoClerkFallback(rc, el, withClerkComponents))
        checkPlainProvider(rc, el);
  }
  if (clerks.length && convexAuthExpected(rc) && !withClerkElsewhere(rc)) checkPlainProviderComponents(rc, clerks);
  checkMissingAuthConfig(rc, withClerk);
  for (const el of withClerk) {
    checkProps(rc, el);
    checkUseAuth(rc, el);
  }
  checkUseAuthAcrossFiles(rc);
}
