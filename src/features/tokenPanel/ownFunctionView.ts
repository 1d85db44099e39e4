// What the panel shows of a run of the learner's own function, and what the run is given of the project's env.
import * as vscode from 'vscode';
import type { ConvexFolderInfo } from '../../analysis/convexFunctions';
import type { OwnCall, OwnRunResult } from '../../exercise/run/ownFunctionRun';
import type { ProjectSnapshot } from '../../project/types';
import { panelCore } from '../../lazy';
import type { OwnCallView, OwnFunctionView } from '../../protocol/panel';

export type ResultView = NonNullable<OwnFunctionView['result']>;

/**
 * The variables of the project's local env files that its convex/ code reads, by name (values are passed to the
 * runner's process, never shown or logged), and the names read at import that no env file sets.
 */
export function envForCode(
  folder: ConvexFolderInfo | undefined,
  snapshot: ProjectSnapshot,
): { env: Record<string, string>; missing: string[] } {
  const env: Record<string, string> = {};
  const missing = new Set<string>();
  for (const read of folder?.env ?? []) {
    const entry = snapshot.env.find((e) => e.name === read.name);
    if (entry) env[read.name] = entry.value;
    else if (read.atImport) missing.add(read.name);
  }
  return { env, missing: [...missing].sort() };
}

function callerTitle(c: OwnCall, sets: number): string {
  const who =
    c.caller === 'anonymous'
      ? vscode.l10n.t('Anonymous (no token)')
      : c.caller === 'B'
        ? vscode.l10n.t('As user B, the attacker: {0}', c.user?.name ?? '')
        : vscode.l10n.t('As user A, the owner: {0}', c.user?.name ?? '');
  return sets > 1 ? vscode.l10n.t('{0} · arguments {1}', who, String(c.set + 1)) : who;
}

function toCallView(c: OwnCall, sets: number): OwnCallView {
  const e = c.exchange;
  return {
    caller: c.caller,
    set: c.set,
    title: callerTitle(c, sets),
    verdict: c.verdict,
    message: c.message,
    args: panelCore().toDisplayValue(c.args),
    ...(e
      ? {
          request: {
            method: e.request.method,
            url: e.request.url,
            headers: Object.entries(e.request.headers),
            body: panelCore().toDisplayValue(e.request.body),
          },
          response: { status: e.response.status, body: panelCore().toDisplayValue(e.response.body) },
        }
      : {}),
    client: c.client.ok
      ? { ok: true, value: panelCore().toDisplayValue(c.client.value) }
      : { ok: false, error: c.client.error },
  };
}

export function toResultView(r: Extract<OwnRunResult, { status: 'ran' }>): ResultView {
  const failed = r.calls.filter((c) => c.verdict === 'fail').length;
  const unknown = r.calls.filter((c) => c.verdict === 'unknown').length;
  const summary =
    r.verdict === 'pass'
      ? r.hints.length > 0
        ? vscode.l10n.t(
            '{0}: no leak found in {1} calls, but the lesson’s mistakes are in its code (below); fix them to finish the step.',
            r.fn.path,
            String(r.calls.length),
          )
        : vscode.l10n.t(
            '{0} passed: nothing of A’s for the anonymous caller or for B, whatever A’s data they passed, and nothing of B’s for A.',
            r.fn.path,
          )
      : r.verdict === 'fail'
        ? vscode.l10n.t(
            '{0} leaks: {1} of {2} calls got or changed someone else’s data.',
            r.fn.path,
            String(failed),
            String(r.calls.length),
          )
        : vscode.l10n.t(
            'Could not tell whether {0} leaks: {1} of {2} calls gave no answer that shows it (each says why). This is not a pass.',
            r.fn.path,
            String(unknown),
            String(r.calls.length),
          );
  return {
    verdict: r.verdict,
    passed: r.passed,
    summary,
    seeded: r.seeded.note,
    argSets: r.argSets.map((s) => ({
      label: s.label,
      text: JSON.stringify(s.template),
      ...(s.missing ? { missing: s.missing } : {}),
    })),
    hints: r.hints,
    calls: r.calls.map((c) => toCallView(c, r.argSets.length)),
    commands: r.commands.map((c) => ({
      caller: c.caller,
      label: vscode.l10n.t('As {0} ({1})', c.caller, r.users[c.caller].name),
      command: c.command,
    })),
  };
}
