// The exercise's pure model: an issuer standing in for Clerk, the request, and a server standing in for Convex.
export { createIssuer, type Issuer, type MintOverrides } from './issuer';
export { startIssuerServer, type IssuerServer } from './issuerServer';
export { createMemoryTransport, createLoopbackRoute } from './transports';
export { buildRequest } from './request';
export { createServerModel, type ServerModel, type ServerProvider } from './serverModel';
export { createHandoffModel, type HandoffOptions } from './handoffModel';
export { SAMPLE_USERS, listMessages, type Message } from './messages';
export { EXERCISE_DEPLOYMENT_URL } from './request';
export * from './types';
