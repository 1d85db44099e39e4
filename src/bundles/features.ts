// Entry of the lazily loaded command implementations. Activation registers thin handlers; this code (the token
// panel host, the exercise, the insert commands) is read only when one of those commands first runs.
export { TokenFlowPanel } from '../features/tokenPanel/panel';
export { addIdentityCheck } from '../features/snippets/addIdentityCheck';
export { createAuthConfig } from '../features/snippets/createAuthConfig';
export { insertProviderSandwich } from '../features/snippets/insertSandwich';
