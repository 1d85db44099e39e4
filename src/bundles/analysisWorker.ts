// Entry of the analysis worker in the Node host (dist/analysisWorker.js). It turns on Node's compile cache
// first, where this Node has it, so the analysis bundle (Babel) it then loads arrives compiled from the second start on.
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import { listSources } from '../worker/listSources';
import { readLocalFileSync } from '../worker/localRead';
import type { WorkerRequest } from '../worker/protocol';

const dir = (workerData as { compileCacheDir?: string } | undefined)?.compileCacheDir;
const nodeModule = createRequire(__filename)('node:module') as {
  enableCompileCache?: (dir: string) => unknown;
  flushCompileCache?: () => void;
};
const caching = Boolean(dir && nodeModule.enableCompileCache);
if (dir && nodeModule.enableCompileCache) nodeModule.enableCompileCache(dir);

/** Node ≥ 23.9 / 22.19: this thread's own CPU time, which the host's worker.cpuUsage() reads too. */
const threadCpu = (process as { threadCpuUsage?: () => { user: number; system: number } }).threadCpuUsage;

const port = parentPort;
if (port) {
  // Requests that arrive while the analysis bundle loads are kept, in order, until it is there.
  const early: WorkerRequest[] = [];
  let handle: ((r: WorkerRequest) => void) | undefined;
  let flushed = false;
  port.on('message', (r: WorkerRequest) => (handle ? handle(r) : early.push(r)));
  // Loaded at once, not with the first request: the host starts the worker while a document's debounce runs.
  void import('./analysis').then(({ serveAnalysis, warmUp }) => {
    // While idle (the debounce of the edit that started this worker), so the first analysis asked for is a warm one.
    // A request already waiting is not held up: it is itself the first analysis.
    if (early.length === 0) warmUp();
    serveAnalysis({
      onRequest: (listener) => {
        handle = listener;
        for (const r of early.splice(0)) listener(r);
      },
      reply: (reply) => {
        port.postMessage(reply);
        // Written once the first analysis compiled what it needs (Node writes it at exit otherwise, which a host
        // that runs for days may never reach).
        if (caching && !flushed && 'kind' in reply && reply.kind === 'analyse') {
          flushed = true;
          setTimeout(() => nodeModule.flushCompileCache?.(), 0);
        }
      },
      readFile: readLocalFileSync,
      listSources,
      ...(typeof threadCpu === 'function'
        ? {
            cpuTimeMs: () => {
              const { user, system } = threadCpu.call(process);
              return (user + system) / 1000;
            },
          }
        : {}),
    });
  });
}
