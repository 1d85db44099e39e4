// Measured workspace state → the lesson's checks: which pass right now, and for each one that does not, why
// and where to fix it. Pure: the walkthrough feature turns the result into context keys, words and links.
import type { FileFacts, Finding } from '../analysis/types';
import { RULES } from '../analysis/ruleCatalog';
import { readDomain } from '../project/domain';
import type { AuthConfigInfo, AuthProviderEntry, ProjectSnapshot } from '../project/types';
import { CHECK_IDS, type CheckId } from './keys';
import type { LessonProgress } from './progress';

/** One analysed source file, as the diagnostics feature reports it. */
export interface MeasuredFile {
  /** Workspace-relative path, for display. */
  path: string;
  /** Absolute URI string, for links. */
  uri: string;
  facts: FileFacts;
  findings: readonly Finding[];
}

export interface UnmeasuredFile {
  path: string;
  reason: string;
}

export interface MeasuredWorkspace {
  /** Undefined until the workspace's source files have been analysed. */
  files?: readonly MeasuredFile[];
  /** Source files whose analysis could not tell (too costly, the worker unavailable), with why. */
  unmeasured?: readonly UnmeasuredFile[];
  /** Undefined until the project (auth.config, env, package.json) has been read. */
  project?: ProjectSnapshot;
}

export type FixTarget =
  { kind: 'location'; uri: string; path: string; start: number; end: number } | { kind: 'command'; command: string };

export type MissingReason =
  /** The analyzer reported a problem that this step teaches (its finding's `lessonStep`). */
  | { kind: 'finding'; finding: Finding; path: string }
  | { kind: 'noSandwich' }
  | { kind: 'noAuthConfig' }
  | { kind: 'duplicateAuthConfig'; paths: string[] }
  | { kind: 'unreadableAuthConfig'; path: string; problem: string }
  | { kind: 'noProviders'; path: string }
  | { kind: 'providerMissing'; path: string; field: 'domain' | 'applicationID' }
  | { kind: 'domainNotIssuer'; path: string; domain: string }
  | { kind: 'noIdentityRead' }
  | { kind: 'noConvexAuthGate' }
  | { kind: 'exercisePending'; anonymous: boolean; valid: boolean; ownFunction?: boolean }
  | { kind: 'tokenNotDecoded' };

export type LessonCheck =
  | { id: CheckId; status: 'pass' }
  /**
   * Not measured yet (the analysis has not run), or not measurable: files the step depends on could not be
   * analysed (`unmeasured`). Neither passing nor reported missing.
   */
  | { id: CheckId; status: 'unknown'; unmeasured?: readonly UnmeasuredFile[] }
  | { id: CheckId; status: 'missing'; reason: MissingReason; fix?: FixTarget };

export const COMMANDS = {
  insertProviderSandwich: 'clerkConvex.insertProviderSandwich',
  createAuthConfig: 'clerkConvex.createAuthConfig',
  addIdentityCheck: 'clerkConvex.addIdentityCheck',
  runExercise: 'clerkConvex.runExercise',
  openTokenPanel: 'clerkConvex.openTokenPanel',
  decodeExerciseToken: 'clerkConvex.decodeExerciseToken',
} as const;

export function evaluateChecks(measured: MeasuredWorkspace, progress: LessonProgress): LessonCheck[] {
  return CHECK_IDS.map((id) => evaluate(id, measured, progress));
}

function evaluate(id: CheckId, measured: MeasuredWorkspace, progress: LessonProgress): LessonCheck {
  switch (id) {
    case 'sandwich':
      return fromFiles(id, measured, (f) => f.sandwichCorrect, { kind: 'noSandwich' }, COMMANDS.insertProviderSandwich);
    case 'authConfig':
      return authConfigCheck(measured);
    case 'identity':
      return fromFiles(
        id,
        measured,
        (f) => f.readsIdentityCorrectly,
        { kind: 'noIdentityRead' },
        COMMANDS.addIdentityCheck,
      );
    case 'authHook':
      return fromFiles(id, measured, (f) => f.gatesWithConvexAuth, { kind: 'noConvexAuthGate' });
    case 'exercise': {
      const { anonymous, valid } = progress.exercise;
      // With convex installed the learner's own function can run, and then it is the exercise that counts.
      const ownNeeded = ownFunctionRunnable(measured);
      const own = progress.ownFunctionPassed === true;
      if (anonymous && valid && (!ownNeeded || own)) return { id, status: 'pass' };
      return missing(
        id,
        { kind: 'exercisePending', anonymous, valid, ...(ownNeeded ? { ownFunction: own } : {}) },
        command(COMMANDS.runExercise),
      );
    }
    case 'decodeToken':
      return progress.tokenDecoded
        ? { id, status: 'pass' }
        : missing(id, { kind: 'tokenNotDecoded' }, command(COMMANDS.decodeExerciseToken));
  }
}

/** The project has convex installed and a functions folder: the exercise can run the learner's own function. */
function ownFunctionRunnable(measured: MeasuredWorkspace): boolean {
  const project = measured.project;
  return Boolean(project?.packages.convexInstalled && project.convexLayout);
}

/**
 * A step passes when some file shows the right pattern AND no file has a problem the step teaches: one
 * correct query does not make a second, unguarded one right. A file whose analysis could not tell may hold either,
 * so while there is one, only a problem found elsewhere is a verdict; pass and "not there yet" are not given.
 */
function fromFiles(
  id: CheckId,
  measured: MeasuredWorkspace,
  shows: (facts: FileFacts) => boolean,
  absent: MissingReason,
  helpCommand?: string,
): LessonCheck {
  const { files, unmeasured = [] } = measured;
  if (!files) return { id, status: 'unknown' };
  const notTold = new Set(unmeasured.map((u) => u.path));
  const problem = firstFinding(
    files.filter((f) => !notTold.has(f.path)),
    id,
  );
  if (problem) return problem;
  if (unmeasured.length > 0) return { id, status: 'unknown', unmeasured };
  if (files.some((f) => shows(f.facts))) return { id, status: 'pass' };
  return missing(id, absent, helpCommand ? command(helpCommand) : undefined);
}

/** Findings that block a step: errors and warnings the analyzer attributes to it (hints only suggest). */
function firstFinding(files: readonly MeasuredFile[], id: CheckId): LessonCheck | undefined {
  for (const file of files) {
    const finding = file.findings.find(
      (f) => f.lessonStep === id && (f.severity === 'error' || f.severity === 'warning'),
    );
    if (finding) {
      return missing(
        id,
        { kind: 'finding', finding, path: file.path },
        { kind: 'location', uri: file.uri, path: file.path, start: finding.start, end: finding.end },
      );
    }
  }
  return undefined;
}

function authConfigCheck(measured: MeasuredWorkspace): LessonCheck {
  const id = 'authConfig';
  const { project, files } = measured;
  if (!project) return { id, status: 'unknown' };
  const configs = project.authConfigs;
  if (configs.length === 0) {
    // A provider list Convex never reads (convex/auth/config.js) is not "written": its finding says where it goes.
    const misplaced = files?.find((f) => f.findings.some((x) => x.code === RULES.authConfigLocation.code));
    const problem = misplaced && firstFinding([misplaced], id);
    return problem || missing(id, { kind: 'noAuthConfig' }, command(COMMANDS.createAuthConfig));
  }
  if (configs.length > 1) {
    const second = configs[1];
    return missing(id, { kind: 'duplicateAuthConfig', paths: configs.map((c) => c.path) }, at(second, 0, 0));
  }
  const config = configs[0];
  if (config.problem !== undefined)
    return missing(id, { kind: 'unreadableAuthConfig', path: config.path, problem: config.problem }, at(config, 0, 0));
  if (files) {
    const problem = firstFinding(files, id);
    if (problem) return problem;
  }
  if (config.providers.length === 0) return missing(id, { kind: 'noProviders', path: config.path }, at(config, 0, 0));
  // Convex needs only one provider to match; report the first one's gap when none is complete.
  if (config.providers.some(isComplete)) return { id, status: 'pass' };
  const first = config.providers[0];
  return missing(id, providerGap(config, first), at(config, first.start, first.end));
}

function isComplete(p: AuthProviderEntry): boolean {
  return p.domain !== undefined && p.applicationID !== undefined && domainProblem(p) === undefined;
}

function providerGap(config: AuthConfigInfo, p: AuthProviderEntry): MissingReason {
  if (p.domain === undefined) return { kind: 'providerMissing', path: config.path, field: 'domain' };
  const bad = domainProblem(p);
  if (bad !== undefined) return { kind: 'domainNotIssuer', path: config.path, domain: bad };
  return { kind: 'providerMissing', path: config.path, field: 'applicationID' };
}

/**
 * The literal domains Convex can never match against a token's `iss`: a discovery or JWKS URL pasted in
 * place of the issuer, or a value carrying its own quotes. Returns the offending value.
 */
function domainProblem(p: AuthProviderEntry): string | undefined {
  if (p.domain?.kind !== 'literal') return undefined;
  const d = readDomain(p.domain.value);
  return d.empty || d.discoveryUrl || d.quoted ? p.domain.value : undefined;
}

function at(config: AuthConfigInfo, start: number, end: number): FixTarget {
  return { kind: 'location', uri: config.uri, path: config.path, start, end };
}

function command(name: string): FixTarget {
  return { kind: 'command', command: name };
}

function missing(id: CheckId, reason: MissingReason, fix: FixTarget | undefined): LessonCheck {
  return fix ? { id, status: 'missing', reason, fix } : { id, status: 'missing', reason };
}

export function passingChecks(checks: readonly LessonCheck[]): CheckId[] {
  return checks.filter((c) => c.status === 'pass').map((c) => c.id);
}
