// What run mode keeps between requests: the loaded functions (load.ts) that calls (call.ts) run, and the current
// call's log lines and whether its handler started.
import { describeLogged, describeThrown } from '../describe';
import type { LoadedFunction, RunIdentity } from '../protocol';

export interface Db {
  query(table: string): { collect(): Promise<Record<string, unknown>[]> };
}
export interface TestAccessor {
  query(ref: unknown, args: unknown): Promise<unknown>;
  mutation(ref: unknown, args: unknown): Promise<unknown>;
  action(ref: unknown, args: unknown): Promise<unknown>;
  run<T>(fn: (ctx: { db: Db }) => Promise<T>): Promise<T>;
  withIdentity(identity: RunIdentity): TestAccessor;
}
export interface ConvexValues {
  convexToJson(v: unknown): unknown;
  jsonToConvex(v: unknown): unknown;
}

export interface Loaded {
  test: TestAccessor;
  makeReference(path: string): unknown;
  values: ConvexValues;
  tables: string[];
  functions: LoadedFunction[];
}

export const session: {
  loaded: Loaded | undefined;
  logLines: string[];
  /** Set when a handler of the learner's starts: an error before that is the arguments' (Convex validates first). */
  handlerStarted: boolean;
} = { loaded: undefined, logLines: [], handlerStarted: false };

function log(line: string): void {
  if (session.logLines.length < 60) session.logLines.push(line.length > 1000 ? `${line.slice(0, 1000)}…` : line);
}

/** Convex's own console: the function's logs go back with its result, as Convex's logLines do. */
export function captureConsole(): void {
  const c = console as unknown as Record<string, unknown>;
  for (const level of ['log', 'info', 'warn', 'error', 'debug', 'trace']) {
    c[level] = (...args: unknown[]) => log(`[${level.toUpperCase()}] ${args.map(describeLogged).join(' ')}`);
  }
  // Something thrown later, outside any call (a timer), is written down instead of ending the process.
  process.on('uncaughtException', (err) => log(`[UNCAUGHT] ${describeThrown(err)}`));
  process.on('unhandledRejection', (err) => log(`[UNHANDLED REJECTION] ${describeThrown(err)}`));
}
