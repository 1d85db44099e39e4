// Load mode: evaluates the built modules against the learner's `convex` package and sets up convex-test's
// in-memory backend for the calls, with every way out of the process closed first (sandbox.ts).
import fs from 'node:fs';
import { createRequire, Module } from 'node:module';
import path from 'node:path';
import { describeThrown } from '../describe';
import type { BuiltModule, Envelope, LoadedFunction, Reply } from '../protocol';
import { closeTheWayOut } from '../sandbox';
import { jsonParse, objectKeys, reflectApply } from './captured';
import { captureConsole, session, type ConvexValues, type TestAccessor } from './session';

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

export async function load(m: Extract<Envelope, { op: 'load' }>): Promise<Reply> {
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
          session.handlerStarted = true;
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
  session.loaded = { test, makeReference: (p) => server.makeFunctionReference(p), values, tables, functions };
  return { op: 'loaded', functions, tables };
}
