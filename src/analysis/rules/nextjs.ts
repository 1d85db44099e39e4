// Next.js App Router rules: client-only Convex code needs "use client", and the client must be created once.
import type * as t from '@babel/types';
import { endOf, lineStart, startOf, unwrapTs } from '../ast';
import { RULES } from '../ruleCatalog';
import type { NodeAt } from '../scanRecords';
import type { Fix } from '../types';
import { nextPage } from './queryBeforeAuth';
import { isNextFile, report, type RuleContext } from './shared';

/** Modules only the Pages Router has (the App Router's are next/navigation and metadata exports). */
const PAGES_ROUTER_MODULES: ReadonlySet<string> = new Set(['next/app', 'next/document', 'next/router']);

/**
 * A file of Next's Pages Router: under its `pages/`, or importing what only that router has. There every component is
 * a client component and "use client" means nothing; only the App Router renders Server Components by default.
 */
function pagesRouterFile(rc: RuleContext): boolean {
  if (nextPage(rc.scan.fileName, rc.context)) return true;
  for (const b of rc.scan.imports.values()) if (PAGES_ROUTER_MODULES.has(b.source)) return true;
  return false;
}

function checkUseClient(rc: RuleContext): void {
  const { scan } = rc;
  if (scan.useClient || !isNextFile(rc) || pagesRouterFile(rc)) return;
  const el = rc.providers.find((p) => p.kind === 'convexWithClerk')?.el;
  const client = scan.newClients[0];
  // A client alone is no reason: a module that only makes and exports it renders nothing and reads no context, and
  // with no directive it runs wherever its importer runs. What fails in a Server Component is the provider or the hook.
  const contextUse = el ? undefined : client && contextUser(rc);
  const target = el ? el.node.openingElement.name : contextUse && client?.node;
  if (!target) return;
  const what = el ? 'renders ConvexProviderWithClerk' : `creates a ConvexReactClient and ${contextUse}`;
  // Layouts that export metadata must stay Server Components: there the provider belongs in its own file.
  const fix: Fix = {
    title: 'Add "use client" at the top of the file',
    mechanical: !scan.exportsMetadata,
    edits: [{ start: 0, end: 0, newText: '"use client";\n\n' }],
  };
  report(
    rc,
    RULES.useClient,
    startOf(target),
    endOf(target),
    `This file ${what} but has no "use client" directive, so Next.js treats it as a Server Component and React context fails. Add "use client" as its first line (or move the provider into its own client component, e.g. components/ConvexClientProvider.tsx).`,
    [fix],
  );
}

/** What in the file needs React context: a Convex provider it renders, or a hook it calls. */
function contextUser(rc: RuleContext): string | undefined {
  const provider = rc.providers.find((p) => p.kind === 'convexPlain' || p.kind === 'convexWithAuth')?.el;
  if (provider) return `renders ${provider.name}`;
  const hook = rc.scan.hookCalls[0];
  return hook ? `calls ${hook.name}()` : undefined;
}

/** Whether an expression only reads constants and the environment, so it can move to module scope. */
function isStatic(n: t.Node): boolean {
  const e = unwrapTs(n);
  switch (e.type) {
    case 'StringLiteral':
    case 'NumericLiteral':
    case 'BooleanLiteral':
    case 'NullLiteral':
      return true;
    case 'TemplateLiteral':
      return e.expressions.every(isStatic);
    case 'MemberExpression': {
      let obj: t.Node = e;
      while (obj.type === 'MemberExpression' && !obj.computed) obj = obj.object;
      return (obj.type === 'Identifier' && obj.name === 'process') || obj.type === 'MetaProperty';
    }
    case 'ObjectExpression':
      return e.properties.every((p) => p.type === 'ObjectProperty' && !p.computed && isStatic(p.value));
    case 'LogicalExpression':
    case 'BinaryExpression':
      return isStatic(e.left) && isStatic(e.right);
    default:
      return false;
  }
}

function hoistFix(rc: RuleContext, c: NodeAt<t.NewExpression>): Fix | undefined {
  const [stmt, decl] = [c.ancestors[c.ancestors.length - 2], c.ancestors[c.ancestors.length - 1]];
  const block = c.ancestors[c.ancestors.length - 3];
  if (stmt?.type !== 'VariableDeclaration' || stmt.declarations.length !== 1 || decl?.type !== 'VariableDeclarator')
    return undefined;
  if (block?.type !== 'BlockStatement' || block !== c.fn?.node.body || !c.node.arguments.every(isStatic))
    return undefined;
  const top = c.fn.topStatement;
  if (!top) return undefined;
  const text = rc.scan.text;
  const from = lineStart(text, startOf(stmt));
  let to = endOf(stmt);
  if (text[to] === '\r') to++;
  if (text[to] === '\n') to++;
  const statement = text.slice(startOf(stmt), endOf(stmt)).replace(/^(let|var)\b/, 'const');
  const at = lineStart(text, startOf(top));
  return {
    title: 'Move the client to module scope (created once)',
    mechanical: true,
    edits: [
      { start: at, end: at, newText: `${statement}\n\n` },
      { start: from, end: to, newText: '' },
    ],
  };
}

/** A dependency that names the deployment (`[convexUrl]`): it does not change while the app runs. */
const DEPLOYMENT_DEP = /url|address|deployment|endpoint/i;

/**
 * The dependencies of a `useMemo(() => new ConvexReactClient(…), [deps])` that change while the app runs (Clerk's
 * `getToken`, `isSignedIn`): each change makes a new client. `[]` (made once) and deployment URLs give none.
 */
function changingDeps(rc: RuleContext, call: t.CallExpression | undefined): string[] {
  if (!call || call.callee.type !== 'Identifier' || call.callee.name !== 'useMemo') return [];
  const deps = call.arguments[1] && unwrapTs(call.arguments[1]);
  if (deps?.type !== 'ArrayExpression') return [];
  const names = deps.elements.flatMap((e) => (e ? [rc.scan.text.slice(startOf(e), endOf(e))] : []));
  return names.some((n) => !DEPLOYMENT_DEP.test(n)) ? names : [];
}

function checkClientPlacement(rc: RuleContext): void {
  for (const c of rc.scan.newClients) {
    const fn = c.fn;
    const deps = fn?.hookCallback ? changingDeps(rc, fn.hookCall) : [];
    const component = fn?.parent?.name;
    if (deps.length > 0 && component && /^([A-Z]|use[A-Z])/.test(component)) {
      report(
        rc,
        RULES.clientInComponent,
        startOf(c.node),
        endOf(c.node),
        `new ConvexReactClient is made in useMemo with dependencies [${deps.join(', ')}]: each time one of them changes, ${component} gets a new client, with a new connection whose subscriptions and auth start over (and the old one is never closed). Create the client once at module scope; ConvexProviderWithClerk follows Clerk's sign-in state through its useAuth prop.`,
      );
      continue;
    }
    if (!fn || fn.hookCallback || !fn.name || !/^([A-Z]|use[A-Z])/.test(fn.name)) continue;
    const fix = hoistFix(rc, c);
    report(
      rc,
      RULES.clientInComponent,
      startOf(c.node),
      endOf(c.node),
      `new ConvexReactClient runs on every render of ${fn.name}, creating a new client (and connection) each time. Create it once at module scope, outside the component.`,
      fix ? [fix] : [],
    );
  }
}

export function nextRules(rc: RuleContext): void {
  checkUseClient(rc);
  checkClientPlacement(rc);
}
