import * as vscode from 'vscode';
import type { HandoffModel, ScenarioId, ScenarioRun } from '../../handoff/types';
import { resolveProviders } from '../../project/resolveProviders';
import type { ProjectSnapshot } from '../../project/types';
import { loadCrypto } from '../../lazy';
import type { FeatureContext } from '../api';
import type { LessonEvent } from '../lessonEvents';

type Outcome = Extract<LessonEvent, { kind: 'exerciseRequest' }>['outcome'];

/**
 * Rejected when Convex answered with an error; empty for `[]` or null (what the anonymous request gets); data
 * otherwise. The body is Convex's `{ status, value }` envelope.
 */
export function outcomeOf(run: ScenarioRun): Outcome {
  if (run.response.error !== undefined || run.response.status >= 400) return 'rejected';
  const body = run.response.body;
  const value = typeof body === 'object' && body !== null && 'value' in body ? body.value : body;
  return value === null || value === undefined || (Array.isArray(value) && value.length === 0) ? 'empty' : 'data';
}

/**
 * Only a Node extension host can listen on 127.0.0.1 (the desktop app, code-server's remote host). A web-worker
 * host (vscode.dev) and an untrusted workspace get the in-memory JWKS: same model, no socket.
 */
export function chooseTransport(): 'http' | 'memory' {
  const nodeHost = typeof process !== 'undefined' && typeof process.versions?.node === 'string';
  return nodeHost && vscode.workspace.isTrusted ? 'http' : 'memory';
}

/**
 * The exercise's running model for one panel: created on the first request (that is when the issuer starts
 * listening) and closed with the panel, which stops the issuer.
 */
export class ExerciseSession {
  private model: Promise<HandoffModel> | undefined;
  private closed = false;

  constructor(
    private readonly ctx: FeatureContext,
    private readonly project: () => Promise<ProjectSnapshot>,
  ) {}

  /** The model, created on first use; also returns whether it was created by this call (to announce its setup). */
  async ensure(): Promise<{ model: HandoffModel; created: boolean }> {
    if (this.closed) throw new Error('The exercise session is closed.');
    const created = !this.model;
    this.model ??= this.create();
    try {
      return { model: await this.model, created };
    } catch (err) {
      this.model = undefined;
      throw err;
    }
  }

  current(): Promise<HandoffModel> | undefined {
    return this.model;
  }

  async run(scenarios: readonly ScenarioId[]): Promise<ScenarioRun[]> {
    const { model } = await this.ensure();
    const runs: ScenarioRun[] = [];
    for (const id of scenarios) {
      const run = await model.runScenario(id);
      runs.push(run);
      this.ctx.events.fire({ kind: 'exerciseRequest', scenario: id, outcome: outcomeOf(run) });
    }
    return runs;
  }

  async close(): Promise<void> {
    this.closed = true;
    const model = this.model;
    this.model = undefined;
    if (model)
      await model.then(
        (m) => m.close(),
        () => undefined,
      );
  }

  private async create(): Promise<HandoffModel> {
    const [{ createHandoffModel }, snapshot] = await Promise.all([loadCrypto(), this.project()]);
    const providers = snapshot.authConfigs.length > 0 ? resolveProviders(snapshot) : undefined;
    return createHandoffModel({
      transport: chooseTransport(),
      ...(providers && providers.length > 0 ? { providers } : {}),
    });
  }
}

/** What the exercise tab says about its setup: who issues, where the keys are served, which provider is used. */
export function setupNotes(model: HandoffModel, snapshot: ProjectSnapshot): string[] {
  const notes = [
    vscode.l10n.t('Issuer (standing in for Clerk): {0}, with an RS256 key pair made just now.', model.issuerUrl),
  ];
  notes.push(
    model.transport === 'http' && model.serverUrl
      ? vscode.l10n.t('Discovery document and JWKS are served at {0} while this panel is open.', model.serverUrl)
      : vscode.workspace.isTrusted
        ? vscode.l10n.t('Discovery document and JWKS are answered in memory: this editor cannot listen on a port.')
        : vscode.l10n.t(
            'Discovery document and JWKS are answered in memory: a local server needs a trusted workspace.',
          ),
  );
  const p = model.provider;
  notes.push(
    p.source === 'auth.config'
      ? vscode.l10n.t(
          'Server (standing in for Convex) trusts the provider from your {0}: domain {1}, applicationID “{2}”.',
          snapshot.authConfigs[0]?.path ?? 'auth.config',
          p.domain,
          p.applicationID,
        )
      : snapshot.authConfigs.length > 0
        ? vscode.l10n.t(
            'Server (standing in for Convex) trusts the exercise’s own provider: domain {0}, applicationID “{1}”. Your {2} has no provider with both a known domain and an applicationID (see “Your token” → “Your project”).',
            p.domain,
            p.applicationID,
            snapshot.authConfigs[0]?.path ?? 'auth.config',
          )
        : vscode.l10n.t(
            'Server (standing in for Convex) trusts the exercise’s own provider: domain {0}, applicationID “{1}” (this workspace has no convex/auth.config).',
            p.domain,
            p.applicationID,
          ),
  );
  return notes;
}
