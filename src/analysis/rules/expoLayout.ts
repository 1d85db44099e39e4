// Expo Router root layouts as they are written in practice: the default export renders the providers and, inside
// them, a component of the same file (`InitialLayout`) that reads Clerk's useAuth(), sends the user somewhere from an
// effect (`router.replace("/(tabs)")` once isSignedIn) and renders the navigator. The layout's outlets are that
// component's; its routing effect decides on Clerk's state, which says "signed in" before Convex has the token.
import type * as t from '@babel/types';
import { unwrapTs } from '../ast';
import { outermostFn, type FnInfo, type Scan } from '../scanRecords';
import { walkNodes } from '../traverse';
import { readsSignedIn } from './clerkTests';
import type { ComponentModel } from './components/model';

const EFFECTS: ReadonlySet<string> = new Set(['useEffect', 'useLayoutEffect']);
/** expo-router's router methods that change the route. */
const NAVIGATE: ReadonlySet<string> = new Set(['replace', 'push', 'navigate', 'dismissTo', 'reset']);
/** Nodes of the component read at most; a bigger one gives no routing test. */
const NODE_BUDGET = 20_000;

const isExpoRouter = (source: string): boolean => source === 'expo-router' || source.startsWith('expo-router/');

/**
 * The component of an Expo `_layout` that renders all its navigators, when it is not the default export `fn` itself
 * but a top-level component of the file that `fn` renders by name (so it renders inside `fn`'s providers).
 */
export function innerLayoutComponent(
  scan: Scan,
  fn: t.Function,
  isNavigator: (name: string) => boolean,
): t.Function | undefined {
  const owners = new Set<FnInfo>();
  for (const el of scan.elements) {
    if (!isNavigator(el.name.split('.')[0] ?? '')) continue;
    const owner = outermostFn(el.fn);
    if (!owner) return undefined;
    owners.add(owner);
  }
  const [owner, ...more] = owners;
  if (!owner || more.length || owner.node === fn || owner.parent || !owner.name) return undefined;
  const rendered = scan.elements.some((el) => !el.binding && el.name === owner.name && outermostFn(el.fn)?.node === fn);
  return rendered ? owner.node : undefined;
}

const isFunctionNode = (n: t.Node | undefined): n is t.ArrowFunctionExpression | t.FunctionExpression =>
  n?.type === 'ArrowFunctionExpression' || n?.type === 'FunctionExpression';

/** The callback of a React effect (`useEffect(() => …)`, `React.useEffect(…)`), if the call is one. */
function effectCallback(scan: Scan, call: t.CallExpression): t.Function | undefined {
  const callee = unwrapTs(call.callee);
  let effect = false;
  if (callee.type === 'Identifier') {
    const b = scan.imports.get(callee.name);
    effect = b?.source === 'react' && EFFECTS.has(b.imported);
  } else if (callee.type === 'MemberExpression' && !callee.computed && callee.object.type === 'Identifier') {
    const b = scan.imports.get(callee.object.name);
    effect = b?.source === 'react' && callee.property.type === 'Identifier' && EFFECTS.has(callee.property.name);
  }
  const arg = call.arguments[0];
  return effect && isFunctionNode(arg) ? arg : undefined;
}

/** Whether a node holds a call that changes the route (`router.replace(…)` on expo-router's router). */
function navigates(node: t.Node, routers: ReadonlySet<string>): boolean {
  let found = false;
  walkNodes(node, (n) => {
    if (found) return false;
    if (n.type !== 'CallExpression') return undefined;
    const callee = unwrapTs(n.callee);
    found =
      callee.type === 'MemberExpression' &&
      !callee.computed &&
      callee.object.type === 'Identifier' &&
      routers.has(callee.object.name) &&
      callee.property.type === 'Identifier' &&
      NAVIGATE.has(callee.property.name);
    return undefined;
  });
  return found;
}

/**
 * The first test in the component's effects that reads whether Clerk says someone is signed in and decides a change
 * of route (`if (isSignedIn && !inTabs) router.replace("/(tabs)")`), or undefined.
 */
export function clerkRoutingTest(scan: Scan, m: ComponentModel, fn: t.Function): t.Node | undefined {
  const routers = new Set<string>();
  for (const [local, b] of scan.imports) if (b.imported === 'router' && isExpoRouter(b.source)) routers.add(local);
  const effects: t.Function[] = [];
  let budget = NODE_BUDGET;
  walkNodes(fn.body, (node) => {
    if (--budget < 0) return false;
    if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.init) {
      const init = unwrapTs(node.init);
      const b =
        init.type === 'CallExpression' && init.callee.type === 'Identifier' && scan.imports.get(init.callee.name);
      if (b && b.imported === 'useRouter' && isExpoRouter(b.source)) routers.add(node.id.name);
    } else if (node.type === 'CallExpression') {
      const callback = effectCallback(scan, node);
      if (callback) effects.push(callback);
    }
    return undefined;
  });
  if (budget < 0 || routers.size === 0) return undefined;
  let test: t.Node | undefined;
  for (const effect of effects) {
    walkNodes(effect.body, (node) => {
      if (test) return false;
      if (node.type === 'IfStatement' || node.type === 'ConditionalExpression') {
        const branches: t.Node[] = node.alternate ? [node.consequent, node.alternate] : [node.consequent];
        if (readsSignedIn(m, node.test) && branches.some((b) => navigates(b, routers))) test = node.test;
      } else if (node.type === 'LogicalExpression' && node.operator === '&&') {
        if (readsSignedIn(m, node.left) && navigates(node.right, routers)) test = node.left;
      }
      return undefined;
    });
    if (test) break;
  }
  return test;
}
