// Captured when the child starts, before anything of the learner's runs: later patches to these globals do not
// reach the channel or the runner's answers.
import fs from 'node:fs';

export const jsonStringify = JSON.stringify;
export const jsonParse = JSON.parse;
export const objectKeys = Object.keys;
export const isArray = Array.isArray;
export const writeSync = fs.writeSync;
// Buffer's static methods do not read `this`; bound anyway so a later patch of Buffer cannot reach them.
export const bufferFrom = Buffer.from.bind(Buffer);
export const bufferAlloc = Buffer.alloc.bind(Buffer);
export const reflectApply = Reflect.apply;
export const hasOwn = Object.hasOwn;

/** Node's own exit, kept before the learner's code can replace it (sandbox.ts makes `process.exit` throw). */
const reallyExit = (process as unknown as { reallyExit: (this: NodeJS.Process, code: number) => never }).reallyExit;
export function quit(code: number): never {
  return reflectApply<NodeJS.Process, [number], never>(reallyExit, process, [code]);
}
