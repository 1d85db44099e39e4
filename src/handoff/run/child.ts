// The runner's child process: builds the learner's convex/ folder with the esbuild their own `convex` install
// carries, evaluates it against their `convex` package, and answers calls through convex-test's in-memory backend.
// Started by runner.ts with a heap cap and killed on a time limit; it never opens a socket (sandbox.ts).
import fs from 'node:fs';
import { createRequire, Module } from 'node:module';
import path from 'node:path';
import type { ChildMessage, FailureKind, LoadedFunction, ParentMessage, RunIdentity } from './protocol';
import { MIN_CONVEX, versionBelow } from './convexTestPeer';
import { closeTheWayOut, NETWORK_OFF } from './sandbox';

const SOURCE = /\.(m?[jt]sx?|cjs)$/;

interface ConvexServer {
  makeFunctionReference(path: string): unknown;
}
interface ConvexValues {
  convexToJson(v: unknown): unknown;
  jsonToConvex(v: unknown): unknown;
}
interface TestAccessor {
  query(ref: unknown, args: unknown): Promise<unknown>;
  mutation(ref: unknown, args: unknown): Promise<unknown>;
  action(ref: unknown, args: unknown): Promise<unknown>;
  run<T>(fn: (ctx: { db: { query(table: string): { collect(): Promise<unknown[]> } } }) => Promise<T>): Promise<T>;
  withIdentity(identity: RunIdentity): TestAccessor;
}

interface Loaded {
  test: TestAccessor;
  server: ConvexServer;
  values: ConvexValues;
  tables: string[];
  functions: LoadedFunction[];
}

let loaded: Loaded | undefined;
let logLines: string[] = [];

function send(message: ChildMessage): void {
  process.send?.(message);
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Convex's own console: the function's logs go back with its result, as Convex's logLines do. */
function captureConsole(): void {
  const c = console as unknown as Record<string, unknown>;
  for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
    c[level] = (...args: unknown[]) => {
      if (logLines.length < 100)
        logLines.push(
          `[${level.toUpperCase()}] ${args.map((a) => (typeof a === 'string' ? a : safeJson(a))).join(' ')}`.slice(
            0,
            2000,
          ),
        );
    };
  }
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

function sourceFiles(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const name = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.name.startsWith('.') || entry.name === 'node_modules' || entry.name === '_generated') continue;
    if (entry.isDirectory()) out.push(...sourceFiles(dir, name));
    else if (
      SOURCE.test(entry.name) &&
      !/\.d\.[mc]?ts$/.test(entry.name) &&
      !/\.(test|spec)\.[^.]+$/.test(entry.name) &&
      !/^(auth|convex)\.config\./.test(entry.name)
    )
      out.push(name);
  }
  return out.sort();
}

type Esbuild = {
  buildSync(o: Record<string, unknown>): { outputFiles?: { path: string; text: string }[] };
};

/** Node's own CommonJS loader for a built module, so its `require` resolves from the learner's source folder. */
function evaluate(code: string, filename: string): Record<string, unknown> {
  const ModuleCtor = Module as unknown as {
    new (id: string): {
      filename: string;
      paths: string[];
      exports: Record<string, unknown>;
      _compile(code: string, f: string): void;
    };
    _nodeModulePaths(dir: string): string[];
  };
  const m = new ModuleCtor(filename);
  m.filename = filename;
  m.paths = ModuleCtor._nodeModulePaths(path.dirname(filename));
  m._compile(code, filename);
  return m.exports;
}

type LoadFailure = Extract<ChildMessage, { op: 'loadFailed' }>;

async function load(projectDir: string, functionsDir: string): Promise<ChildMessage> {
  const fail = (kind: LoadFailure['kind'], message: string): LoadFailure => ({ op: 'loadFailed', kind, message });
  const learnerRequire = createRequire(path.join(projectDir, 'package.json'));
  let convexPkg: string;
  try {
    convexPkg = learnerRequire.resolve('convex/package.json');
  } catch {
    return fail(
      'no-convex',
      'convex is not installed in this project (no node_modules/convex): run npm install first.',
    );
  }
  const declared = (JSON.parse(fs.readFileSync(convexPkg, 'utf8')) as { version?: unknown }).version;
  const version = typeof declared === 'string' ? declared : '0';
  if (versionBelow(version, MIN_CONVEX)) {
    return fail(
      'old-convex',
      `convex ${version} is installed; the exercise runs functions with convex-test, which needs convex ${MIN_CONVEX.join('.')} or later.`,
    );
  }
  const generated = path.join(functionsDir, '_generated');
  if (!['server.js', 'server.ts'].some((f) => fs.existsSync(path.join(generated, f)))) {
    return fail(
      'no-generated',
      `${path.relative(projectDir, generated) || '_generated'} is missing: run npx convex dev (or npx convex codegen) once to generate it.`,
    );
  }
  let esbuild: Esbuild;
  try {
    esbuild = createRequire(convexPkg)('esbuild') as Esbuild;
  } catch (err) {
    return fail('setup', `The esbuild that convex ${version} depends on could not be loaded: ${errorText(err)}`);
  }
  const files = sourceFiles(functionsDir);
  const outdir = path.join(functionsDir, '.clerk-convex-exercise');
  let outputs: { path: string; text: string }[];
  try {
    outputs =
      esbuild.buildSync({
        entryPoints: files.map((f) => path.join(functionsDir, f)),
        bundle: true,
        packages: 'external',
        platform: 'node',
        format: 'cjs',
        target: 'node18',
        write: false,
        outdir,
        outbase: functionsDir,
        absWorkingDir: projectDir,
        logLevel: 'silent',
        jsx: 'automatic',
        sourcemap: false,
      }).outputFiles ?? [];
  } catch (err) {
    const errors = (err as { errors?: { text: string; location?: { file: string; line: number } | null }[] }).errors;
    const first = errors?.[0];
    return fail(
      'build',
      first
        ? `${first.location ? `${first.location.file}:${first.location.line}: ` : ''}${first.text}`
        : errorText(err),
    );
  }
  // From here on the learner's code runs: nothing may leave the process.
  closeTheWayOut();
  captureConsole();
  (globalThis as Record<string, unknown>).__clerkConvexLearnerRequire = learnerRequire;
  const { convexTest } = (await import('convex-test')) as unknown as {
    convexTest: (o: Record<string, unknown>) => TestAccessor;
  };
  const server = learnerRequire('convex/server') as ConvexServer;
  const values = learnerRequire('convex/values') as ConvexValues;

  const root = '/convex/';
  const modules: Record<string, () => Promise<unknown>> = {
    [`${root}_generated/server.js`]: () => Promise.resolve({}),
  };
  const functions: LoadedFunction[] = [];
  let schema: unknown;
  for (const out of outputs) {
    const rel = path.relative(outdir, out.path).split(path.sep).join('/').replace(/\.js$/, '');
    const source = files.find((f) => f.replace(/\.[^.]+$/, '') === rel) ?? `${rel}.ts`;
    let exports: Record<string, unknown>;
    try {
      exports = evaluate(out.text, path.join(functionsDir, source));
    } catch (err) {
      return fail('build', `${source}: importing it threw: ${errorText(err)}`);
    }
    modules[`${root}${source}`] = () => Promise.resolve(exports);
    if (rel === 'schema') schema = exports.default;
    for (const [name, value] of Object.entries(exports)) {
      const fn = value as Record<string, unknown> | null;
      if (typeof fn !== 'function' && (typeof fn !== 'object' || fn === null)) continue;
      const kind = fn.isQuery
        ? 'query'
        : fn.isMutation
          ? 'mutation'
          : fn.isAction
            ? 'action'
            : fn.isHttp
              ? 'httpAction'
              : undefined;
      if (!kind) continue;
      let args: unknown;
      try {
        args = typeof fn.exportArgs === 'function' ? JSON.parse(String((fn.exportArgs as () => string)())) : undefined;
      } catch {
        args = undefined;
      }
      functions.push({
        path: `${rel}:${name}`,
        kind,
        visibility: fn.isInternal ? 'internal' : 'public',
        ...(args !== undefined ? { args } : {}),
      });
    }
  }
  const test = convexTest({ ...(schema ? { schema } : {}), modules });
  const tables =
    schema && typeof schema === 'object' && 'tables' in schema
      ? Object.keys((schema as { tables: object }).tables)
      : [];
  loaded = { test, server, values, tables, functions };
  return { op: 'loaded', functions, tables };
}

function failureKind(message: string): FailureKind {
  if (message.includes(NETWORK_OFF)) return 'network';
  if (/not (yet )?(supported|implemented)|is not a function.*(vectorSearch|storage|scheduler)/i.test(message))
    return 'unsupported';
  return 'function';
}

async function call(m: Extract<ParentMessage, { op: 'call' }>): Promise<ChildMessage> {
  logLines = [];
  const l = loaded;
  if (!l)
    return { op: 'result', id: m.id, ok: false, kind: 'setup', message: 'The functions are not loaded.', logLines: [] };
  const fn = l.functions.find((f) => f.path === m.path);
  if (fn?.kind === 'httpAction') {
    return {
      op: 'result',
      id: m.id,
      ok: false,
      kind: 'unsupported',
      message: `${m.path} is an HTTP action: the exercise runs queries, mutations and actions, not HTTP routes.`,
      logLines: [],
    };
  }
  try {
    const accessor = m.identity ? l.test.withIdentity(m.identity) : l.test;
    const ref = l.server.makeFunctionReference(m.path);
    const value = await accessor[m.kind](ref, l.values.jsonToConvex(m.args));
    return { op: 'result', id: m.id, ok: true, value: l.values.convexToJson(value ?? null), logLines };
  } catch (err) {
    const message = errorText(err);
    const data = (err as { data?: unknown } | null)?.data;
    return {
      op: 'result',
      id: m.id,
      ok: false,
      kind: failureKind(message),
      message,
      ...(data !== undefined ? { data: l.values.convexToJson(data) } : {}),
      logLines,
    };
  }
}

async function rows(id: number): Promise<ChildMessage> {
  const l = loaded;
  const tables: Record<string, unknown[]> = {};
  if (l) {
    await l.test.run(async (ctx) => {
      for (const t of l.tables) tables[t] = (await ctx.db.query(t).collect()).map((d) => l.values.convexToJson(d));
    });
  }
  return { op: 'rows', id, tables };
}

async function handle(m: ParentMessage): Promise<ChildMessage> {
  switch (m.op) {
    case 'load':
      try {
        return await load(m.projectDir, m.functionsDir);
      } catch (err) {
        return { op: 'loadFailed', kind: 'setup', message: errorText(err) };
      }
    case 'call':
      return call(m);
    case 'tables':
      return rows(m.id);
  }
}

// One message at a time, in order: the in-memory database sees calls in the order the exercise makes them.
let queue = Promise.resolve();
process.on('message', (m: ParentMessage) => {
  queue = queue.then(async () => send(await handle(m)));
});
