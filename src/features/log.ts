import * as vscode from 'vscode';

/** The part of a LogOutputChannel features write to (a plain object in tests). */
export type Log = Pick<vscode.LogOutputChannel, 'error' | 'warn' | 'info'>;

/**
 * The "Clerk ↔ Convex" log channel, created on its first line: a start-up with nothing to report costs no channel
 * (activation stays cheap), and the channel appears in the Output view once there is something to read.
 */
export function createLog(): Log & vscode.Disposable {
  let channel: vscode.LogOutputChannel | undefined;
  const open = (): vscode.LogOutputChannel =>
    (channel ??= vscode.window.createOutputChannel('Clerk ↔ Convex', { log: true }));
  return {
    error: (message: string | Error, ...args: unknown[]) => open().error(message, ...args),
    warn: (message: string, ...args: unknown[]) => open().warn(message, ...args),
    info: (message: string, ...args: unknown[]) => open().info(message, ...args),
    dispose: () => channel?.dispose(),
  };
}

// A JWT (or any part of one) or another long base64url run: never written to the log, whatever an error says.
const SECRET_LIKE = /eyJ[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*)*|[A-Za-z0-9_-]{40,}/g;

export function redact(text: string): string {
  return text.replace(SECRET_LIKE, '[redacted]');
}

function describe(err: unknown): string {
  if (err instanceof Error) return err.stack ?? `${err.name}: ${err.message}`;
  return String(err);
}

/**
 * One line per unexpected failure: the step (and rule) that failed, the file it was working on, and why.
 * Expected absences (a file that does not exist) are not failures and are not logged.
 */
export function logFailure(
  log: Log,
  step: string,
  err: unknown,
  file?: string,
  level: 'error' | 'warn' = 'error',
): void {
  log[level](redact(`${step}${file ? ` [${file}]` : ''}: ${describe(err)}`));
}

/** Runs work nobody awaits (a timer, an event handler) so that a failure is logged instead of left unhandled. */
export function inBackground(log: Log, step: string, work: () => Promise<unknown>): void {
  let started: Promise<unknown>;
  try {
    started = work();
  } catch (err) {
    logFailure(log, step, err);
    return;
  }
  started.catch((err: unknown) => logFailure(log, step, err));
}
