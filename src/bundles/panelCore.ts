// Entry of the token panel's core (dist/panelCore.js in the Node build), required when the first panel is built:
// the page's messages and state, the views the host posts, the deployment section's model, the own-function run's
// state and arguments. Only the panel needs them, so the activation bundle does not carry them. Re-exports only.
export { parsePanelState, parseWebviewMessage } from '../protocol/parseMessage';
export { applyHostMessage, initialSnapshot } from '../protocol/panelState';
export { toReportView, toRunView } from '../protocol/hostViews';
export { toDisplayValue } from '../protocol/displayValue';
export { panelShell } from '../protocol/shell';
export { firstFailure } from '../token/firstFailure';
export { SCENARIOS } from '../exercise/types';
export { deploymentCandidates } from '../deployment/candidates';
export { predictionOf } from '../deployment/prediction';
export { DeploymentSectionModel } from '../deployment/sectionModel';
export { staleSessionCheck } from '../deployment/staleSession';
export { attackTemplates } from '../exercise/run/attackArgs';
export { defaultFunction } from '../exercise/run/listFunctions';
export { canStart, initialOwnState, reduceOwn } from '../exercise/run/ownRunState';
