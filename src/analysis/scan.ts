// One walk over the file collecting what the rules look at (imports, component elements with their enclosing
// component elements, hook calls, identity reads, client constructions, exports), so each rule works on short
// lists instead of walking the tree again. The walk enters only subtrees that can hold a record (marks.ts), and
// allocates only for what it records: allocating while the fresh tree is alive makes the garbage collector copy
// that tree, which costs more than the walk itself.
import type * as t from '@babel/types';
import { functionName, isAuthIdentityMember, jsxName } from './ast';
import { MarkCursor, markOffsets, READ_HOOKS, SERVER_CALLS } from './marks';
import { isTanstackQueryHook, reexportedHook, tanstackConvexQuery } from './tanstackQuery';
import {
  canonicalName,
  type ElementInfo,
  type FnInfo,
  type HookCall,
  type ImportBinding,
  type Scan,
} from './scanRecords';
import { localHooks, readTopLevel } from './scanTopLevel';
import { ENTER, WalkStack } from './traverse';

const ONCE_HOOKS = new Set(['useMemo', 'useState', 'useRef', 'useCallback']);

// The scan's exit phases: leave a node, with what it pushed on entry.
const EXIT = 1;
const PUSHED_ELEMENT = 2;
const PUSHED_FUNCTION = 4;

/** How many ancestors a record keeps: the rules look at most a few wrappers and a declaration up. */
export const NEAR_ANCESTORS = 12;

/** React's rule: a lower-case tag (`<div>`, `<my-element>`) is an intrinsic element, never a component; `<a.B>` always is one. */
function isComponentName(name: string): boolean {
  const first = name.charCodeAt(0);
  return !(first >= 97 && first <= 122) || name.includes('.');
}

/**
 * The binding and imported name behind a tag: `<Clerk.ClerkProvider>` with `import * as Clerk from "@clerk/nextjs"`
 * is ClerkProvider from @clerk/nextjs. Other member tags (`<Ctx.Provider>`) keep their full name.
 */
function elementName(scan: Scan, name: string): { canonical: string; binding?: ImportBinding } {
  const dot = name.indexOf('.');
  if (dot === -1) {
    const binding = scan.imports.get(name);
    return { canonical: canonicalName(name, binding), binding };
  }
  const binding = scan.imports.get(name.slice(0, dot));
  const rest = name.slice(dot + 1);
  if (binding?.imported === '*' && !rest.includes('.')) return { canonical: rest, binding };
  return { canonical: name };
}

/**
 * The frequent nodes without runtime children (names, literals, JSX text): none is a record or holds one, so the
 * walk neither tests nor enters them; about a third of a component's nodes.
 */
function isCommonLeaf(node: t.Node): boolean {
  switch (node.type) {
    case 'Identifier':
    case 'StringLiteral':
    case 'JSXText':
    case 'NumericLiteral':
    case 'BooleanLiteral':
    case 'NullLiteral':
    case 'TemplateElement':
    case 'ThisExpression':
    case 'JSXEmptyExpression':
      return true;
    default:
      return false;
  }
}

/**
 * `marks`: where records can be (marks.ts); the tests pass every offset to compare with an unpruned walk.
 * `wrapperHooks`: names other files export as hooks wrapping Clerk's state (the index knows them): calls of hooks
 * imported under those names are recorded, as are calls of the file's own top-level hooks.
 */
export function scanFile(
  fileName: string,
  text: string,
  file: t.File,
  marks?: readonly number[],
  wrapperHooks?: ReadonlySet<string>,
): Scan {
  const program = file.program;
  const scan: Scan = {
    fileName,
    text,
    program,
    imports: new Map(),
    importDecls: [],
    elements: [],
    hookCalls: [],
    identityCalls: [],
    serverCalls: [],
    newClients: [],
    exportsByLocal: new Map(),
    exportsMetadata: false,
    memo: new Map(),
    useClient: program.directives.some((d) => d.value.value === 'use client'),
  };
  readTopLevel(program, scan);

  const aliases: string[] = [];
  const extraHooks = new Set<string>();
  for (const b of scan.imports.values()) {
    if ((READ_HOOKS.has(b.imported) || SERVER_CALLS.has(b.imported)) && b.local !== b.imported) aliases.push(b.local);
    else if (b.imported === '*') aliases.push(`${b.local}.`); // `<clerk.ClerkProvider>`: a lower-case tag the `<` mark skips
    if (wrapperHooks?.has(b.imported) && b.local.startsWith('use')) extraHooks.add(b.local);
  }
  for (const name of localHooks(program)) extraHooks.add(name);
  for (const name of extraHooks) if (!READ_HOOKS.has(name)) aliases.push(name);
  const cursor = new MarkCursor(marks ?? markOffsets(text, aliases));

  // The scan's own walk (not walk() with a visitor): it runs on every file, so it avoids a callback per node.
  // It keeps its own stack (WalkStack), so depth cannot overflow it.
  const fnStack: FnInfo[] = [];
  const elStack: ElementInfo[] = [];
  const ancestors: t.Node[] = [];
  const stack = new WalkStack(program);
  let topStatement: t.Statement | undefined;
  while (stack.next()) {
    const node = stack.node;
    const phase = stack.phase;
    if (phase !== ENTER) {
      ancestors.pop();
      if (phase & PUSHED_ELEMENT) elStack.pop();
      if (phase & PUSHED_FUNCTION) fnStack.pop();
      continue;
    }
    if (isCommonLeaf(node) || !cursor.within(node.start ?? 0, node.end ?? text.length)) continue;
    if (ancestors.length === 1) topStatement = node as t.Statement;
    let exitPhase = EXIT;
    switch (node.type) {
      case 'JSXElement': {
        const name = jsxName(node);
        if (name && isComponentName(name)) {
          const { canonical, binding } = elementName(scan, name);
          const info: ElementInfo = {
            node,
            name,
            canonical,
            binding,
            parent: elStack[elStack.length - 1],
            fn: fnStack[fnStack.length - 1],
          };
          scan.elements.push(info);
          elStack.push(info);
          exitPhase |= PUSHED_ELEMENT;
        }
        break;
      }
      case 'CallExpression': {
        const callee = node.callee;
        if (callee.type === 'Identifier' && callee.name.startsWith('use')) {
          const binding = scan.imports.get(callee.name);
          const canonical = canonicalName(callee.name, binding);
          if (READ_HOOKS.has(canonical) || extraHooks.has(callee.name)) {
            // TanStack Query's hook given convexQuery(ref, args) is recorded as that Convex query (its node the
            // convexQuery call, whose arguments are useQuery's); any other TanStack query is none of Convex's.
            const convexQuery = isTanstackQueryHook(binding) ? tanstackConvexQuery(node, scan.imports) : undefined;
            if (!isTanstackQueryHook(binding) || convexQuery)
              scan.hookCalls.push({
                node: convexQuery ?? (node as HookCall['node']),
                name: callee.name,
                canonical: convexQuery ? 'useQuery' : (reexportedHook(binding) ?? canonical),
                binding: convexQuery ? scan.imports.get(convexQuery.callee.name) : binding,
                fn: fnStack[fnStack.length - 1],
                parent: ancestors[ancestors.length - 1],
              });
          }
        } else if (callee.type === 'Identifier') {
          const binding = scan.imports.get(callee.name);
          const canonical = canonicalName(callee.name, binding);
          if (SERVER_CALLS.has(canonical))
            scan.serverCalls.push({ node, name: callee.name, canonical, binding, fn: fnStack[fnStack.length - 1] });
        } else if (isAuthIdentityMember(node.callee)) {
          scan.identityCalls.push({
            node,
            fn: fnStack[fnStack.length - 1],
            ancestors: ancestors.slice(-NEAR_ANCESTORS),
          });
        }
        break;
      }
      case 'NewExpression':
        if (
          node.callee.type === 'Identifier' &&
          (scan.imports.get(node.callee.name)?.imported ?? node.callee.name) === 'ConvexReactClient'
        ) {
          scan.newClients.push({ node, fn: fnStack[fnStack.length - 1], ancestors: ancestors.slice(-NEAR_ANCESTORS) });
        }
        break;
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
      case 'ObjectMethod':
      case 'ClassMethod':
      case 'ClassPrivateMethod': {
        const parent = ancestors[ancestors.length - 1];
        const hookCallback =
          parent?.type === 'CallExpression' &&
          parent.callee.type === 'Identifier' &&
          ONCE_HOOKS.has(parent.callee.name) &&
          parent.arguments[0] === node;
        const enclosing = fnStack[fnStack.length - 1];
        const info: FnInfo = { node, name: functionName(node, parent), parent: enclosing, hookCallback, topStatement };
        if (hookCallback) info.hookCall = parent;
        info.root = enclosing?.root ?? info;
        fnStack.push(info);
        exitPhase |= PUSHED_FUNCTION;
        break;
      }
    }
    ancestors.push(node);
    stack.descend(exitPhase);
  }
  return scan;
}
