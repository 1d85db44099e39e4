// The web-worker build's stand-in for dist/deployment.js: asking a deployment sends the pasted token over the
// network, which the browser build leaves to the desktop app (its address checks need Node's resolver). The
// panel says so and never calls these.
function unavailable(): never {
  throw new Error('Asking your deployment needs the desktop app or a remote extension host.');
}
export const PROBE_PATH = 'clerkConvexLessonProbe:thisFunctionDoesNotExist';
export const callDeployment = unavailable;
export const interpretExchange = unavailable;
export const tokenVerdict = unavailable;
export const compare = unavailable;
export const runOutcome = unavailable;
export const deploymentUrlCheck = unavailable;
