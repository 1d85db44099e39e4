// Which extension host this code runs in: asked here, the same way everywhere.

/**
 * A Node extension host (desktop, remote, code-server): Node's modules, worker_threads, child processes and the
 * local disk are there. False in the browser's web-worker host, where the web build defines process.platform as
 * "web". (A call cannot drop an import from the web bundle, so lazy.ts keeps that compile-time test itself.)
 */
export function isNodeHost(): boolean {
  return (
    typeof process !== 'undefined' &&
    (process.platform as string) !== 'web' &&
    typeof process.versions?.node === 'string'
  );
}
