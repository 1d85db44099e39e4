// The analyzer's entry: parse, scan once, run the rules, derive the facts the walkthrough ticks from.
// It never throws: a file Babel cannot read, or any surprise inside a rule, yields no findings.
import { isAuthConfigFile } from './prefilter';
import type { File } from '@babel/types';
import { parseSource } from './parse';
import { authConfigRules } from './rules/authConfig';
import { authHookRules, CONVEX_GATES } from './rules/authHooks';
import { identityRules } from './rules/identity';
import { nextRules } from './rules/nextjs';
import { providerRules } from './rules/providers';
import { queryBeforeAuthRules } from './rules/queryBeforeAuth';
import { serverRenderingRules } from './rules/serverRendering';
import { carriesClerkToken, classifyProviders, providerTree, type RuleContext } from './rules/shared';
import { RULES } from './ruleCatalog';
import { outermostFn, scanFile } from './scan';
import type { AnalysisContext, FileAnalysis, FileFacts, IdentityFunction } from './types';

export function emptyFacts(): FileFacts {
  return { sandwichCorrect: false, rendersConvexProviderWithClerk: false, exportsConvexProviderComponents: [], readsIdentityCorrectly: false, gatesWithConvexAuth: false };
}

function componentFacts(rc: RuleContext, facts: FileFacts): void {
  const { scan, providers } = rc;
  const orderError = rc.findings.some((f) => f.code === RULES.providerOrder.code);
  facts.sandwichCorrect = !orderError && providers.some((w) => carriesClerkToken(w.kind) && rc.tree.clerkAbove.has(w.el));
  facts.rendersConvexProviderWithClerk = providers.some((k) => k.kind === 'convexWithClerk');

  const exported = new Set<string>();
  for (const { el, kind } of providers) {
    if (kind !== 'convexWithClerk') continue;
    const component = outermostFn(el.fn);
    if (!component) continue;
    if (component.node === scan.defaultExportedFunction) exported.add('default');
    for (const name of component.name ? scan.exportsByLocal.get(component.name) ?? [] : []) exported.add(name);
  }
  facts.exportsConvexProviderComponents = [...exported];

  const outside = rc.findings.some((f) => f.code === RULES.convexAuthOutsideProvider.code);
  const gates = scan.hookCalls.some((c) => c.canonical === 'useConvexAuth' && c.binding?.source === 'convex/react')
    || scan.elements.some((el) => CONVEX_GATES.has(el.canonical) && el.binding?.source === 'convex/react');
  facts.gatesWithConvexAuth = gates && !outside;
}

export function analyze(fileName: string, text: string, context: AnalysisContext = {}): FileAnalysis {
  try {
    const file = parseSource(fileName, text);
    if (!file) return { findings: [], facts: emptyFacts() };
    return analyzeParsed(fileName, text, file, context);
  } catch {
    return { findings: [], facts: emptyFacts() };
  }
}

/** The analysis of an already parsed file (the tests time it apart from Babel's parse). */
export function analyzeParsed(fileName: string, text: string, file: File, context: AnalysisContext = {}): FileAnalysis {
  try {
    const scan = scanFile(fileName, text, file);
    const providers = classifyProviders(scan, context);
    const rc: RuleContext = { scan, context, findings: [], providers, tree: providerTree(scan, providers) };
    const facts = emptyFacts();
    if (isAuthConfigFile(fileName)) {
      authConfigRules(rc);
    } else {
      providerRules(rc);
      nextRules(rc);
      authHookRules(rc);
      serverRenderingRules(rc);
      const identityFunctions: IdentityFunction[] = [];
      facts.readsIdentityCorrectly = identityRules(rc, identityFunctions) > 0 && !rc.findings.some((f) => f.lessonStep === 'identity');
      if (identityFunctions.length) facts.identityFunctions = identityFunctions;
      queryBeforeAuthRules(rc);
      componentFacts(rc, facts);
    }
    rc.findings.sort((a, b) => a.start - b.start || a.end - b.end);
    return { findings: rc.findings, facts };
  } catch {
    return { findings: [], facts: emptyFacts() };
  }
}
