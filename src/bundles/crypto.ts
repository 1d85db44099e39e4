// Entry of the lazily loaded crypto bundle (jose + token checks + the exercise's issuer and server). Re-exports only.
export {
  normaliseToken,
  analyseToken,
  verifySignature,
  describeIssuerHost,
  CONVEX_ERRORS,
  ALLOWED_ALGORITHMS,
  normaliseDomain,
  matchProvider,
  noProviderError,
  audiences,
  MAX_TOKEN_BYTES,
  MAX_DEPTH,
  DEPTH_ELLIPSIS,
} from '../token';
export {
  createIssuer,
  startIssuerServer,
  createMemoryTransport,
  createLoopbackRoute,
  createConvexAuth,
  createHandoffModel,
  SAMPLE_USERS,
} from '../exercise';
// The token tool's answer (src/agent): it only follows an analyseToken, which loads this bundle anyway.
export { tokenCheckAnswer, withoutToken } from '../agent/tokenCheckAnswer';
