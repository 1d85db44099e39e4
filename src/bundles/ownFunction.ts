// Entry of the lazily loaded own-function bundle (Node hosts only): the runner that starts the child process,
// the Convex stand-in, and the real ConvexHttpClient. Re-exports only.
export { FunctionRunner } from '../exercise/run/runner';
export { runOwnFunction, convexRunCommand } from '../exercise/run/ownFunctionRun';
export { convexHttpClient } from '../exercise/run/httpClient';
