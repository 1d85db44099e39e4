// Entry of the lazily loaded deployment bundle (Node hosts only): "Ask my deployment", with the real
// ConvexHttpClient, and the reading of its answers. Re-exports only.
export { callDeployment, PROBE_PATH } from '../deployment/exchange';
export { interpretExchange, tokenVerdict } from '../deployment/answer';
export { compare } from '../deployment/compare';
export { runOutcome } from '../deployment/runOutcome';
export { deploymentUrlCheck } from '../token/addressGate';
