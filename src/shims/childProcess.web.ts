// Stands in for node:child_process in the web-worker build: a web extension host starts no processes, and the
// code that would (src/features/project/nodeOnPath.ts) checks for execFile before calling it.
export const execFile = undefined;
