// How the Node worker reads a file of the index's scan: synchronously (this thread is the worker's own, and one
// blocking call per file is what makes a scan of thousands cheap: ~10 µs a small file, where the host's async
// reads cost ~140 µs of its thread each), with the text reader's size rule (bytes) checked before reading.
// Node only: the Node worker's entry imports it; the Web Worker has no disk.
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';

/** The file's bytes; undefined when it is not a file or holds more than `maxBytes`. Throws fs's errors (ENOENT …). */
export function readLocalFileSync(fsPath: string, maxBytes: number): Uint8Array | undefined {
  const fd = openSync(fsPath, 'r');
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > maxBytes) return undefined;
    const bytes = readFileSync(fd);
    return bytes.byteLength > maxBytes ? undefined : bytes; // it may have grown since the stat
  } finally {
    closeSync(fd);
  }
}
