// Plans the "Insert Provider Sandwich" edit: ClerkProvider around ConvexProviderWithClerk around the children,
// the module-scope Convex client, the imports, and "use client" for Next.js. Pure: text in, edits out.
import type * as t from '@babel/types';
import type { TextEdit } from '../analysis/types';
import { applyEdits } from '../analysis/edits';
import { parseClean } from './parseClean';
import { normalizeEdits, lineIndent, eolOf } from './edits';
import { importInsertionPoint, planImports, topLevelBindings, type ImportConflict, type NeededImport } from './imports';
import { sdkOf, type Flavour } from './flavour';

export type ScriptLanguage = 'ts' | 'js';

export interface SandwichRequest {
  text: string;
  /** The file's name, e.g. "ConvexClientProvider.tsx"; only its extension and base name are read. */
  fileName: string;
  language: ScriptLanguage;
  flavour: Flavour;
  selectionStart: number;
  selectionEnd: number;
  /** One level of indentation as the editor is set up ("  ", "\t"). */
  indentUnit: string;
}

export type SandwichPlan =
  | {
      ok: true;
      edits: TextEdit[];
      /** 'jsx' wrapped the selection or the cursor; 'component' wrote a whole provider component. */
      mode: 'jsx' | 'component';
      conflicts: ImportConflict[];
    }
  /** The file could not be read as JSX/TSX. */
  | { ok: false; reason: 'unparsable' }
  /** A Next.js server file (layout, page, exports metadata): a "use client" line would break it. */
  | { ok: false; reason: 'server-file' };

export const PROVIDER_COMPONENT = 'ConvexClientProvider';
const CLIENT_NAME = 'convex';

export function planSandwich(req: SandwichRequest): SandwichPlan {
  const ast = parseClean(req.language === 'ts' ? 'file.tsx' : 'file.jsx', req.text);
  if (!ast) return { ok: false, reason: 'unparsable' };
  const program = ast.program;
  const next = req.flavour.kind === 'next';
  const hasUseClient = program.directives.some((d) => d.value.value === 'use client');
  if (next && !hasUseClient && isNextServerFile(program, req.fileName)) return { ok: false, reason: 'server-file' };

  const eol = eolOf(req.text);
  const { start, end } = trimSelection(req.text, req.selectionStart, req.selectionEnd);
  const hasSelection = end > start;
  const mode = hasSelection || insideStatement(program, start) ? 'jsx' : 'component';
  const bindings = topLevelBindings(program);

  const needed: NeededImport[] = [];
  if (mode === 'component' && req.language === 'ts')
    needed.push({ source: 'react', names: [{ name: 'ReactNode', typeOnly: true }] });
  needed.push(
    { source: sdkOf(req.flavour), names: [{ name: 'ClerkProvider' }, { name: 'useAuth' }] },
    { source: 'convex/react', names: [{ name: 'ConvexReactClient' }] },
    { source: 'convex/react-clerk', names: [{ name: 'ConvexProviderWithClerk' }] },
  );
  const imports = planImports(req.text, program, needed);
  const addClient = !bindings.has(CLIENT_NAME);

  // The header block: "use client", new import lines, the client. Placed after the existing imports.
  const point = importInsertionPoint(program);
  const addUseClient = next && !hasUseClient;
  let header = '';
  if (imports.newLines.length > 0) header += imports.newLines.join(eol);
  if (addClient) header += (header ? eol + eol : '') + clientLine(req);
  const edits: TextEdit[] = [...imports.edits];
  if (addUseClient) edits.push({ start: 0, end: 0, newText: `"use client";${eol}${eol}` });
  if (header) {
    if (point.after === 'start') {
      const gap = /^\r?\n/.test(req.text) ? '' : eol;
      edits.push({ start: 0, end: 0, newText: header + eol + gap });
    } else {
      const blank = point.after === 'directive' || (addClient && imports.newLines.length === 0) ? eol + eol : eol;
      edits.push({ start: point.offset, end: point.offset, newText: blank + header });
    }
  }

  if (mode === 'jsx') {
    const base = lineIndent(req.text, start);
    const children = hasSelection ? reindent(req.text.slice(start, end), base, req.indentUnit, eol) : '{children}';
    edits.push({ start, end, newText: sandwichJsx(req, children, base, eol) });
  } else {
    edits.push(componentEdit(req, start, componentName(bindings, program), eol));
  }
  return { ok: true, edits: normalizeEdits(edits), mode, conflicts: imports.conflicts };
}

/** A whole provider file (what the sandwich command writes into an empty file). */
export function providerFileText(flavour: Flavour, language: ScriptLanguage, indentUnit = '  '): string {
  const plan = planSandwich({
    text: '',
    fileName: '',
    language,
    flavour,
    indentUnit,
    selectionStart: 0,
    selectionEnd: 0,
  });
  return plan.ok ? applyEdits('', plan.edits) : '';
}

/** The module-scope client: created once, so every render shares one connection. */
function clientLine(req: SandwichRequest): string {
  const ts = req.language === 'ts';
  const url =
    req.flavour.kind === 'next'
      ? `process.env.NEXT_PUBLIC_CONVEX_URL${ts ? '!' : ''}`
      : `import.meta.env.VITE_CONVEX_URL${ts ? ' as string' : ''}`;
  return `const ${CLIENT_NAME} = new ConvexReactClient(${url});`;
}

function sandwichJsx(req: SandwichRequest, children: string, base: string, eol: string): string {
  const i = req.indentUnit;
  const clerkProps = req.flavour.kind === 'next' ? '' : ' publishableKey={import.meta.env.VITE_CLERK_PUBLISHABLE_KEY}';
  return [
    `<ClerkProvider${clerkProps}>`,
    `${base}${i}<ConvexProviderWithClerk client={${CLIENT_NAME}} useAuth={useAuth}>`,
    `${base}${i}${i}${children}`,
    `${base}${i}</ConvexProviderWithClerk>`,
    `${base}</ClerkProvider>`,
  ].join(eol);
}

/** The component's declaration head: a default export unless the file has one, under a name still free. */
function componentName(bindings: ReadonlyMap<string, unknown>, program: t.Program): string {
  const hasDefault = program.body.some((s) => s.type === 'ExportDefaultDeclaration');
  const name =
    [PROVIDER_COMPONENT, 'ClerkConvexProvider', 'ClerkConvexProviders'].find((n) => !bindings.has(n)) ??
    `${PROVIDER_COMPONENT}WithClerk`;
  return `export ${hasDefault ? '' : 'default '}function ${name}`;
}

function componentEdit(req: SandwichRequest, at: number, head: string, eol: string): TextEdit {
  const i = req.indentUnit;
  const props = req.language === 'ts' ? '{ children }: { children: ReactNode }' : '{ children }';
  const body = [
    `${head}(${props}) {`,
    `${i}return (`,
    `${i}${i}${sandwichJsx(req, '{children}', i + i, eol)}`,
    `${i});`,
    '}',
  ].join(eol);
  const before = req.text.slice(0, at);
  const after = req.text.slice(at);
  const lead =
    before.trim() === ''
      ? ''
      : before.endsWith(eol + eol) || before.endsWith('\n\n')
        ? ''
        : before.endsWith('\n')
          ? eol
          : eol + eol;
  const trail = after.trim() === '' ? (req.text.endsWith('\n') ? '' : eol) : eol + eol;
  return { start: at, end: at, newText: lead + body + trail };
}

/** The selection without surrounding whitespace, so whole-line selections keep their indentation and newline. */
function trimSelection(text: string, selectionStart: number, selectionEnd: number): { start: number; end: number } {
  let start = selectionStart;
  let end = selectionEnd;
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return start < end ? { start, end } : { start: selectionStart, end: selectionStart };
}

/** Lines of the wrapped selection move two levels deeper; its first line stays where the cursor put it. */
function reindent(selected: string, base: string, unit: string, eol: string): string {
  return selected
    .split(/\r?\n/)
    .map((line, n) => {
      if (n === 0) return line.trimStart();
      if (line.trim() === '') return '';
      return base + unit + unit + line.slice(Math.min(base.length, leading(line)));
    })
    .join(eol);
}

function leading(line: string): number {
  return /^[ \t]*/.exec(line)?.[0].length ?? 0;
}

/** True when the offset lies inside a top-level statement (a function, a call), where JSX is an expression. */
function insideStatement(program: t.Program, offset: number): boolean {
  return program.body.some((s) => (s.start ?? 0) < offset && offset < (s.end ?? 0));
}

/** Next.js server components: App Router layouts/pages/templates, or files exporting route metadata. */
function isNextServerFile(program: t.Program, fileName: string): boolean {
  if (/(^|[\\/])(layout|page|template|not-found|default)\.(t|j)sx?$/.test(fileName)) return true;
  return program.body.some(
    (s) =>
      s.type === 'ExportNamedDeclaration' &&
      ((s.declaration?.type === 'VariableDeclaration' &&
        s.declaration.declarations.some((d) => d.id.type === 'Identifier' && d.id.name === 'metadata')) ||
        (s.declaration?.type === 'FunctionDeclaration' && s.declaration.id?.name === 'generateMetadata')),
  );
}
