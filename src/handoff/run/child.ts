// The runner's child process, in one of two modes (argv[2]):
// - build: checks the learner's `convex` install and builds their convex/ folder with the esbuild that install
//   carries, into a temporary folder. No learner code runs here; esbuild itself is a process it starts.
// - run: evaluates the built modules against the learner's `convex` package and answers calls through
//   convex-test's in-memory backend. Started under Node's permission model where the Node has one (runner.ts),
//   with every way out of the process closed before the learner's code is evaluated (sandbox.ts).
// The channel is a pair of pipes (protocol.ts, frame.ts), read and written with functions captured before any
// learner code runs, so that code can neither read the requests nor answer in the runner's name.
import fs from 'node:fs';
import net from 'node:net';
import { createRequire, Module } from 'node:module';
import path from 'node:path';
import { describeLogged, describeThrown } from './describe';
import { FrameReader } from './frame';
import {
  MAX_CHANGED_ROWS,
  MAX_RESULT_BYTES,
  MAX_ROW_BYTES,
  REPLY_FD,
  REQUEST_FD,
  type BuiltModule,
  type Envelope,
  type FailureKind,
  type Hello,
  type LoadedFunction,
  type LoadFailureKind,
  type Reply,
  type RowChanges,
  type RowDoc,
  type RunIdentity,
} from './protocol';
import { closeTheWayOut, NETWORK_OFF, PROCESS_OFF } from './sandbox';

// Captured before anything of the learner's runs: later patches to these globals do not reach the channel.
const jsonStringify = JSON.stringify;
const jsonParse = JSON.parse;
const objectKeys = Object.keys;
const isArray = Array.isArray;
const writeSync = fs.writeSync;
// Buffer's static methods do not read `this`; bound anyway so a later patch of Buffer cannot reach them.
const bufferFrom = Buffer.from.bind(Buffer);
const bufferAlloc = Buffer.alloc.bind(Buffer);
const reflectApply = Reflect.apply;
const hasOwn = Object.hasOwn;

/** convex-test's peer range: older convex packages lack the syscalls it drives. */
const MIN_CONVEX = [1, 43, 0] as const;
const SOURCE = /\.(m?[jt]sx?|cjs)$/;
const MAX_REQUEST_BYTES = 16 * 1024 * 1024;

// ---------------------------------------------------------------------------------------------------------------
// The channel

class TooLarge extends Error {}

/**
 * JSON text of a value made of JSON data (what convexToJson returns), stopping as soon as it passes `budget`
 * characters. Ignores `toJSON` (a learner's `Object.prototype.toJSON` must not rewrite the runner's answer).
 */
function serialize(value: unknown, budget: number): string {
  const parts: string[] = [];
  let size = 0;
  const push = (s: string) => {
    size += s.length;
    if (size > budget) throw new TooLarge();
    parts.push(s);
  };
  const walk = (v: unknown, depth: number): void => {
    if (depth > 64) throw new TooLarge();
    // A string longer than what is left is too large without copying it (a 64 MB answer stops here at once).
    if (typeof v === 'string' && v.length > budget - size) throw new TooLarge();
    if (v === null || typeof v === 'boolean' || typeof v === 'number' || typeof v === 'string') {
      push(jsonStringify(v) ?? 'null');
      return;
    }
    if (typeof v !== 'object') {
      push('null');
      return;
    }
    if (isArray(v)) {
      push('[');
      for (let i = 0; i < v.length; i++) {
        if (i > 0) push(',');
        walk((v as unknown[])[i], depth + 1);
      }
      push(']');
      return;
    }
    push('{');
    let first = true;
    for (const k of objectKeys(v)) {
      const item = (v as Record<string, unknown>)[k];
      if (item === undefined || typeof item === 'function') continue;
      if (!first) push(',');
      first = false;
      push(jsonStringify(k));
      push(':');
      walk(item, depth + 1);
    }
    push('}');
  };
  walk(value, 0);
  return parts.join('');
}

function writeFrame(text: string): void {
  const body = bufferFrom(text, 'utf8');
  const head = bufferAlloc(4);
  head[0] = (body.length >>> 24) & 0xff;
  head[1] = (body.length >>> 16) & 0xff;
  head[2] = (body.length >>> 8) & 0xff;
  head[3] = body.length & 0xff;
  writeAll(head);
  writeAll(body);
}

function writeAll(buf: Buffer): void {
  let offset = 0;
  while (offset < buf.length) {
    try {
      offset += writeSync(REPLY_FD, buf, offset, buf.length - offset);
    } catch (err) {
      // A non-blocking pipe that is full: wait for the extension to read, then go on.
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
}

function answer(id: number, nonce: string, reply: Reply): void {
  let text: string;
  try {
    text = serialize({ ...reply, id, nonce }, MAX_RESULT_BYTES + 256 * 1024);
  } catch {
    text = serialize(
      {
        op: 'result',
        ok: false,
        kind: 'too-large',
        message: 'The answer was too large to send back.',
        logLines: [],
        id,
        nonce,
      },
      4096,
    );
  }
  writeFrame(text);
}

// ---------------------------------------------------------------------------------------------------------------
// Build mode

type Esbuild = {
  buildSync(o: Record<string, unknown>): { outputFiles?: { path: string; text: string }[] };
};

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

function versionBelow(version: string, min: readonly number[]): boolean {
  const parts = version.split(/[.-]/).slice(0, 3).map(Number);
  for (let i = 0; i < 3; i++) {
    if ((parts[i] ?? 0) !== min[i]) return (parts[i] ?? 0) < min[i];
  }
  return false;
}

function build(projectDir: string, functionsDir: string, outdir: string): Reply {
  const fail = (kind: LoadFailureKind, message: string): Reply => ({ op: 'loadFailed', kind, message });
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
    return fail('setup', `The esbuild that convex ${version} depends on could not be loaded: ${describeThrown(err)}`);
  }
  const files = sourceFiles(functionsDir);
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
        : describeThrown(err),
    );
  }
  const modules: BuiltModule[] = [];
  for (const out of outputs) {
    const rel = path.relative(outdir, out.path).split(path.sep).join('/').replace(/\.js$/, '');
    const source = files.find((f) => f.replace(/\.[^.]+$/, '') === rel) ?? `${rel}.ts`;
    fs.mkdirSync(path.dirname(out.path), { recursive: true });
    fs.writeFileSync(out.path, out.text);
    modules.push({ source, out: out.path });
  }
  return { op: 'built', modules, convexVersion: version };
}

// ---------------------------------------------------------------------------------------------------------------
// Run mode

interface Db {
  query(table: string): { collect(): Promise<Record<string, unknown>[]> };
}
interface TestAccessor {
  query(ref: unknown, args: unknown): Promise<unknown>;
  mutation(ref: unknown, args: unknown): Promise<unknown>;
  action(ref: unknown, args: unknown): Promise<unknown>;
  run<T>(fn: (ctx: { db: Db }) => Promise<T>): Promise<T>;
  withIdentity(identity: RunIdentity): TestAccessor;
}
interface ConvexValues {
  convexToJson(v: unknown): unknown;
  jsonToConvex(v: unknown): unknown;
}

interface Loaded {
  test: TestAccessor;
  makeReference(path: string): unknown;
  values: ConvexValues;
  tables: string[];
  functions: LoadedFunction[];
}

let loaded: Loaded | undefined;
let logLines: string[] = [];
/** Set when a handler of the learner's starts: an error before that is the arguments' (Convex validates first). */
let handlerStarted = false;

function log(line: string): void {
  if (logLines.length < 60) logLines.push(line.length > 1000 ? `${line.slice(0, 1000)}…` : line);
}

/** Convex's own console: the function's logs go back with its result, as Convex's logLines do. */
function captureConsole(): void {
  const c = console as unknown as Record<string, unknown>;
  for (const level of ['log', 'info', 'warn', 'error', 'debug', 'trace']) {
    c[level] = (...args: unknown[]) => log(`[${level.toUpperCase()}] ${args.map(describeLogged).join(' ')}`);
  }
  // Something thrown later, outside any call (a timer), is written down instead of ending the process.
  process.on('uncaughtException', (err) => log(`[UNCAUGHT] ${describeThrown(err)}`));
  process.on('unhandledRejection', (err) => log(`[UNHANDLED REJECTION] ${describeThrown(err)}`));
}

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

function functionKind(fn: Record<string, unknown>): LoadedFunction['kind'] | undefined {
  if (fn.isQuery) return 'query';
  if (fn.isMutation) return 'mutation';
  if (fn.isAction) return 'action';
  if (fn.isHttp) return 'httpAction';
  return undefined;
}

async function load(m: Extract<Envelope, { op: 'load' }>): Promise<Reply> {
  const learnerRequire = createRequire(path.join(m.projectDir, 'package.json'));
  const texts: { module: BuiltModule; code: string }[] = [];
  for (const module of m.modules) texts.push({ module, code: fs.readFileSync(module.out, 'utf8') });
  // From here on the learner's code runs: nothing may leave the process.
  closeTheWayOut();
  captureConsole();
  (globalThis as Record<string, unknown>).__clerkConvexLearnerRequire = learnerRequire;
  const { convexTest } = (await import('convex-test')) as unknown as {
    convexTest: (schema: unknown, modules: Record<string, () => Promise<unknown>>) => TestAccessor;
  };
  const server = learnerRequire('convex/server') as { makeFunctionReference(path: string): unknown };
  const values = learnerRequire('convex/values') as ConvexValues;

  const root = '/convex/';
  const modules: Record<string, () => Promise<unknown>> = {
    [`${root}_generated/server.js`]: () => Promise.resolve({}),
  };
  const functions: LoadedFunction[] = [];
  let schema: unknown;
  for (const { module, code } of texts) {
    const rel = module.source.replace(/\.[^.]+$/, '');
    let exports: Record<string, unknown>;
    try {
      exports = evaluate(code, path.join(m.functionsDir, module.source));
    } catch (err) {
      return {
        op: 'loadFailed',
        kind: 'build',
        message: `${module.source}: importing it threw: ${describeThrown(err)}`,
      };
    }
    modules[`${root}${module.source}`] = () => Promise.resolve(exports);
    if (rel === 'schema') schema = exports.default;
    for (const name of objectKeys(exports)) {
      const fn = exports[name] as Record<string, unknown> | null;
      if (typeof fn !== 'function' && (typeof fn !== 'object' || fn === null)) continue;
      const kind = functionKind(fn);
      if (!kind) continue;
      const handler = fn._handler;
      if (typeof handler === 'function') {
        fn._handler = function (this: unknown, ...args: unknown[]) {
          handlerStarted = true;
          return reflectApply(handler, this, args) as unknown;
        };
      }
      let args: unknown;
      try {
        args = typeof fn.exportArgs === 'function' ? jsonParse(String((fn.exportArgs as () => string)())) : undefined;
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
  const test = convexTest(schema, modules);
  const schemaTables =
    schema && typeof schema === 'object' && 'tables' in schema ? objectKeys((schema as { tables: object }).tables) : [];
  const tables = [...new Set([...schemaTables, ...m.tables])].filter((t) => !t.startsWith('_'));
  loaded = { test, makeReference: (p) => server.makeFunctionReference(p), values, tables, functions };
  return { op: 'loaded', functions, tables };
}

function failureKind(err: unknown, message: string): FailureKind {
  if (message.includes(NETWORK_OFF)) return 'network';
  if (message.includes(PROCESS_OFF) || /ERR_ACCESS_DENIED|Access to this API has been restricted/.test(message))
    return 'unsupported';
  if (err instanceof RangeError && /Array buffer allocation failed|allocation failed/i.test(message)) return 'memory';
  if (/not (yet )?(supported|implemented)|is not a function.*(vectorSearch|storage|scheduler)/i.test(message))
    return 'unsupported';
  if (!handlerStarted) return 'arguments';
  return 'function';
}

/** A document as JSON, with values too large to report replaced by a note (the ids and small fields matter). */
function rowDoc(table: string, doc: Record<string, unknown>, values: ConvexValues): RowDoc {
  const json = values.convexToJson(doc) as Record<string, unknown>;
  let text: string;
  try {
    text = serialize(json, MAX_ROW_BYTES);
    return { table, id: String(doc._id), doc: jsonParse(text) as Record<string, unknown> };
  } catch {
    const small: Record<string, unknown> = {};
    for (const k of objectKeys(json)) {
      try {
        small[k] = jsonParse(serialize(json[k], 512));
      } catch {
        small[k] = '…';
      }
    }
    return { table, id: String(doc._id), doc: small };
  }
}

type Snapshot = Map<string, { table: string; text: string; doc: Record<string, unknown> }>;

async function snapshot(l: Loaded): Promise<Snapshot> {
  const out: Snapshot = new Map();
  await l.test.run(async (ctx) => {
    for (const table of l.tables) {
      for (const doc of await ctx.db.query(table).collect()) {
        const json = l.values.convexToJson(doc);
        out.set(String(doc._id), { table, text: jsonStringify(json), doc });
      }
    }
  });
  return out;
}

function compare(before: Snapshot, after: Snapshot, values: ConvexValues): RowChanges {
  const inserted: RowDoc[] = [];
  const modified: { before: RowDoc; after: RowDoc }[] = [];
  const deleted: RowDoc[] = [];
  for (const [id, row] of after) {
    const old = before.get(id);
    if (!old) inserted.push(rowDoc(row.table, row.doc, values));
    else if (old.text !== row.text)
      modified.push({ before: rowDoc(old.table, old.doc, values), after: rowDoc(row.table, row.doc, values) });
  }
  for (const [id, row] of before) if (!after.has(id)) deleted.push(rowDoc(row.table, row.doc, values));
  if (inserted.length + modified.length + deleted.length > MAX_CHANGED_ROWS)
    return {
      unknown: `it changed ${inserted.length + modified.length + deleted.length} rows, more than the ${MAX_CHANGED_ROWS} the exercise compares`,
    };
  return { inserted, modified, deleted };
}

async function call(m: Extract<Envelope, { op: 'call' }>): Promise<Reply> {
  logLines = [];
  handlerStarted = false;
  const l = loaded;
  if (!l) return { op: 'result', ok: false, kind: 'setup', message: 'The functions are not loaded.', logLines: [] };
  const fn = l.functions.find((f) => f.path === m.path);
  if (fn?.kind === 'httpAction')
    return {
      op: 'result',
      ok: false,
      kind: 'unsupported',
      message: `${m.path} is an HTTP action: the exercise runs queries, mutations and actions, not HTTP routes.`,
      logLines: [],
    };
  let before: Snapshot | undefined;
  let changes: RowChanges | undefined;
  if (m.changes) {
    try {
      before = await snapshot(l);
    } catch (err) {
      changes = { unknown: `the tables could not be read before the call: ${describeThrown(err)}` };
    }
  }
  const after = async (): Promise<RowChanges | undefined> => {
    if (!m.changes || changes) return changes;
    try {
      return compare(before ?? (new Map() as Snapshot), await snapshot(l), l.values);
    } catch (err) {
      return { unknown: `the tables could not be read after the call: ${describeThrown(err)}` };
    }
  };
  let value: unknown;
  try {
    const accessor = m.identity ? l.test.withIdentity(m.identity) : l.test;
    value = await accessor[m.kind](l.makeReference(m.path), l.values.jsonToConvex(m.args));
  } catch (err) {
    const message = describeThrown(err);
    const kind = failureKind(err, message);
    let data: unknown;
    try {
      const raw = (err as { data?: unknown } | null)?.data;
      data = raw === undefined ? undefined : l.values.convexToJson(raw);
    } catch {
      data = undefined;
    }
    const done = await after();
    return {
      op: 'result',
      ok: false,
      kind,
      message:
        kind === 'memory'
          ? `your function asked for more memory than the runner allows (a Buffer or typed array could not be allocated): ${message}`
          : message,
      ...(data !== undefined ? { data } : {}),
      logLines,
      ...(done ? { changes: done } : {}),
    };
  }
  const done = await after();
  let json: unknown;
  try {
    json = l.values.convexToJson(value ?? null);
  } catch (err) {
    return {
      op: 'result',
      ok: false,
      kind: 'function',
      message: `Your function returned a value Convex cannot send: ${describeThrown(err)}`,
      logLines,
      ...(done ? { changes: done } : {}),
    };
  }
  try {
    serialize(json, MAX_RESULT_BYTES);
  } catch {
    return {
      op: 'result',
      ok: false,
      kind: 'too-large',
      message: `Your function returned more than ${MAX_RESULT_BYTES / (1024 * 1024)} MB (as JSON): the exercise reads answers up to that size.`,
      logLines,
      ...(done ? { changes: done } : {}),
    };
  }
  return { op: 'result', ok: true, value: json, logLines, ...(done ? { changes: done } : {}) };
}

// ---------------------------------------------------------------------------------------------------------------
// The loop: one request at a time, in order (the in-memory database sees calls in the order the exercise makes).

const mode = process.argv[2] === 'build' ? 'build' : 'run';

async function handle(m: Envelope): Promise<Reply> {
  switch (m.op) {
    case 'build':
      try {
        return build(m.projectDir, m.functionsDir, m.outdir);
      } catch (err) {
        return { op: 'loadFailed', kind: 'setup', message: describeThrown(err) };
      }
    case 'load':
      try {
        return await load(m);
      } catch (err) {
        return { op: 'loadFailed', kind: 'setup', message: describeThrown(err) };
      }
    case 'call':
      try {
        return await call(m);
      } catch (err) {
        return { op: 'result', ok: false, kind: 'setup', message: describeThrown(err), logLines };
      }
  }
}

function isEnvelope(v: unknown): v is Envelope {
  return (
    typeof v === 'object' &&
    v !== null &&
    hasOwn(v, 'op') &&
    typeof (v as { id?: unknown }).id === 'number' &&
    typeof (v as { nonce?: unknown }).nonce === 'string'
  );
}

const reader = new FrameReader(MAX_REQUEST_BYTES, jsonParse);
const incoming: Envelope[] = [];
let busy = false;

async function drain(): Promise<void> {
  if (busy) return;
  busy = true;
  while (incoming.length > 0) {
    const m = incoming.shift() as Envelope;
    // The nonce stays in this frame of the loop: nothing the learner's code can reach holds it.
    const { id, nonce } = m;
    const reply = await handle(m);
    answer(id, nonce, reply);
    if (mode === 'build') quit(0);
  }
  busy = false;
}

/** Node's own exit, kept before the learner's code can replace it (sandbox.ts makes `process.exit` throw). */
const reallyExit = (process as unknown as { reallyExit: (this: NodeJS.Process, code: number) => never }).reallyExit;
function quit(code: number): never {
  return reflectApply<NodeJS.Process, [number], never>(reallyExit, process, [code]);
}

function listen(): void {
  // A stream handle on the request pipe (a blocked read in the thread pool would keep the process from exiting).
  const requests = new net.Socket({ fd: REQUEST_FD, readable: true, writable: false });
  requests.on('data', (chunk: Buffer) => {
    for (const event of reader.push(chunk)) {
      if ('violation' in event || !isEnvelope(event.frame)) quit(3);
      else incoming.push(event.frame);
    }
    void drain();
  });
  requests.on('end', () => quit(0)); // the extension closed the channel
  requests.on('error', () => quit(0));
}

const hello: Hello = { op: 'hello', mode };
writeFrame(jsonStringify(hello));
listen();
