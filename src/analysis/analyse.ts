// The analyzer's entry: parse, scan once, run the rules, derive the facts the walkthrough ticks from.
// It never throws: a file Babel cannot read yields no findings; a rule that throws loses only its own findings.
import { readsLikeConvexAuthConfig } from '../project/authConfigName';
import { isAuthConfigFile } from './prefilter';
import type { File } from '@babel/types';
import { isStackOverflow, parseOutcome } from './parse';
import { tooDeepFinding } from './tooDeep';
import { authConfigRules } from './rules/authConfig';
import { authHookRules, CONVEX_GATES } from './rules/authHooks';
import { clerkGateRules } from './rules/clerkGate';
import { exportedBehaviour } from './rules/exported';
import { identityRules } from './rules/identity';
import { identityFromArgsRules } from './rules/identityFromArgs';
import { nextRules } from './rules/nextjs';
import { providerRules } from './rules/providers';
import { querySites } from './rules/queryBeforeAuth';
import { authenticatedChildrenFacts, wrapsInAuthenticated } from './rules/authenticatedChildren';
import { layoutGate } from './rules/layoutGate';
import { misplacedAuthConfig } from './rules/misplacedAuthConfig';
import { layoutSites, routeCall } from './rules/layoutClerkGate';
import { readRouteConfig } from './reactRouterRoutes';
import { layoutGateFindings } from './layoutGateJoin';
import { joinedFindings, queryBeforeAuthFindings, withoutOpenGates } from './crossFile';
import { projectHookNames } from './componentContext';
import { sessionSites } from './rules/sessionSwitch';
import { renderSites } from './rules/renderSites';
import { openFunctions } from './rules/identityHelpers';
import { serverRenderingRules } from './rules/serverRendering';
import { tanstackServerRules } from './rules/tanstackServer';
import { carriesClerkToken, classifyProviders, providerTree, type RuleContext } from './rules/shared';
import { RULES } from './ruleCatalog';
import { scanFile } from './scan';
import { outermostFn } from './scanRecords';
import type {
  AnalysisContext,
  ExportedIdentityHelper,
  FileAnalysis,
  FileFacts,
  IdentityFunction,
  LayoutSite,
  QuerySite,
  ServerSite,
  SessionSite,
} from './types';

export function emptyFacts(): FileFacts {
  return {
    sandwichCorrect: false,
    rendersConvexProviderWithClerk: false,
    exportsConvexProviderComponents: [],
    readsIdentityCorrectly: false,
    gatesWithConvexAuth: false,
  };
}

function componentFacts(rc: RuleContext, facts: FileFacts): void {
  const { scan, providers } = rc;
  const orderError = rc.findings.some((f) => f.code === RULES.providerOrder.code);
  facts.sandwichCorrect =
    !orderError && providers.some((w) => carriesClerkToken(w.kind) && rc.tree.clerkAbove.has(w.el));
  facts.rendersConvexProviderWithClerk = providers.some((k) => k.kind === 'convexWithClerk');

  const exported = new Set<string>();
  for (const { el, kind } of providers) {
    if (kind !== 'convexWithClerk') continue;
    const component = outermostFn(el.fn);
    if (!component) continue;
    if (component.node === scan.defaultExportedFunction) exported.add('default');
    for (const name of component.name ? (scan.exportsByLocal.get(component.name) ?? []) : []) exported.add(name);
  }
  facts.exportsConvexProviderComponents = [...exported];

  const behaviour = exportedBehaviour(rc);
  if (behaviour) facts.exported = behaviour;

  const outside = rc.findings.some((f) => f.code === RULES.convexAuthOutsideProvider.code);
  const gates =
    scan.hookCalls.some((c) => c.canonical === 'useConvexAuth' && c.binding?.source === 'convex/react') ||
    scan.elements.some((el) => CONVEX_GATES.has(el.canonical) && el.binding?.source === 'convex/react');
  facts.gatesWithConvexAuth = gates && !outside;
}

/**
 * An auth.config the auth.config rules read: one in the functions folder (or any `convex/` folder when the
 * project is unknown), or one elsewhere that reads like Convex's (NextAuth has an auth.config.ts too).
 */
function isConvexAuthConfig(fileName: string, text: string, context: AnalysisContext): boolean {
  if (!isAuthConfigFile(fileName)) return false;
  const dir = fileName.replace(/\\/g, '/').replace(/\/?[^/]*$/, '');
  const functionsDir = context.project?.convexLayout?.functionsDir ?? 'convex';
  const inFunctionsDir = functionsDir === '' ? dir === '' : dir === functionsDir || dir.endsWith(`/${functionsDir}`);
  return inFunctionsDir || readsLikeConvexAuthConfig(text);
}

type RuleErrors = NonNullable<FileAnalysis['ruleErrors']>;

/** Runs one rule; if it throws, its findings are dropped and the failure recorded, and the other rules still run. */
function runRule<T>(rc: RuleContext, errors: RuleErrors, name: string, rule: (rc: RuleContext) => T, fallback: T): T {
  const before = rc.findings.length;
  try {
    if (rc.context.failRule === name) throw new Error(`failure injected into rule "${name}"`);
    return rule(rc);
  } catch (err) {
    rc.findings.length = before;
    errors.push({ rule: name, message: err instanceof Error ? err.message : String(err) });
    return fallback;
  }
}

export function analyse(fileName: string, text: string, context: AnalysisContext = {}): FileAnalysis {
  try {
    const parsed = parseOutcome(fileName, text);
    if (parsed.failure === 'too-deep') return { findings: [tooDeepFinding(text)], facts: emptyFacts() };
    if (!parsed.file) return { findings: [], facts: emptyFacts() };
    return analyseParsed(fileName, text, parsed.file, context);
  } catch (err) {
    return { findings: isStackOverflow(err) ? [tooDeepFinding(text)] : [], facts: emptyFacts() };
  }
}

/** The analysis of an already parsed file (the tests time it apart from Babel's parse). */
export function analyseParsed(fileName: string, text: string, file: File, context: AnalysisContext = {}): FileAnalysis {
  try {
    const hookNames = projectHookNames(context);
    const wrappers = hookNames.length ? new Set(hookNames) : undefined;
    const scan = scanFile(fileName, text, file, undefined, wrappers);
    const providers = classifyProviders(scan, context);
    const rc: RuleContext = {
      scan,
      context,
      findings: [],
      providers,
      tree: providerTree(scan, providers),
      answers: new Map(),
    };
    const facts = emptyFacts();
    const errors: RuleErrors = [];
    let querySitesFound: QuerySite[] = [];
    let sessionSitesFound: SessionSite[] = [];
    let serverSitesFound: ServerSite[] = [];
    let layoutSitesFound: LayoutSite[] = [];
    if (isConvexAuthConfig(fileName, text, context)) {
      runRule(rc, errors, 'authConfig', authConfigRules, undefined);
    } else {
      runRule(rc, errors, 'providers', providerRules, undefined);
      runRule(rc, errors, 'nextjs', nextRules, undefined);
      runRule(rc, errors, 'authHooks', authHookRules, undefined);
      if (runRule(rc, errors, 'misplacedAuthConfig', misplacedAuthConfig, false)) facts.misplacedAuthConfig = true;
      runRule(
        rc,
        errors,
        'clerkGate',
        (r) => {
          clerkGateRules(r);
          if (r.gateCallSites?.length)
            r.findings.push(...joinedFindings({ gateCallSites: r.gateCallSites }, r.context.identityFunctions ?? []));
        },
        undefined,
      );
      serverSitesFound = runRule(
        rc,
        errors,
        'serverRendering',
        (r) => {
          const found = serverRenderingRules(r);
          if (found.length === 0) return found;
          const { identityFunctions = [], openFunctions: open = [] } = r.context;
          r.findings.push(...joinedFindings({ serverSites: found }, identityFunctions, open));
          return found;
        },
        [],
      );
      runRule(rc, errors, 'tanstackServer', tanstackServerRules, undefined);
      // The functions list is built inside the rule so that a rule that throws drops its facts with its findings.
      const identity = runRule(
        rc,
        errors,
        'identity',
        (r) => {
          const functions: IdentityFunction[] = [];
          const helpers: ExportedIdentityHelper[] = [];
          return { reads: identityRules(r, functions, helpers), functions, helpers, open: openFunctions(r.scan) };
        },
        { reads: 0, functions: [] as IdentityFunction[], helpers: [] as ExportedIdentityHelper[], open: [] },
      );
      const identityFree = runRule(rc, errors, 'identityFromArgs', identityFromArgsRules, []);
      facts.readsIdentityCorrectly = identity.reads > 0 && !rc.findings.some((f) => f.lessonStep === 'identity');
      if (identity.functions.length) facts.identityFunctions = identity.functions;
      if (identity.open.length) facts.openFunctions = identity.open;
      querySitesFound = runRule(
        rc,
        errors,
        'queryBeforeAuth',
        (r) => {
          const found = querySites(r);
          r.findings.push(...queryBeforeAuthFindings(found, r.context.identityFunctions ?? []));
          return found;
        },
        [],
      );
      sessionSitesFound = runRule(
        rc,
        errors,
        'sessionSwitch',
        (r) => {
          const found = sessionSites(r);
          if (found.length === 0) return found;
          const { identityFunctions = [], openFunctions: open = [] } = r.context;
          r.findings.push(...joinedFindings({ sessionSites: found }, identityFunctions, open));
          return found;
        },
        [],
      );
      runRule(rc, errors, 'facts', (r) => componentFacts(r, facts), undefined);
      const routeGate = runRule(rc, errors, 'layoutGate', (r) => layoutGate(r, wrapsInAuthenticated(r)), undefined);
      if (routeGate) facts.routeGate = routeGate;
      const route = runRule(rc, errors, 'routeCall', routeCall, undefined);
      if (route) facts.routeCall = route;
      const config = runRule(rc, errors, 'routeConfig', (r) => readRouteConfig(r.scan), undefined);
      if (config) facts.routeConfig = config;
      layoutSitesFound = runRule(
        rc,
        errors,
        'layoutClerkGate',
        (r) => {
          const found = layoutSites(r);
          if (found.length) r.findings.push(...layoutGateFindings(found, r.context.routeCalls ?? []));
          return found;
        },
        [],
      );
      if (identity.helpers.length) facts.exported = { ...facts.exported, identityHelpers: identity.helpers };
      if (identityFree.length) facts.exported = { ...facts.exported, identityFreeHelpers: identityFree };
      const wrapping = runRule(rc, errors, 'authenticatedChildren', authenticatedChildrenFacts, []);
      if (wrapping.length) facts.exported = { ...facts.exported, authenticatedChildren: wrapping };
      const renders = runRule(rc, errors, 'renderSites', renderSites, []);
      if (renders.length) facts.renders = renders;
    }
    const overflowed = errors.filter((e) => /call stack/i.test(e.message)).map((e) => e.rule);
    if (overflowed.length) rc.findings.push(tooDeepFinding(text, overflowed));
    rc.findings.sort((a, b) => a.start - b.start || a.end - b.end);
    const result: FileAnalysis = { findings: rc.findings, facts };
    if (querySitesFound.length) result.querySites = querySitesFound;
    if (sessionSitesFound.length) result.sessionSites = sessionSitesFound;
    if (serverSitesFound.length) result.serverSites = serverSitesFound;
    if (layoutSitesFound.length) result.layoutSites = layoutSitesFound;
    if (rc.gateCallSites?.length) result.gateCallSites = rc.gateCallSites;
    if (rc.gateSites?.length) {
      result.gateSites = rc.gateSites;
      // A function known to read no identity answers the same with or without the token (the index joins this later).
      result.findings = withoutOpenGates(result.findings, rc.gateSites, context.openFunctions ?? []);
    }
    if (errors.length) result.ruleErrors = errors;
    return result;
  } catch (err) {
    return {
      findings: isStackOverflow(err) ? [tooDeepFinding(text)] : [],
      facts: emptyFacts(),
      ruleErrors: [{ rule: 'scan', message: err instanceof Error ? err.message : String(err) }],
    };
  }
}
