import { loadCrypto, panelCore } from '../../lazy';
import { resolveProviders } from '../../project/resolveProviders';
import type { ProjectSnapshot } from '../../project/types';
import type { ResolvedProvider, TokenReport } from '../../token/types';
import type { FeatureContext } from '../api';
import { ProgressStore } from '../walkthrough/progressStore';

/**
 * A pasted token checked against the project, the one way the panel and the language-model tool both do it: the
 * providers of its auth.config (domains resolved from local env files), its publishable key's Clerk instance,
 * and the stale-session note when the lesson is set up for Clerk's Convex integration.
 */
export async function analyseInProject(
  ctx: FeatureContext,
  text: string,
  snapshot: ProjectSnapshot,
): Promise<{ report: TokenReport; providers: ResolvedProvider[] | undefined; staleSession: boolean }> {
  const { analyseToken } = await loadCrypto();
  const providers = snapshot.authConfigs.length > 0 ? resolveProviders(snapshot) : undefined;
  const report = analyseToken(text, {
    ...(providers ? { providers } : {}),
    ...(snapshot.publishableKeyInfo ? { publishableKeyHost: snapshot.publishableKeyInfo.host } : {}),
    nowMs: Date.now(),
  });
  const stale = panelCore().staleSessionCheck(report.clerkMode, {
    lessonMode: new ProgressStore(ctx.extension).clerkMode,
    providers,
  });
  if (stale) report.checks.push(stale);
  return { report, providers, staleSession: stale !== undefined };
}
