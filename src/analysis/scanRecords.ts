// What the scan records for the rules (scan.ts fills them in one walk).
import type * as t from '@babel/types';

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
  /** That hook's call (`useMemo(() => …, [deps])`), when the function is such a callback. */
  hookCall?: t.CallExpression;
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
  /** The default-exported component: written inline, or a top-level function exported as default by name. */
  defaultExportedFunction?: t.Function;
  exportsMetadata: boolean;
  /**
   * Answers about the file that rules and fixes ask again and again, worked out on the first ask (`memoised`). A
   * field of the scan, not a WeakMap keyed by it: a WeakMap's entries survived V8's young-generation collections,
   * and with them each analysis's whole tree, promoted to the old generation and freed only by full collections
   * (measured: twice the CPU time per 300-line analysis, most of it in the collector).
   */
  memo: Map<string, unknown>;
}

/** The scan's answer under `key`, computed on the first ask. */
export function memoised<T>(scan: Scan, key: string, compute: () => T): T {
  if (scan.memo.has(key)) return scan.memo.get(key) as T;
  const value = compute();
  scan.memo.set(key, value);
  return value;
}

/** The name a local was imported under (aliases seen through), or the local itself for default and namespace imports. */
export function canonicalName(local: string, binding: ImportBinding | undefined): string {
  return binding && binding.imported !== 'default' && binding.imported !== '*' ? binding.imported : local;
}

/** The outermost function around a node: for JSX, the component that renders it. */
export function outermostFn(fn: FnInfo | undefined): FnInfo | undefined {
  return fn?.root ?? fn;
}

/** The exported names of a function of this file (`default` included). */
export function exportNames(scan: Scan, fn: FnInfo): string[] {
  const names: string[] = [];
  if (fn.node === scan.defaultExportedFunction) names.push('default');
  if (fn.name) for (const n of scan.exportsByLocal.get(fn.name) ?? []) if (!names.includes(n)) names.push(n);
  return names;
}
