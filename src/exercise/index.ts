// The exercise's pure model: an issuer standing in for Clerk, a deployment standing in for Convex, and the real
// client between them.
export { createIssuer, type Issuer, type MintOverrides } from './issuer';
export { startIssuerServer, type IssuerServer } from './issuerServer';
export { createMemoryTransport, createLoopbackRoute } from './transports';
export { createConvexAuth, type ConvexAuth, type ConvexAuthOptions } from './convexAuth';
export {
  startConvexStandIn,
  createMemoryStandIn,
  MEMORY_DEPLOYMENT_URL,
  type ConvexStandIn,
  type StandInOptions,
  type RunAnswer,
  type WireExchange,
} from './convexStandIn';
export { createHandoffModel, ASSUMED_ISSUER_URL, type HandoffOptions } from './handoffModel';
export { SAMPLE_USERS, listMessages, type Message } from './messages';
export * from './types';
