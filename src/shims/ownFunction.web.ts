// The web-worker build's stand-in for dist/ownFunction.js: running a learner's functions needs a child process.
function unavailable(): never {
  throw new Error('Running your own functions needs the desktop app or a remote extension host.');
}
export const FunctionRunner = unavailable;
export const runOwnFunction = unavailable;
export const convexRunCommand = unavailable;
export const convexHttpClient = unavailable;
