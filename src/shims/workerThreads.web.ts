// node:worker_threads in the web-worker build: the analysis client there starts a Web Worker instead, so nothing
// calls this; naming the export keeps esbuild from warning that the import is always undefined.
export const Worker = undefined;
