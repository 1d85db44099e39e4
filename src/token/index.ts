// The token panel's pure core: normalise, decode and check a pasted JWT the way Convex would, and (on request)
// verify its signature against its own issuer. No vscode; runs in Node and in a browser web worker.
export { normaliseToken } from './normalise';
export { analyseToken } from './tokenReport';
export { verifySignature } from './verify';
export type { VerifyOptions, GateRequest } from './verifyOptions';
export { describeIssuerHost, type IssuerHost } from './issuerHost';
export {
  CONVEX_ERRORS,
  ALLOWED_ALGORITHMS,
  normaliseDomain,
  matchProvider,
  noProviderError,
  audiences,
} from './convexRules';
export { MAX_TOKEN_BYTES, MAX_DEPTH, DEPTH_ELLIPSIS } from './limits';
export * from './types';
