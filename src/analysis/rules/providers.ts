// Provider rules: the sandwich order, the right Convex provider, its two props, and where useAuth comes from.
import type * as t from '@babel/types';
import { endOf, startOf, unwrapTs } from '../ast';
import { addNamedImport, nodeText, removeImport, replaceNode } from '../edits';
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
import { checkUseAuthAcrossFiles } from './useAuthAcrossFiles';
import { wrappedByClerkElsewhere } from './wrappedTree';
import { checkMissingAuthConfig } from './authConfigMissing';
import { attribute, clerkUseAuthEdits, hasSpread, nameRange } from './providers/elements';
import {
  checkPlainProvider,
  checkPlainProviderComponents,
  checkShadowedProviders,
  isNoClerkFallback,
  plainCertainty,
  withClerkElsewhere,
} from './providers/plainProvider';

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
  const certainty = plain.length && clerkInPlay(rc) ? plainCertainty(rc) : undefined;
  if (certainty) {
    const withClerkComponents = new Set(withClerk.map((w) => outermostFn(w.fn)));
    // A plain provider in the router's Wrap is Convex's TanStack Start guide only beside its other half: a
    // ConvexProviderWithClerk under ClerkProvider in the root route (this file or another).
    const guide = withClerk.length > 0 || withClerkElsewhere(rc);
    for (const el of plain)
      if (!(guide && isRouterWrap(rc, el)) && !isNoClerkFallback(rc, el, withClerkComponents))
        checkPlainProvider(rc, el, certainty);
  }
  // The wrapper of another file rendered under this file's ClerkProvider is judged as a plain provider written here
  // would be (plainCertainty: this file uses Clerk), the ninth fresh check's C23 and C42 beside C59.
  const wrapped = clerks.length && !withClerkElsewhere(rc) ? plainCertainty(rc) : undefined;
  if (wrapped) checkPlainProviderComponents(rc, clerks, wrapped);
  if (convex.length) checkShadowedProviders(rc);
  checkMissingAuthConfig(rc, withClerk);
  for (const el of withClerk) {
    checkProps(rc, el);
    checkUseAuth(rc, el);
  }
  checkUseAuthAcrossFiles(rc);
}
