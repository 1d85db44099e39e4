// Entry of the lazily loaded own-function bundle (Node hosts only): the runner that starts the child process,
// the Convex stand-in, and the real ConvexHttpClient. Re-exports only.
export { FunctionRunner } from '../handoff/run/runner';
export { runOwnFunction, convexRunCommand } from '../handoff/run/ownFunctionRun';
export { convexHttpClient } from '../handoff/run/httpClient';
