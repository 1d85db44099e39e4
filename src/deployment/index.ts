// "Ask my deployment": the learner's own Convex deployment's verdict on a pasted token, beside the panel's
// prediction. Pure (no vscode): which deployments the project names, the call through the real ConvexHttpClient,
// what the answer means, and what a disagreement says about the deployment's config.
export {
  deploymentCandidates,
  type DeploymentCandidate,
  type CandidateNote,
  type DeploymentEnvironment,
} from './candidates';
export { callDeployment, PROBE_PATH, type DeploymentExchange, type CallOptions } from './exchange';
export { interpretExchange, tokenVerdict, parseProviders, type DeploymentAnswer, type TokenVerdict } from './answer';
export {
  compare,
  predictionOf,
  codeOfConvexError,
  type Prediction,
  type Comparison,
  type ComparisonInput,
  type TokenFacts,
} from './compare';
export { runOutcome, type RunOutcome } from './runOutcome';
export { isStaleSession, staleSessionCheck, type StaleSessionContext } from './staleSession';
