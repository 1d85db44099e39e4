// The one message protocol between the token-flow panel's host (src/features/tokenPanel) and its webview
// (src/webview). Both sides import these types; the host runs `parseWebviewMessage` on every message it receives
// and acts only on what it returns.
import { SCENARIOS, type ScenarioId, type ScenarioRun } from '../handoff/types';
import {
  FLOW_STAGES,
  type CheckStatus,
  type ClerkMode,
  type FlowStage,
  type HiddenCharacter,
  type TokenCheck,
  type TokenReport,
} from '../token/types';
import {
  MAX_DISPLAY_DEPTH,
  MAX_DISPLAY_NODES,
  toDisplayValue,
  type DisplayBudget,
  type DisplayValue,
} from './displayValue';

export type PanelView = 'token' | 'exercise';
export const PANEL_VIEWS: readonly PanelView[] = ['token', 'exercise'];

/** Every text the webview shows that is not data: localised by the host and sent once, in `init`. */
export interface PanelStrings {
  tabToken: string;
  tabExercise: string;
  diagramTitle: string;
  stageLabels: Record<FlowStage, string>;
  statusWords: Record<CheckStatus | 'pending' | 'unchecked', string>;
  /** Note on the identity stage when the token would be accepted. */
  identityPredicted: string;
  /** Note on the verify stage while only the local checks (expiry, algorithm) have run. */
  signatureNotChecked: string;
  /** `{0}` = stage label; the error text is shown beside it. */
  stoppedAt: string;
  allPassed: string;
  pasteLabel: string;
  pastePlaceholder: string;
  decode: string;
  clear: string;
  verify: string;
  verifyHint: string;
  verifying: string;
  verifyUntrusted: string;
  /** `{0}` = the list of what normalisation removed. */
  normalised: string;
  /** `{0}` = where hidden characters were found ("claims.name U+202E right-to-left override, …"). */
  hiddenFound: string;
  tokenParts: string;
  checksTitle: string;
  headerTitle: string;
  claimsTitle: string;
  claimColumn: string;
  valueColumn: string;
  meaningColumn: string;
  identityTitle: string;
  identityNone: string;
  modeTitle: string;
  modes: Record<ClerkMode, string>;
  projectTitle: string;
  convexSays: string;
  emptyHint: string;
  cleared: string;
  moreDepth: string;
  moreSize: string;
  /** `{0}` = how many items, entries or characters are not shown. */
  moreCount: string;
  /** Button beside a value shown cut: copies the whole value as JSON. */
  copyValue: string;
  copied: string;
  /** `{0}` = the pasted size in MiB, `{1}` = the limit in MiB. */
  pasteTooLarge: string;
  exerciseIntro: string;
  runIt: string;
  runItHint: string;
  scenarioLabels: Record<ScenarioId, string>;
  scenarioHints: Record<ScenarioId, string>;
  requestTitle: string;
  responseTitle: string;
  stagesTitle: string;
  noAuthorization: string;
  /** `{0}` = the sample user's name. */
  signedInAs: string;
  running: string;
  scenariosLabel: string;
}

export interface ClaimRow {
  name: string;
  value: DisplayValue;
  explanation?: string;
  time?: { iso: string; relative: string };
  /** The whole value as JSON text when `value` is shown cut. */
  full?: string;
}

/** A TokenReport made safe to post: untrusted values become bounded display trees. */
export interface ReportView {
  token: string;
  removed: string[];
  hidden: HiddenCharacter[];
  header?: ClaimRow[];
  claims?: ClaimRow[];
  checks: TokenCheck[];
  failedStage?: FlowStage;
  identity?: DisplayValue;
  clerkMode: ClerkMode;
}

export interface ProjectCheckView {
  id: string;
  status: CheckStatus;
  title: string;
  detail: string;
  /** A command line the learner can copy, e.g. `npx convex env set CLERK_JWT_ISSUER_DOMAIN …`. */
  command?: string;
}

export interface StageView {
  stage: FlowStage;
  status: CheckStatus;
  label: string;
  detail: string;
}

export interface RunView {
  scenario: ScenarioId;
  userName?: string;
  request: { method: string; url: string; headers: [string, string][]; body: DisplayValue };
  stages: StageView[];
  response: { status: number; body: DisplayValue; error?: string };
}

/** The exercise's second half: the learner's own function, run as anonymous, A and B. Texts come localised. */
export interface OwnCallView {
  caller: 'anonymous' | 'A' | 'B';
  /** Which argument set the call used (index into the result's `argSets`). */
  set: number;
  title: string;
  /** unknown: the exercise could not tell, and `message` says why. */
  verdict: 'pass' | 'fail' | 'unknown';
  message: string;
  /** The arguments as sent. */
  args: DisplayValue;
  request?: { method: string; url: string; headers: [string, string][]; body: DisplayValue };
  response?: { status: number; body: DisplayValue };
  /** What the real client returned, or the error it threw. */
  client: { ok: true; value: DisplayValue } | { ok: false; error: string };
}

export interface OwnFunctionView {
  /** untrusted: Restricted Mode; unavailable: no Node host, no local folder or no convex/ functions; ready/running/ran/not-run. */
  state: 'untrusted' | 'unavailable' | 'ready' | 'running' | 'ran' | 'not-run';
  /** Why it cannot run, or what stopped it (localised). */
  message?: string;
  functions: { path: string; label: string }[];
  selected?: string;
  /**
   * The arguments of the selected function as the attacker fills them, with placeholders for A's data ("$A.subject",
   * "$A.row:notes", "$A.field:userId"), prefilled from its validator; editable. `edited` when they are the learner's.
   */
  args?: { path: string; text: string; edited: boolean };
  result?: {
    verdict: 'pass' | 'fail' | 'unknown';
    /** The walkthrough's step ticks on this: a clean verdict and none of the lesson's mistakes in the function. */
    passed: boolean;
    summary: string;
    seeded: string;
    /** The argument sets tried, with why one could not be filled. */
    argSets: { label: string; text: string; missing?: string }[];
    /** The lesson's mistakes seen in the function's source, when it did not pass. */
    hints: string[];
    calls: OwnCallView[];
    commands: { caller: 'A' | 'B'; label: string; command: string }[];
  };
  labels: {
    title: string;
    intro: string;
    pick: string;
    run: string;
    cancel: string;
    trust: string;
    copy: string;
    terminal: string;
    args: string;
    argsHint: string;
    argsReset: string;
    argSet: string;
    /** The word for a call whose verdict is "could not tell". */
    unknown: string;
    request: string;
    response: string;
    clientGot: string;
    clientThrew: string;
    commandsTitle: string;
    commandsHint: string;
  };
}

/** The panel's whole state, owned by the host and sent whole when the page (re)loads (see panelState.ts). */
export interface PanelSnapshot {
  view: PanelView;
  animate: boolean;
  trusted: boolean;
  report?: ReportView;
  /** A verification is under way. */
  verifying: boolean;
  verified?: { checks: TokenCheck[]; failedStage?: FlowStage };
  project?: ProjectCheckView[];
  exercise: { setup?: string[]; running?: ScenarioId; runs?: RunView[] };
  own?: OwnFunctionView;
  /** The last notice, for the page's live region. */
  notice?: { level: 'info' | 'error'; text: string };
  /** Slices of sections that register themselves (key → their own state). */
  sections: Record<string, unknown>;
}

export type HostMessage =
  | {
      type: 'init';
      strings: PanelStrings;
      view: PanelView;
      animate: boolean;
      trusted: boolean;
      scenarios: ScenarioId[];
    }
  | { type: 'settings'; animate: boolean; trusted: boolean }
  | { type: 'showView'; view: PanelView }
  | { type: 'report'; report: ReportView }
  | { type: 'cleared' }
  | { type: 'project'; checks: ProjectCheckView[] }
  | { type: 'verifying' }
  | { type: 'verified'; checks: TokenCheck[]; failedStage?: FlowStage }
  | { type: 'exerciseSetup'; notes: string[] }
  | { type: 'exerciseRunning'; scenario: ScenarioId }
  | { type: 'exerciseRuns'; runs: RunView[] }
  | { type: 'notice'; level: 'info' | 'error'; text: string }
  | { type: 'ownFunction'; view: OwnFunctionView }
  /** The whole state, answering `ready`: the page draws from it instead of a replay. */
  | { type: 'state'; state: PanelSnapshot }
  /** A registered section's slice changed. */
  | { type: 'section'; key: string; state: unknown };

/** What the webview reports having drawn; the host keeps the last one for tests (`lastRender`). */
export interface RenderedSummary {
  what: 'report' | 'cleared' | 'verified' | 'exercise' | 'ownFunction';
  /** Stage marked as where the flow stops, when it stops early. */
  stoppedAt?: FlowStage;
  /** Rows drawn: claims for a report, runs for the exercise, checks for a verification. */
  rows: number;
}

export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'decode'; text: string }
  | { type: 'clear' }
  | { type: 'verify' }
  | { type: 'runScenario'; scenario: ScenarioId }
  | { type: 'runExercise' }
  | { type: 'rendered'; summary: RenderedSummary }
  /** `args`: the learner's edited arguments (JSON text), absent when they kept the prefilled ones. */
  | { type: 'runOwnFunction'; path: string; args?: string }
  | { type: 'cancelOwnFunction' }
  | { type: 'trustWorkspace' }
  | { type: 'ownFunctionCommand'; caller: 'A' | 'B'; action: 'copy' | 'terminal' };

/** Serialised with the panel for restoring after a reload: layout only, never the token. */
export interface PanelState {
  view: PanelView;
}

const STAGES = FLOW_STAGES;
const SCENARIO_IDS = SCENARIOS;
/** A Convex function path as the exercise lists it: "messages:list", "folder/file:name". */
const FUNCTION_PATH = /^[\w./-]{1,200}:[\w$]{1,100}$/;
/** Pasted text above this is refused by the host without being looked at (the decoder's own limit is lower). */
export const MAX_MESSAGE_TEXT = 4 * 1024 * 1024;
/** Arguments the learner edits for their function: JSON, far below Convex's 8 MiB argument limit. */
export const MAX_ARGS_TEXT = 64 * 1024;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function hasExactly(o: Record<string, unknown>, keys: readonly string[]): boolean {
  const own = Object.keys(o);
  return own.length === keys.length && keys.every((k) => Object.prototype.hasOwnProperty.call(o, k));
}

function isOneOf<T extends string>(v: unknown, allowed: readonly T[]): v is T {
  return typeof v === 'string' && (allowed as readonly string[]).includes(v);
}

function parseSummary(v: unknown): RenderedSummary | undefined {
  if (!isPlainObject(v)) return undefined;
  const keys = 'stoppedAt' in v ? ['what', 'stoppedAt', 'rows'] : ['what', 'rows'];
  if (!hasExactly(v, keys)) return undefined;
  if (!isOneOf(v.what, ['report', 'cleared', 'verified', 'exercise', 'ownFunction'] as const)) return undefined;
  if (typeof v.rows !== 'number' || !Number.isInteger(v.rows) || v.rows < 0) return undefined;
  if ('stoppedAt' in v && !isOneOf(v.stoppedAt, STAGES)) return undefined;
  return 'stoppedAt' in v
    ? { what: v.what, stoppedAt: v.stoppedAt as FlowStage, rows: v.rows }
    : { what: v.what, rows: v.rows };
}

/**
 * The host's gate: returns a fresh, well-typed copy of a known message, or undefined for anything else
 * (unknown type, missing or extra fields, wrong types). Callers drop undefined without acting on it.
 */
export function parseWebviewMessage(raw: unknown): WebviewMessage | undefined {
  if (!isPlainObject(raw) || typeof raw.type !== 'string') return undefined;
  switch (raw.type) {
    case 'ready':
    case 'clear':
    case 'verify':
    case 'runExercise':
      return hasExactly(raw, ['type']) ? { type: raw.type } : undefined;
    case 'decode':
      return hasExactly(raw, ['type', 'text']) && typeof raw.text === 'string' && raw.text.length <= MAX_MESSAGE_TEXT
        ? { type: 'decode', text: raw.text }
        : undefined;
    case 'runScenario':
      return hasExactly(raw, ['type', 'scenario']) && isOneOf(raw.scenario, SCENARIO_IDS)
        ? { type: 'runScenario', scenario: raw.scenario }
        : undefined;
    case 'trustWorkspace':
      return hasExactly(raw, ['type']) ? { type: raw.type } : undefined;
    case 'runOwnFunction': {
      const keys = 'args' in raw ? ['type', 'path', 'args'] : ['type', 'path'];
      if (!hasExactly(raw, keys) || typeof raw.path !== 'string' || !FUNCTION_PATH.test(raw.path)) return undefined;
      if ('args' in raw && (typeof raw.args !== 'string' || raw.args.length > MAX_ARGS_TEXT)) return undefined;
      return typeof raw.args === 'string'
        ? { type: 'runOwnFunction', path: raw.path, args: raw.args }
        : { type: 'runOwnFunction', path: raw.path };
    }
    case 'cancelOwnFunction':
      return hasExactly(raw, ['type']) ? { type: 'cancelOwnFunction' } : undefined;
    case 'ownFunctionCommand':
      return hasExactly(raw, ['type', 'caller', 'action']) &&
        isOneOf(raw.caller, ['A', 'B'] as const) &&
        isOneOf(raw.action, ['copy', 'terminal'] as const)
        ? { type: 'ownFunctionCommand', caller: raw.caller, action: raw.action }
        : undefined;
    case 'rendered': {
      if (!hasExactly(raw, ['type', 'summary'])) return undefined;
      const summary = parseSummary(raw.summary);
      return summary ? { type: 'rendered', summary } : undefined;
    }
    default:
      return undefined;
  }
}

/** The restore path gets whatever was serialised; anything but a known view falls back to the token view. */
export function parsePanelState(raw: unknown): PanelState {
  return isPlainObject(raw) && isOneOf(raw.view, PANEL_VIEWS) ? { view: raw.view } : { view: 'token' };
}

/** Claim (or header) rows drawn; the rest is one row saying how many are not shown. */
export const MAX_CLAIM_ROWS = 200;

function capRows<T>(items: readonly T[], row: (item: T) => ClaimRow): ClaimRow[] {
  const rows = items.slice(0, MAX_CLAIM_ROWS).map(row);
  if (items.length > MAX_CLAIM_ROWS)
    rows.push({ name: '…', value: { k: 'more', reason: 'size', count: items.length - MAX_CLAIM_ROWS } });
  return rows;
}

function claimRows(claims: NonNullable<TokenReport['claims']>, budget: DisplayBudget): ClaimRow[] {
  return capRows(claims, (c) => ({
    name: c.name,
    value: toDisplayValue(c.value, MAX_DISPLAY_DEPTH, budget),
    ...(c.explanation !== undefined ? { explanation: c.explanation } : {}),
    ...(c.time ? { time: { iso: c.time.iso, relative: c.time.relative } } : {}),
    ...(c.full !== undefined ? { full: c.full } : {}),
  }));
}

export function toReportView(report: TokenReport): ReportView {
  // One node budget for the whole report: claims first, then header and identity.
  const budget: DisplayBudget = { nodes: MAX_DISPLAY_NODES };
  const claims = report.claims ? claimRows(report.claims, budget) : undefined;
  const header = report.header
    ? capRows(Object.keys(report.header), (name) => ({
        name,
        value: toDisplayValue(report.header?.[name], MAX_DISPLAY_DEPTH, budget),
      }))
    : undefined;
  return {
    token: report.input.token,
    removed: [...report.input.removed],
    hidden: (report.hiddenCharacters ?? []).map((c) => ({ path: c.path, codePoint: c.codePoint, name: c.name })),
    ...(header ? { header } : {}),
    ...(claims ? { claims } : {}),
    checks: report.checks.map((c) => ({ ...c })),
    ...(report.failedStage ? { failedStage: report.failedStage } : {}),
    ...(report.identity ? { identity: toDisplayValue(report.identity, MAX_DISPLAY_DEPTH, budget) } : {}),
    clerkMode: report.clerkMode,
  };
}

export function toRunView(run: ScenarioRun): RunView {
  return {
    scenario: run.scenario,
    ...(run.user ? { userName: run.user.name } : {}),
    request: {
      method: run.request.method,
      url: run.request.url,
      headers: Object.keys(run.request.headers).map((k) => [k, String(run.request.headers[k])]),
      body: toDisplayValue(run.request.body),
    },
    stages: run.stages.map((s) => ({ stage: s.stage, status: s.status, label: s.label, detail: s.detail })),
    response: {
      status: run.response.status,
      body: toDisplayValue(run.response.body),
      ...(run.response.error !== undefined ? { error: run.response.error } : {}),
    },
  };
}

/** Replaces `{0}`, `{1}`… in a host-provided template; the webview's only string formatting. */
export function format(template: string, ...args: string[]): string {
  return template.replace(/\{(\d+)\}/g, (m, i: string) => args[Number(i)] ?? m);
}
