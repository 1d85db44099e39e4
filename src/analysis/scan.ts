// One walk over the file collecting what the rules look at (imports, JSX elements with their JSX parents,
// hook calls, identity reads, client constructions, exports), so each rule works on short lists instead of
// walking the tree again.
import type * as t from '@babel/types';
import { functionName, jsxName, visitChildren } from './ast';
import { VISITOR_KEYS } from './visitorKeys';

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
}

export interface ElementInfo {
  node: t.JSXElement;
  name: string;
  parent?: ElementInfo;
  fn?: FnInfo;
}

export interface NodeAt<N extends t.Node> {
  node: N;
  fn?: FnInfo;
  /** Ancestors, outermost first; the last one is the parent. */
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
  /** Calls of identifiers named use…, e.g. useAuth(), useQuery(…). */
  hookCalls: NodeAt<t.CallExpression>[];
  identityCalls: NodeAt<t.CallExpression>[];
  newClients: NodeAt<t.NewExpression>[];
  /** Local name (or the default-exported function node) → the names it is exported under. */
  exportsByLocal: Map<string, string[]>;
  defaultExportedFunction?: t.Function;
  exportsMetadata: boolean;
}

const ONCE_HOOKS = new Set(['useMemo', 'useState', 'useRef', 'useCallback']);

function isGetUserIdentity(call: t.CallExpression): boolean {
  const callee = call.callee;
  if (callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') return false;
  if (callee.computed || callee.property.type !== 'Identifier' || callee.property.name !== 'getUserIdentity') return false;
  const obj = callee.object;
  if (obj.type === 'Identifier') return obj.name === 'auth';
  return (obj.type === 'MemberExpression' || obj.type === 'OptionalMemberExpression')
    && !obj.computed && obj.property.type === 'Identifier' && obj.property.name === 'auth';
}

function addExport(map: Map<string, string[]>, local: string, exported: string): void {
  const list = map.get(local);
  if (list) list.push(exported);
  else map.set(local, [exported]);
}

function collectExport(node: t.Node, scan: Scan): void {
  if (node.type === 'ExportDefaultDeclaration') {
    const d = node.declaration;
    if ((d.type === 'FunctionDeclaration' || d.type === 'ClassDeclaration') && d.id) addExport(scan.exportsByLocal, d.id.name, 'default');
    else if (d.type === 'Identifier') addExport(scan.exportsByLocal, d.name, 'default');
    if (d.type === 'FunctionDeclaration' || d.type === 'ArrowFunctionExpression' || d.type === 'FunctionExpression') scan.defaultExportedFunction = d;
  } else if (node.type === 'ExportNamedDeclaration') {
    const d = node.declaration;
    if (d?.type === 'FunctionDeclaration' && d.id) addExport(scan.exportsByLocal, d.id.name, d.id.name);
    if (d?.type === 'VariableDeclaration') {
      for (const v of d.declarations) if (v.id.type === 'Identifier') addExport(scan.exportsByLocal, v.id.name, v.id.name);
    }
    if (!node.source) {
      for (const s of node.specifiers) {
        if (s.type === 'ExportSpecifier' && s.local.type === 'Identifier') {
          addExport(scan.exportsByLocal, s.local.name, s.exported.type === 'Identifier' ? s.exported.name : s.exported.value);
        }
      }
    }
  }
}

function exportsMetadata(node: t.Node): boolean {
  if (node.type !== 'ExportNamedDeclaration' || !node.declaration) return false;
  const d = node.declaration;
  if (d.type === 'FunctionDeclaration') return d.id?.name === 'generateMetadata';
  if (d.type === 'VariableDeclaration') return d.declarations.some((v) => v.id.type === 'Identifier' && (v.id.name === 'metadata' || v.id.name === 'generateMetadata'));
  return false;
}

export function scanFile(fileName: string, text: string, file: t.File): Scan {
  const program = file.program;
  const scan: Scan = {
    fileName, text, program,
    imports: new Map(), importDecls: [], elements: [], hookCalls: [], identityCalls: [], newClients: [],
    exportsByLocal: new Map(), exportsMetadata: false,
    useClient: program.directives.some((d) => d.value.value === 'use client'),
  };
  for (const stmt of program.body) {
    collectExport(stmt, scan);
    if (exportsMetadata(stmt)) scan.exportsMetadata = true;
    if (stmt.type !== 'ImportDeclaration') continue;
    scan.importDecls.push(stmt);
    for (const spec of stmt.specifiers) {
      const imported = spec.type === 'ImportDefaultSpecifier' ? 'default'
        : spec.type === 'ImportNamespaceSpecifier' ? '*'
          : spec.imported.type === 'Identifier' ? spec.imported.name : spec.imported.value;
      scan.imports.set(spec.local.name, { local: spec.local.name, imported, source: stmt.source.value, decl: stmt, spec });
    }
  }

  // The scan's own walk (not walk() with a visitor): it runs on every file, so it avoids two callbacks per node.
  const fnStack: FnInfo[] = [];
  const elStack: ElementInfo[] = [];
  const ancestors: t.Node[] = [];
  let topStatement: t.Statement | undefined;
  const visit = (node: t.Node | null | undefined): void => {
    if (!node) return;
    const keys = VISITOR_KEYS[node.type];
    if (!keys || keys.length === 0) return;
    if (ancestors.length === 1) topStatement = node as t.Statement;
    let pushedElement = false;
    let pushedFunction = false;
    switch (node.type) {
      case 'JSXElement': {
        const name = jsxName(node);
        const info: ElementInfo = { node, name: name ?? '', parent: elStack[elStack.length - 1], fn: fnStack[fnStack.length - 1] };
        elStack.push(info);
        pushedElement = true;
        if (name) scan.elements.push(info);
        break;
      }
      case 'CallExpression': {
        const callee = node.callee;
        if (callee.type === 'Identifier' && callee.name.startsWith('use')) {
          scan.hookCalls.push({ node, fn: fnStack[fnStack.length - 1], ancestors: ancestors.slice() });
        } else if (isGetUserIdentity(node)) {
          scan.identityCalls.push({ node, fn: fnStack[fnStack.length - 1], ancestors: ancestors.slice() });
        }
        break;
      }
      case 'NewExpression':
        if (node.callee.type === 'Identifier' && (scan.imports.get(node.callee.name)?.imported ?? node.callee.name) === 'ConvexReactClient') {
          scan.newClients.push({ node, fn: fnStack[fnStack.length - 1], ancestors: ancestors.slice() });
        }
        break;
      case 'FunctionDeclaration': case 'FunctionExpression': case 'ArrowFunctionExpression':
      case 'ObjectMethod': case 'ClassMethod': case 'ClassPrivateMethod': {
        const parent = ancestors[ancestors.length - 1];
        const hookCallback = parent?.type === 'CallExpression' && parent.callee.type === 'Identifier'
          && ONCE_HOOKS.has(parent.callee.name) && parent.arguments[0] === node;
        fnStack.push({ node, name: functionName(node, parent), parent: fnStack[fnStack.length - 1], hookCallback, topStatement });
        pushedFunction = true;
        break;
      }
    }
    ancestors.push(node);
    visitChildren(node, keys, visit);
    ancestors.pop();
    if (pushedElement) elStack.pop();
    if (pushedFunction) fnStack.pop();
  };
  visit(program);
  return scan;
}

/** The name an identifier was imported under (so aliases are seen through), or the name itself. */
export function canonicalName(scan: Scan, local: string): string {
  const binding = scan.imports.get(local);
  return binding && binding.imported !== 'default' && binding.imported !== '*' ? binding.imported : local;
}

export function importSource(scan: Scan, local: string): string | undefined {
  return scan.imports.get(local)?.source;
}

/** The outermost function around a node: for JSX, the component that renders it. */
export function outermostFn(fn: FnInfo | undefined): FnInfo | undefined {
  let cur = fn;
  while (cur?.parent) cur = cur.parent;
  return cur;
}

export function isAncestorElement(ancestor: ElementInfo, el: ElementInfo): boolean {
  for (let cur = el.parent; cur; cur = cur.parent) if (cur === ancestor) return true;
  return false;
}
