// Entry of the lazily loaded analysis bundle (parser + rules + project readers). Re-exports only.
export { analyse, emptyFacts } from '../analysis/analyse';
export { convexFolder } from '../analysis/convexFunctions';
export { readAuthConfig } from '../analysis/authConfig';
export { planSandwich, providerFileText } from '../snippets/sandwich';
export { planIdentityGuard } from '../snippets/identityGuard';
export { serveAnalysis } from '../worker/serve';
export { warmUp } from '../worker/warmUp';
