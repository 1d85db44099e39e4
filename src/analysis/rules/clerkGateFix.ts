// The clerk-gate fix for `const { isSignedIn, isLoaded } = useAuth()` (or useUser): Convex's own auth state takes
// over, and it keeps the loading state. Clerk's `isSignedIn` becomes `isAuthenticated`, but wherever the code shows
// the signed-out side (`!isSignedIn`, a ternary's else, an early `if (!isSignedIn) return <SignIn />`) it now waits
// for `isLoading` to end first, so a signed-in user never sees the sign-in button while Convex checks the token.
// The component's queries get `isAuthenticated ? args : "skip"`, so none is sent before the token is accepted.
import type * as t from '@babel/types';
import { endOf, indentAt, startOf } from '../ast';
import { addNamedImport, otherReferences, removeImport } from '../edits';
import { walkNodes } from '../traverse';
import type { Fix, TextEdit } from '../types';
import { CLERK_SESSION_HOOKS } from './clerkAuthFields';
import type { ClerkSource, ComponentModel } from './components/model';
import type { RuleContext } from './shared';

const SIGNED_IN = 'isSignedIn';
const LOADED = 'isLoaded';

/** Edits that import `name` from convex/react and drop `oldLocal`'s import when `replacedUses` were all its uses. */
export function convexImportEdits(rc: RuleContext, oldLocal: string, replacedUses: number, name: string): TextEdit[] {
  const edits: TextEdit[] = [];
  const add = addNamedImport(rc.scan, 'convex/react', name);
  if (add) edits.push(add);
  if (otherReferences(rc.scan, oldLocal) === replacedUses) {
    const remove = removeImport(rc.scan, oldLocal);
    if (remove) edits.push(remove);
  }
  return edits;
}

/** Expressions that can stand as an operand of `&&` or a conditional's branch without parentheses. */
function isTight(n: t.Node): boolean {
  switch (n.type) {
    case 'Identifier':
    case 'MemberExpression':
    case 'OptionalMemberExpression':
    case 'CallExpression':
    case 'OptionalCallExpression':
    case 'UnaryExpression':
    case 'StringLiteral':
    case 'NumericLiteral':
    case 'BooleanLiteral':
    case 'NullLiteral':
    case 'ObjectExpression':
    case 'ArrayExpression':
    case 'TemplateLiteral':
    case 'ParenthesizedExpression':
    case 'JSXElement':
    case 'JSXFragment':
      return true;
    default:
      return false;
  }
}

/** Where `!a && !b` may replace an expression without parentheses. */
function takesConjunction(node: t.Node, parent: t.Node | undefined): boolean {
  if (!parent) return false;
  if (parent.type === 'IfStatement' || parent.type === 'ConditionalExpression') return parent.test === node;
  if (parent.type === 'LogicalExpression') return parent.operator === '&&';
  return (
    parent.type === 'ReturnStatement' ||
    parent.type === 'VariableDeclarator' ||
    (parent.type === 'JSXExpressionContainer' && node.type !== 'JSXEmptyExpression')
  );
}

const exits = (s: t.Statement): boolean => {
  const last = s.type === 'BlockStatement' ? s.body[s.body.length - 1] : s;
  return last?.type === 'ReturnStatement' || last?.type === 'ThrowStatement';
};

/** Whether a name is a reference here, not a member's property or an object's key. */
function isReference(node: t.Identifier, parent: t.Node | undefined): boolean {
  if (!parent) return true;
  if ((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && !parent.computed)
    return parent.property !== node;
  if (parent.type === 'ObjectProperty' && !parent.computed && !parent.shorthand) return parent.key !== node;
  return true;
}

/** The fix, or undefined when the Clerk state is used in a way no edit can carry over safely. */
export function clerkGateFix(rc: RuleContext, m: ComponentModel, source: ClerkSource): Fix | undefined {
  const call = source.call;
  const decl = call.parent;
  if (!CLERK_SESSION_HOOKS.has(call.canonical) || !call.binding?.source.startsWith('@clerk/')) return undefined;
  if (decl?.type !== 'VariableDeclarator' || decl.id.type !== 'ObjectPattern') return undefined;
  const keys = [...source.locals.values()];
  if (keys.length === 0 || keys.length !== decl.id.properties.length) return undefined;
  if (keys.some((k) => k !== SIGNED_IN && k !== LOADED)) return undefined;
  const body = m.fn.node.body;
  if (body.type !== 'BlockStatement') return undefined;
  const locals = source.locals;
  const text = rc.scan.text;
  // Names the fix introduces must be free in the component (a Clerk local already called isAuthenticated is fine).
  if (locals.has('isLoading')) return undefined;
  const fnText = text.slice(startOf(m.fn.node), endOf(m.fn.node));
  for (const name of ['isLoading', 'isAuthenticated']) {
    if (locals.get(name) === SIGNED_IN) continue;
    if (new RegExp(`(?<![\\w$.])${name}(?![\\w$])`).test(fnText)) return undefined;
  }

  const edits: TextEdit[] = [];
  let mechanical = true;
  let needLoading = false;
  let guardAt: t.Statement | undefined;
  let loadedGuardFirst = false;
  const isComponent = !!m.fn.name && /^[A-Z]/.test(m.fn.name);
  // The first early `if (!isSignedIn) return …` of a component's body gets a loading guard in front of it.
  for (const s of body.body) {
    if (s.type !== 'IfStatement' || !exits(s.consequent)) continue;
    const test = s.test;
    if (test.type !== 'UnaryExpression' || test.operator !== '!' || test.argument.type !== 'Identifier') continue;
    const key = locals.get(test.argument.name);
    if (key === LOADED) loadedGuardFirst = true;
    if (key === SIGNED_IN) {
      if (isComponent) guardAt = s;
      break;
    }
  }

  walkNodes(body, (node, ancestors) => {
    if (node === decl) return false; // replaced whole below
    const parent = ancestors[ancestors.length - 1];
    const grand = ancestors[ancestors.length - 2];
    const key = node.type === 'Identifier' && isReference(node, parent) ? locals.get(node.name) : undefined;
    if (node.type === 'Identifier' && key) {
      const shorthand = parent?.type === 'ObjectProperty' && parent.shorthand ? parent : undefined;
      if (key === LOADED) {
        needLoading = true;
        if (parent?.type === 'UnaryExpression' && parent.operator === '!') {
          edits.push({ start: startOf(parent), end: endOf(parent), newText: 'isLoading' });
        } else if (shorthand) {
          edits.push({ start: startOf(shorthand), end: endOf(shorthand), newText: `${node.name}: !isLoading` });
        } else {
          const bare = takesConjunction(node, parent) || parent?.type === 'LogicalExpression';
          edits.push({ start: startOf(node), end: endOf(node), newText: bare ? '!isLoading' : '(!isLoading)' });
        }
      } else if (parent?.type === 'UnaryExpression' && parent.operator === '!') {
        if (guardAt && grand === guardAt) {
          edits.push({ start: startOf(node), end: endOf(node), newText: 'isAuthenticated' });
        } else {
          needLoading = true;
          const both = '!isLoading && !isAuthenticated';
          edits.push({
            start: startOf(parent),
            end: endOf(parent),
            newText: takesConjunction(parent, grand) ? both : `(${both})`,
          });
        }
      } else if (
        parent?.type === 'ConditionalExpression' &&
        parent.test === node &&
        (parent.alternate.type === 'JSXElement' || parent.alternate.type === 'JSXFragment')
      ) {
        // `isSignedIn ? <Inbox /> : <SignInButton />`: the signed-out side waits for the loading to end.
        needLoading = true;
        edits.push(
          { start: startOf(node), end: endOf(node), newText: 'isAuthenticated' },
          { start: startOf(parent.alternate), end: startOf(parent.alternate), newText: 'isLoading ? null : ' },
        );
      } else if (shorthand) {
        edits.push({ start: startOf(shorthand), end: endOf(shorthand), newText: `${node.name}: isAuthenticated` });
        mechanical = false; // the value leaves the component: its reader may show the signed-out side while loading
      } else {
        // An `else` runs while Convex is loading; a value that leaves the component (a prop, an argument, a returned
        // value) may be read as signed out there too. Neither can be carried over without review.
        const callee = parent?.type === 'CallExpression' ? parent.callee : undefined;
        if (
          (parent?.type === 'IfStatement' && parent.test === node && parent.alternate) ||
          (parent?.type === 'JSXExpressionContainer' && grand?.type === 'JSXAttribute') ||
          parent?.type === 'ReturnStatement' ||
          (callee !== undefined &&
            callee !== node &&
            !(callee.type === 'Identifier' && callee.name.startsWith('use'))) ||
          (parent?.type === 'ObjectProperty' && parent.value === node)
        )
          mechanical = false;
        edits.push({ start: startOf(node), end: endOf(node), newText: 'isAuthenticated' });
      }
    }
    return true;
  });

  if (guardAt && !loadedGuardFirst) {
    needLoading = true;
    edits.push({
      start: startOf(guardAt),
      end: startOf(guardAt),
      newText: `if (isLoading) return null; // Convex is still checking the token\n${indentAt(text, startOf(guardAt))}`,
    });
  }

  // The queries wait for the token.
  for (const q of m.queries) {
    if (q.gate === 'convex' || q.gate === 'clerk') continue; // Convex's already; Clerk's tests were renamed above
    const args = q.call.node.arguments;
    const first = args[0];
    const second = args[1];
    if (q.gate === 'other' && q.test) {
      const test = q.test;
      const bare = isTight(test);
      edits.push({
        start: startOf(test),
        end: startOf(test),
        newText: bare ? 'isAuthenticated && ' : 'isAuthenticated && (',
      });
      if (!bare) edits.push({ start: endOf(test), end: endOf(test), newText: ')' });
    } else if (args.length === 1 && first) {
      edits.push({ start: endOf(first), end: endOf(first), newText: ', isAuthenticated ? {} : "skip"' });
    } else if (second && second.type !== 'SpreadElement' && second.type !== 'ArgumentPlaceholder') {
      const written = text.slice(startOf(second), endOf(second));
      edits.push({
        start: startOf(second),
        end: endOf(second),
        newText: `isAuthenticated ? ${isTight(second) ? written : `(${written})`} : "skip"`,
      });
    } else mechanical = false;
  }

  const callee = call.node.callee;
  edits.push(
    {
      start: startOf(decl.id),
      end: endOf(decl.id),
      newText: needLoading ? '{ isLoading, isAuthenticated }' : '{ isAuthenticated }',
    },
    { start: startOf(callee), end: endOf(callee), newText: 'useConvexAuth' },
    ...convexImportEdits(rc, callee.name, 1, 'useConvexAuth'),
  );
  return {
    title: `Use useConvexAuth() instead of Clerk's ${call.name}(): queries skip until isAuthenticated, nothing shows while isLoading`,
    mechanical,
    edits,
  };
}
