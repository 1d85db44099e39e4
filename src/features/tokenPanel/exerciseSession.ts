import * as vscode from 'vscode';
import type { HandoffOptions } from '../../exercise/handoffModel';
import type { HandoffModel, ScenarioId, ScenarioRun } from '../../exercise/types';
import { resolveProviders } from '../../project/resolveProviders';
import type { ProjectSnapshot } from '../../project/types';
import { loadCrypto } from '../../lazy';
import { logFailure } from '../log';
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
 * listening), made again when what it is built from changed (auth.config, the publishable key, workspace trust),
 * and closed with the panel, which stops its servers.
 */
export class ExerciseSession {
  private model: Promise<HandoffModel> | undefined;
  /** What the current model was built from. */
  private builtFrom: string | undefined;
  /** Models replaced by a newer one: a run may still hold one, so the last is closed only with the next. */
  private readonly retired: Promise<HandoffModel>[] = [];
  private closed = false;

  constructor(
    private readonly ctx: FeatureContext,
    private readonly project: () => Promise<ProjectSnapshot>,
  ) {}

  /** The model for the project as it is now; also returns whether this call created it (to announce its setup). */
  async ensure(): Promise<{ model: HandoffModel; created: boolean }> {
    if (this.closed) throw new Error('The exercise session is closed.');
    const options: HandoffOptions = { transport: chooseTransport(), ...handoffInputs(await this.project()) };
    const key = JSON.stringify(options);
    if (this.closed) throw new Error('The exercise session is closed.');
    let created = false;
    if (!this.model || key !== this.builtFrom) {
      if (this.model) this.retire(this.model);
      this.builtFrom = key;
      this.model = loadCrypto().then(({ createHandoffModel }) => createHandoffModel(options));
      created = true;
    }
    const model = this.model;
    try {
      return { model: await model, created };
    } catch (err) {
      if (this.model === model) this.model = undefined;
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
    const all = [...this.retired.splice(0), ...(this.model ? [this.model] : [])];
    this.model = undefined;
    await Promise.all(all.map(closeModel));
  }

  private retire(model: Promise<HandoffModel>): void {
    this.retired.push(model);
    for (const old of this.retired.splice(0, this.retired.length - 1))
      closeModel(old).catch((err: unknown) => logFailure(this.ctx.log, 'exercise: stop a replaced model', err));
  }
}

function closeModel(model: Promise<HandoffModel>): Promise<void> {
  return model.then(
    (m) => m.close(),
    () => undefined,
  );
}

/**
 * What the exercise takes from the project: the first auth.config's providers (resolved, and as written), the
 * Frontend API host of the Clerk publishable key, and Clerk's way of issuing tokens the app's convex asks for
 * (releases up to 1.32 only ever ask for the `convex` JWT template; later ones use the integration's token).
 */
export function handoffInputs(snapshot: ProjectSnapshot): Omit<HandoffOptions, 'transport'> {
  const config = snapshot.authConfigs[0];
  return {
    ...(config ? { providers: resolveProviders(snapshot, config) } : {}),
    ...(config
      ? { written: config.providers.map((p) => ({ keys: p.keys ?? [], ...(p.type ? { type: p.type } : {}) })) }
      : {}),
    ...(snapshot.publishableKeyInfo ? { publishableKeyHost: snapshot.publishableKeyInfo.host } : {}),
    mode: snapshot.packages.convexIssue === 'integration-never-sent' ? 'template' : 'integration',
  };
}

/** What the exercise tab says about its setup: who issues, where the keys are served, which provider is used. */
export function setupNotes(model: HandoffModel, snapshot: ProjectSnapshot): string[] {
  const notes: string[] = [];
  const how =
    model.mode === 'integration'
      ? vscode.l10n.t('session tokens as Clerk’s Convex integration issues them (aud “convex”)')
      : vscode.l10n.t('tokens as the “convex” JWT template issues them (your convex version asks for the template)');
  notes.push(
    model.issuerSource === 'publishable-key'
      ? vscode.l10n.t(
          'Issuer (standing in for your Clerk instance, from your publishable key): {0}, {1}.',
          model.issuerUrl,
          how,
        )
      : model.issuerSource === 'auth.config'
        ? vscode.l10n.t(
            'Issuer: {0} (assumed from your auth.config domain: no Clerk publishable key was found), {1}.',
            model.issuerUrl,
            how,
          )
        : vscode.l10n.t(
            'Issuer: {0} (assumed: no Clerk publishable key or auth.config domain was found), {1}.',
            model.issuerUrl,
            how,
          ),
  );
  notes.push(
    model.transport === 'http' && model.serverUrl
      ? vscode.l10n.t(
          'Its discovery document and keys are served from {0} while this panel is open (nothing else of your Clerk host is answered); the real ConvexHttpClient sends each request over HTTP to a stand-in deployment on 127.0.0.1.',
          model.serverUrl,
        )
      : vscode.workspace.isTrusted
        ? vscode.l10n.t(
            'Answered in memory: this editor cannot open a port, so the real ConvexHttpClient is given an in-memory fetch to the stand-in deployment, and the issuer’s documents are answered in memory too.',
          )
        : vscode.l10n.t(
            'Answered in memory: a local server needs a trusted workspace, so the real ConvexHttpClient is given an in-memory fetch to the stand-in deployment.',
          ),
  );
  const d = model.deployment;
  const path = snapshot.authConfigs[0]?.path ?? 'convex/auth.config.ts';
  if (d.source === 'push-failed' && d.pushProblem) {
    notes.push(
      d.pushProblem.verbatim
        ? vscode.l10n.t(
            'npx convex dev would refuse your {0}: “{1}” The stand-in deployment therefore has no providers, like a deployment that never accepted one.',
            path,
            d.pushProblem.text,
          )
        : vscode.l10n.t(
            'npx convex dev would refuse your {0} ({1}). The stand-in deployment therefore has no providers, like a deployment that never accepted one.',
            path,
            d.pushProblem.text,
          ),
    );
  } else if (d.source === 'auth.config') {
    notes.push(
      vscode.l10n.t(
        'The stand-in deployment (Convex’s rules) has the providers of your {0}, unchanged: {1}.',
        path,
        d.providers
          .map((p) => `${p.type === 'customJwt' ? 'customJwt ' : ''}${p.domain ?? '?'} / ${p.applicationID ?? 'none'}`)
          .join('; '),
      ),
    );
  } else {
    notes.push(
      vscode.l10n.t(
        'This workspace has no convex/auth.config, so the stand-in deployment has the official provider: domain {0}, applicationID “convex”.',
        model.issuerUrl,
      ),
    );
  }
  for (const a of d.assumptions) notes.push(vscode.l10n.t('Assumed: {0}.', a));
  return notes;
}
