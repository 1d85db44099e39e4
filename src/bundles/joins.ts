// Entry of the cross-file joins (dist/joins.js in the Node build): an analysis's query, gate, session and server
// sites joined with the workspace index's functions, route layouts and render sites. The index needs them once the
// first analysis arrives, never at activation, so dist/extension.js does not carry them. Re-exports only.
export { withIdentityFunctions } from '../analysis/crossFile';
