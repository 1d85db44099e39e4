// The one message protocol between the token-flow panel's host (src/features/tokenPanel) and its webview
// (src/webview). Both sides import these types; the host runs `parseWebviewMessage` (parseMessage.ts) on every
// message it receives and acts only on what it returns, and builds its views with hostViews.ts.
import type { ScenarioId, StageResult } from '../exercise/types';
import type { PredictionStrings } from './prediction';
import type { CheckStatus, ClerkMode, FlowStage, HiddenCharacter, TokenCheck } from '../token/types';
import type { DisplayValue } from './displayValue';

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
  /** The prediction asked before the exercise runs, and the lesson's closing line (src/protocol/prediction.ts). */
  prediction: PredictionStrings;
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

export interface RunView {
  scenario: ScenarioId;
  userName?: string;
  request: { method: string; url: string; headers: [string, string][]; body: DisplayValue };
  /** The exercise's own stage results: the same shape crosses to the webview. */
  stages: StageResult[];
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
  what: 'report' | 'cleared' | 'verified' | 'exercise' | 'ownFunction' | 'deployment';
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
  | { type: 'ownFunctionCommand'; caller: 'A' | 'B'; action: 'copy' | 'terminal' }
  | { type: 'askDeployment'; id: string }
  | { type: 'runOnDeployment'; id: string; path: string; args: string };

/** Serialised with the panel for restoring after a reload: layout only, never the token. */
export interface PanelState {
  view: PanelView;
}

/** Pasted text above this is refused by the host without being looked at (the decoder's own limit is lower). */
export const MAX_MESSAGE_TEXT = 4 * 1024 * 1024;
/** Arguments the learner edits for their function: JSON, far below Convex's 8 MiB argument limit. */
export const MAX_ARGS_TEXT = 64 * 1024;

/** Replaces `{0}`, `{1}`… in a host-provided template; the webview's only string formatting. */
export function format(template: string, ...args: string[]): string {
  return template.replace(/\{(\d+)\}/g, (m, i: string) => args[Number(i)] ?? m);
}
