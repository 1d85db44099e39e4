// node:fs in the web-worker build: there is no local disk there, so reads go through workspace.fs
// (src/features/project/localDisk.ts checks for this); naming the export keeps esbuild from warning.
export const promises = undefined;
