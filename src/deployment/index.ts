// "Ask my deployment": the learner's own Convex deployment's verdict on a pasted token, beside the panel's
// prediction. Pure (no vscode): which deployments the project names, the call through the real ConvexHttpClient,
// what the answer means, and what a disagreement says about the deployment's config. The call itself
// (./exchange: ConvexHttpClient, 70 KB) is not re-exported here: it loads lazily, from dist/deployment.js.
export {
  deploymentCandidates,
  type DeploymentCandidate,
  type CandidateNote,
  type DeploymentEnvironment,
} from './candidates';
export type { DeploymentExchange, CallOptions } from './exchange';
export { interpretExchange, tokenVerdict, parseProviders, type DeploymentAnswer, type TokenVerdict } from './answer';
export { compare, type Comparison, type ComparisonInput, type TokenFacts } from './compare';
export { predictionOf, codeOfConvexError, type Prediction, type PredictedCode } from './prediction';
export { runOutcome, type RunOutcome } from './runOutcome';
export { isStaleSession, staleSessionCheck, type StaleSessionContext } from './staleSession';
