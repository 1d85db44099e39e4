// Where this file renders the project's components, and whether each render waits for Convex's auth: a component
// whose file the framework renders (src/App.tsx, a screen under routes/) may really be rendered only by other files,
// each inside <Authenticated>; its query-before-auth finding then stands on nothing (renderJoin.ts joins the two).
// Only an element whose tag is imported from a module of the project is read, and any other mention of such an
// import (`{ Component: Dashboard }` in a router table, `lazy(…)`) counts as an ungated render: a finding is dropped
// only on renders this file shows to be gated.
import type * as t from '@babel/types';
import { endOf, startOf } from '../ast';
import { isEntryComponent, reactRouterRoot } from '../fileRoutes';
import { specifierModules, modulePath } from '../modulePaths';
import { exportNames, outermostFn, type ElementInfo, type FnInfo, type ImportBinding } from '../scanRecords';
import { walkNodes } from '../traverse';
import type { RenderSite } from '../types';
import { wrapsInAuthenticated } from './authenticatedChildren';
import type { WrapsInAuthenticated } from './layoutGate';
import { authenticatedBranch, convexAuthNames, type ConvexAuthNames } from './renderGuards';
import { isEntryFile, isRoute } from './queryBeforeAuth';
import { mayNameProjectFile, type RuleContext } from './shared';

const ELEMENT_DEPTH = 200;
const IDENT = /[\w$]/;

/** The module an import names, as the fact keeps it (candidates, or a guessed suffix without a config). */
function target(rc: RuleContext, source: string): Pick<RenderSite, 'modules' | 'suffix'> | undefined {
  const modules = specifierModules(rc.scan.fileName.replace(/\\/g, '/'), source, rc.context.moduleAliases);
  if (modules) return modules.length ? { modules } : undefined;
  return /^[@~#]\//.test(source) ? { suffix: modulePath(source.slice(2)) } : undefined;
}

/**
 * Whether an element sits inside (not in the attributes of) Convex's <Authenticated>, or of a project component that
 * renders its children only under it (a provider component, `wraps`), a bounded way up.
 */
function underAuthenticated(el: ElementInfo, wraps: WrapsInAuthenticated): boolean {
  let depth = 0;
  for (let cur = el.parent; cur && depth < ELEMENT_DEPTH; cur = cur.parent, depth++) {
    const gate = (cur.canonical === 'Authenticated' && cur.binding?.source === 'convex/react') || wraps(cur.node);
    if (gate && startOf(el.node) >= endOf(cur.node.openingElement)) return true;
  }
  return false;
}

/** How many times `name` occurs in the text as a whole identifier. */
function mentions(text: string, name: string): number {
  let n = 0;
  for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + name.length)) {
    const before = at > 0 ? text[at - 1] : '';
    const after = text[at + name.length] ?? '';
    if (!IDENT.test(before) && !IDENT.test(after)) n++;
  }
  return n;
}

/** The elements of the owner component that only render once useConvexAuth() says isAuthenticated. */
function authenticatedElements(owner: FnInfo, names: ConvexAuthNames): Set<t.Node> {
  const found = new Set<t.Node>();
  // Everything inside a gated element is gated too (`<div><Sidebar /></div>` after `if (!isAuthenticated) return`).
  let gatedDepth = 0;
  walkNodes(
    owner.node.body,
    (node, ancestors) => {
      if (node.type !== 'JSXElement') return true;
      if (gatedDepth > 0 || authenticatedBranch(node, ancestors, names)) {
        found.add(node);
        gatedDepth++;
      }
      return true;
    },
    (node) => {
      if (found.has(node)) gatedDepth--;
    },
  );
  return found;
}

const BRANCHING: ReadonlySet<string> = new Set([
  'ConditionalExpression',
  'LogicalExpression',
  'IfStatement',
  'SwitchStatement',
  'ForStatement',
  'ForInStatement',
  'ForOfStatement',
  'WhileStatement',
  'DoWhileStatement',
  'TryStatement',
  'FunctionExpression',
  'ArrowFunctionExpression',
  'FunctionDeclaration',
]);

/**
 * The elements the owner component renders on every render: reached from its body through no condition, loop,
 * callback (`items.map(…)`) or try, and after no early return. Whether any other render happens before Convex's
 * auth depends on state the facts do not carry, so only these make a component's queries ungated for sure.
 */
function unconditionalElements(owner: FnInfo): Set<t.Node> {
  const found = new Set<t.Node>();
  const body = owner.node.body;
  if (body.type !== 'BlockStatement') {
    walkNodes(body, (node, ancestors) => visit(node, ancestors));
    return found;
  }
  for (const statement of body.body) {
    if (statement.type === 'IfStatement' || statement.type === 'SwitchStatement' || statement.type === 'TryStatement')
      break;
    walkNodes(statement, (node, ancestors) => visit(node, ancestors));
  }
  return found;

  function visit(node: t.Node, ancestors: readonly t.Node[]): boolean {
    if (BRANCHING.has(node.type) && ancestors.length > 0) return false;
    if (node.type === 'JSXElement') found.add(node);
    return !BRANCHING.has(node.type);
  }
}

/** A React Navigation screen element: `<Stack.Screen>`, `<Tab.Screen>`, `<Drawer.Screen>` of a navigator. */
const SCREEN = /\.Screen$/;

/**
 * The screens that name an imported component as their `component={…}` (React Navigation renders it when the screen
 * is shown: the ninth fresh check's C25 and C27), by the import.
 */
function navigatorScreens(rc: RuleContext, imported: readonly ImportBinding[]): Map<ImportBinding, ElementInfo[]> {
  const out = new Map<ImportBinding, ElementInfo[]>();
  for (const el of rc.scan.elements) {
    if (!SCREEN.test(el.name)) continue;
    for (const a of el.node.openingElement.attributes) {
      if (a.type !== 'JSXAttribute' || a.name.type !== 'JSXIdentifier' || a.name.name !== 'component') continue;
      const value = a.value?.type === 'JSXExpressionContainer' ? a.value.expression : undefined;
      const b = value?.type === 'Identifier' ? imported.find((i) => i.local === value.name) : undefined;
      if (!b) continue;
      const list = out.get(b);
      if (list) list.push(el);
      else out.set(b, [el]);
    }
  }
  return out;
}

/**
 * The file's uses of components imported from the project's modules (one per distinct use). Nothing when it imports
 * no capitalised name from the project.
 */
export function renderSites(rc: RuleContext): RenderSite[] {
  const { scan } = rc;
  const imported: ImportBinding[] = [];
  for (const b of scan.imports.values())
    if (/^[A-Z]/.test(b.local) && b.imported !== '*' && mayNameProjectFile(rc.context, b.source)) imported.push(b);
  if (imported.length === 0) return [];
  const out = new Map<string, RenderSite>();
  const add = (site: RenderSite): void => {
    out.set(JSON.stringify(site), site);
  };
  const byBinding = new Map<ImportBinding, ElementInfo[]>();
  for (const el of scan.elements) {
    if (!el.binding || el.name !== el.binding.local) continue;
    const list = byBinding.get(el.binding);
    if (list) list.push(el);
    else byBinding.set(el.binding, [el]);
  }
  const screens = navigatorScreens(rc, imported);
  // A file the framework renders itself (a route, src/App.tsx, main.tsx): what its entry component renders ungated
  // renders before any gate of the app's, unless a layout above the route waits for Convex (routeGated).
  // React Router's app/root.tsx is the route every other renders inside (routes.ts does not name it).
  const route =
    isRoute(rc) || isEntryFile(scan.fileName, rc.context) || reactRouterRoot(scan)
      ? scan.fileName.replace(/\\/g, '/')
      : undefined;
  const authNames = new Map<FnInfo, Set<t.Node>>();
  const authenticated = (owner: FnInfo | undefined, el: ElementInfo): boolean => {
    if (!owner) return false;
    let set = authNames.get(owner);
    if (!set) {
      const names = convexAuthNames(scan, owner);
      set = names ? authenticatedElements(owner, names) : new Set();
      authNames.set(owner, set);
    }
    return set.has(el.node);
  };
  let wraps: WrapsInAuthenticated | undefined;
  const always = new Map<FnInfo, Set<t.Node>>();
  const unconditional = (owner: FnInfo): Set<t.Node> => {
    let set = always.get(owner);
    if (!set) always.set(owner, (set = unconditionalElements(owner)));
    return set;
  };
  const renderedHere = new Set(scan.elements.filter((el) => !el.binding).map((el) => el.name));
  for (const b of imported) {
    const where = target(rc, b.source);
    if (!where) continue;
    const base = { ...where, name: b.imported };
    const elements = byBinding.get(b) ?? [];
    // Each element's opening and closing tag, outside the import itself: anything more is another use.
    const screenUses = screens.get(b) ?? [];
    const tags = elements.reduce((n, el) => n + (el.node.closingElement ? 2 : 1), 0) + screenUses.length;
    const inImport = mentions(scan.text.slice(startOf(b.decl), endOf(b.decl)), b.local);
    if (mentions(scan.text, b.local) - inImport > tags) add(base);
    // A navigator's screen renders its `component` where the <Stack.Screen> element stands (its gate is the screen's).
    for (const el of [...elements, ...screenUses]) {
      const owner = outermostFn(el.fn);
      if (underAuthenticated(el, (wraps ??= wrapsInAuthenticated(rc))) || authenticated(owner, el)) {
        add({ ...base, gated: true });
        continue;
      }
      const site: RenderSite = { ...base };
      // An async component is a server component: nothing it renders can wait for Convex's client-side auth, so
      // a render after its own checks (`if (!userId) redirect("/")`, Clerk's auth() on the server) is as ungated as
      // any (the ninth fresh check's C07).
      if (owner && !owner.node.async && !unconditional(owner).has(el.node)) site.conditional = true;
      if (route && owner && isEntryComponent(scan, owner.node)) site.route = route;
      const by = owner && !(owner.name && renderedHere.has(owner.name)) ? exportNames(scan, owner) : [];
      if (by.length) site.by = by;
      add(site);
    }
  }
  return [...out.values()];
}
