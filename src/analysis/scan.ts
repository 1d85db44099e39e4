// One walk over the file collecting what the rules look at (imports, component elements with their enclosing
// component elements, hook calls, identity reads, client constructions, exports), so each rule works on short
// lists instead of walking the tree again. The walk enters only subtrees that can hold a record (marks.ts), and
// allocates only for what it records: allocating while the fresh tree is alive makes the garbage collector copy
// that tree, which costs more than the walk itself.
import type * as t from '@babel/types';
import { functionName, jsxName } from './ast';
import { MarkCursor, markOffsets, READ_HOOKS, SERVER_CALLS } from './marks';
import { ENTER, WalkStack } from './traverse';

export interface ImportBinding {
  local: string;
  /** Imported name; "default" or "*" for default and namespace imports. */
  imported: string;
  source: string;
  decl: t.ImportDeclaration;
  spec: t.ImportDeclaration['specifiers'][number];
}

export interface FnInfo {
  node: t.Function;
  name?: string;
  parent?: FnInfo;
  /** The callback passed to useMemo/useState/useRef/useCallback: runs once, not on every render. */
  hookCallback: boolean;
  /** The program-level statement that contains the function. */
  topStatement?: t.Statement;
  /** The outermost function around this one (itself at the top): for JSX, the component that renders it. */
  root?: FnInfo;
}

/**
 * A name as written in the file, looked up once in the imports (rules ask about it several times, and a lookup
 * of a parsed string is not free).
 */
export interface NameRef {
  name: string;
  /** The name it was imported under, so aliases are seen through (`useAuth` for `useAuth as useClerkAuth`), or the name itself. */
  canonical: string;
  binding?: ImportBinding;
}

/** A component element (`<ClerkProvider>`); intrinsic elements such as `<div>` are never providers or gates. */
export interface ElementInfo extends NameRef {
  node: t.JSXElement;
  /** The nearest enclosing component element. */
  parent?: ElementInfo;
  fn?: FnInfo;
}

/**
 * A call of a hook rules read (marks.ts), e.g. useAuth(), useQuery(…), through a local name starting with "use";
 * or of one of the project's own hooks (the file's, or a Clerk wrapper another file exports).
 */
export interface HookCall extends NameRef {
  node: t.CallExpression & { callee: t.Identifier };
  fn?: FnInfo;
  /** The node holding the call, e.g. the declarator of `const { isSignedIn } = useAuth()`. */
  parent?: t.Node;
}

export interface NodeAt<N extends t.Node> {
  node: N;
  fn?: FnInfo;
  /**
   * The nearest ancestors (at most NEAR_ANCESTORS), outermost first; the last one is the parent. Only the near
   * ones are kept so that many records deep in a tree cost no more than few.
   */
  ancestors: t.Node[];
}

export interface Scan {
  fileName: string;
  text: string;
  program: t.Program;
  imports: Map<string, ImportBinding>;
  importDecls: t.ImportDeclaration[];
  useClient: boolean;
  elements: ElementInfo[];
  hookCalls: HookCall[];
  identityCalls: NodeAt<t.CallExpression>[];
  /** Calls of convex/nextjs's fetchQuery/preloadQuery/fetchMutation/fetchAction (by the name they are imported under). */
  serverCalls: (NameRef & { node: t.CallExpression; fn?: FnInfo })[];
  newClients: NodeAt<t.NewExpression>[];
  /** Local name (or the default-exported function node) → the names it is exported under. */
  exportsByLocal: Map<string, string[]>;
  defaultExportedFunction?: t.Function;
  exportsMetadata: boolean;
}

const ONCE_HOOKS = new Set(['useMemo', 'useState', 'useRef', 'useCallback']);

// The scan's exit phases: leave a node, with what it pushed on entry.
const EXIT = 1;
const PUSHED_ELEMENT = 2;
const PUSHED_FUNCTION = 4;

/** How many ancestors a record keeps: the rules look at most a few wrappers and a declaration up. */
export const NEAR_ANCESTORS = 12;

function canonicalName(local: string, binding: ImportBinding | undefined): string {
  return binding && binding.imported !== 'default' && binding.imported !== '*' ? binding.imported : local;
}

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

function isGetUserIdentity(call: t.CallExpression): boolean {
  const callee = call.callee;
  if (callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') return false;
  if (callee.computed || callee.property.type !== 'Identifier' || callee.property.name !== 'getUserIdentity')
    return false;
  const obj = callee.object;
  if (obj.type === 'Identifier') return obj.name === 'auth';
  return (
    (obj.type === 'MemberExpression' || obj.type === 'OptionalMemberExpression') &&
    !obj.computed &&
    obj.property.type === 'Identifier' &&
    obj.property.name === 'auth'
  );
}

function addExport(map: Map<string, string[]>, local: string, exported: string): void {
  const list = map.get(local);
  if (list) list.push(exported);
  else map.set(local, [exported]);
}

function collectExport(node: t.Node, scan: Scan): void {
  if (node.type === 'ExportDefaultDeclaration') {
    const d = node.declaration;
    if ((d.type === 'FunctionDeclaration' || d.type === 'ClassDeclaration') && d.id)
      addExport(scan.exportsByLocal, d.id.name, 'default');
    else if (d.type === 'Identifier') addExport(scan.exportsByLocal, d.name, 'default');
    if (d.type === 'FunctionDeclaration' || d.type === 'ArrowFunctionExpression' || d.type === 'FunctionExpression')
      scan.defaultExportedFunction = d;
  } else if (node.type === 'ExportNamedDeclaration') {
    const d = node.declaration;
    if (d?.type === 'FunctionDeclaration' && d.id) addExport(scan.exportsByLocal, d.id.name, d.id.name);
    if (d?.type === 'VariableDeclaration') {
      for (const v of d.declarations)
        if (v.id.type === 'Identifier') addExport(scan.exportsByLocal, v.id.name, v.id.name);
    }
    if (!node.source) {
      for (const s of node.specifiers) {
        if (s.type === 'ExportSpecifier' && s.local.type === 'Identifier') {
          addExport(
            scan.exportsByLocal,
            s.local.name,
            s.exported.type === 'Identifier' ? s.exported.name : s.exported.value,
          );
        }
      }
    }
  }
}

function exportsMetadata(node: t.Node): boolean {
  if (node.type !== 'ExportNamedDeclaration' || !node.declaration) return false;
  const d = node.declaration;
  if (d.type === 'FunctionDeclaration') return d.id?.name === 'generateMetadata';
  if (d.type === 'VariableDeclaration')
    return d.declarations.some(
      (v) => v.id.type === 'Identifier' && (v.id.name === 'metadata' || v.id.name === 'generateMetadata'),
    );
  return false;
}

/** Names of the file's own top-level hooks (`function useX`, `const useX = …`): their calls are recorded too. */
function localHooks(program: t.Program): string[] {
  const names: string[] = [];
  for (const stmt of program.body) {
    const d =
      stmt.type === 'ExportNamedDeclaration' || stmt.type === 'ExportDefaultDeclaration' ? stmt.declaration : stmt;
    if (d?.type === 'FunctionDeclaration' && d.id && /^use[A-Z0-9]/.test(d.id.name)) names.push(d.id.name);
    else if (d?.type === 'VariableDeclaration')
      for (const v of d.declarations)
        if (v.id.type === 'Identifier' && /^use[A-Z0-9]/.test(v.id.name) && v.init) names.push(v.id.name);
  }
  return names;
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
    useClient: program.directives.some((d) => d.value.value === 'use client'),
  };
  for (const stmt of program.body) {
    collectExport(stmt, scan);
    if (exportsMetadata(stmt)) scan.exportsMetadata = true;
    if (stmt.type !== 'ImportDeclaration') continue;
    scan.importDecls.push(stmt);
    for (const spec of stmt.specifiers) {
      const imported =
        spec.type === 'ImportDefaultSpecifier'
          ? 'default'
          : spec.type === 'ImportNamespaceSpecifier'
            ? '*'
            : spec.imported.type === 'Identifier'
              ? spec.imported.name
              : spec.imported.value;
      scan.imports.set(spec.local.name, {
        local: spec.local.name,
        imported,
        source: stmt.source.value,
        decl: stmt,
        spec,
      });
    }
  }

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
    if (!cursor.within(node.start ?? 0, node.end ?? text.length)) continue;
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
            scan.hookCalls.push({
              node: node as HookCall['node'],
              name: callee.name,
              canonical,
              binding,
              fn: fnStack[fnStack.length - 1],
              parent: ancestors[ancestors.length - 1],
            });
          }
        } else if (callee.type === 'Identifier') {
          const binding = scan.imports.get(callee.name);
          const canonical = canonicalName(callee.name, binding);
          if (SERVER_CALLS.has(canonical))
            scan.serverCalls.push({ node, name: callee.name, canonical, binding, fn: fnStack[fnStack.length - 1] });
        } else if (isGetUserIdentity(node)) {
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

/** The outermost function around a node: for JSX, the component that renders it. */
export function outermostFn(fn: FnInfo | undefined): FnInfo | undefined {
  return fn?.root ?? fn;
}
