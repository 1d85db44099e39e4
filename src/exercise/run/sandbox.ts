// Runs inside the runner's child process, before any of the learner's code is evaluated. Where the Node that runs
// the child has a permission model, the process was started under it (runner.ts): no child processes, workers,
// inspector, native addons, WASI, file writes, `process.binding`, and reads only of the project. No Node before 25
// can refuse the network through it, so every public way to a socket is replaced here as well: connecting,
// listening, UDP, DNS, HTTP, fetch, WebSocket. What is left of a socket without `process.binding` is only reachable
// through handles the runner holds, and the ways to enumerate those are closed too. Signals are closed (a
// `process.kill` could end the editor's extension host, the child's parent).
import childProcess from 'node:child_process';
import dgram from 'node:dgram';
import dns from 'node:dns';
import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import inspector from 'node:inspector';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import tls from 'node:tls';
import workerThreads from 'node:worker_threads';

export const NETWORK_OFF =
  'network access is off in the exercise’s runner: your function runs in memory here, never against a deployment';
export const PROCESS_OFF =
  'the exercise’s runner does not let your function start processes, send signals or end the process';

function refuse(what: string, why: string): () => never {
  return () => {
    throw new Error(`${what}: ${why}.`);
  };
}

function replace(target: object | undefined, names: readonly string[], prefix: string, why = NETWORK_OFF): void {
  if (!target) return;
  for (const name of names) {
    try {
      Object.defineProperty(target, name, {
        value: refuse(`${prefix}${name}`, why),
        configurable: false,
        writable: false,
      });
    } catch {
      // A property that cannot be redefined is one the runtime already froze; nothing of ours relies on it.
    }
  }
}

const DNS_CALLS = [
  'lookup',
  'lookupService',
  'resolve',
  'resolve4',
  'resolve6',
  'resolveAny',
  'resolveCaa',
  'resolveCname',
  'resolveMx',
  'resolveNaptr',
  'resolveNs',
  'resolvePtr',
  'resolveSoa',
  'resolveSrv',
  'resolveTxt',
  'reverse',
];

export function closeTheWayOut(): void {
  replace(net.Socket.prototype, ['connect'], 'net.Socket.');
  replace(net.Server.prototype, ['listen'], 'net.Server.');
  replace(net, ['connect', 'createConnection', '_createServerHandle'], 'net.');
  replace(tls, ['connect'], 'tls.');
  replace(http, ['request', 'get'], 'http.');
  replace(https, ['request', 'get'], 'https.');
  replace(http2, ['connect'], 'http2.');
  replace(dgram, ['createSocket'], 'dgram.');
  replace(dgram.Socket.prototype, ['bind', 'connect', 'send'], 'dgram.Socket.');
  replace(dns, DNS_CALLS, 'dns.');
  replace(dns.Resolver.prototype, DNS_CALLS, 'dns.Resolver.');
  replace(dns.promises, DNS_CALLS, 'dns.promises.');
  replace(dns.promises.Resolver.prototype, DNS_CALLS, 'dns.promises.Resolver.');
  replace(inspector, ['open', 'waitForDebugger'], 'inspector.');
  replace(inspector.Session.prototype, ['connect', 'connectToMainThread'], 'inspector.Session.');
  replace(
    childProcess,
    ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'],
    'child_process.',
    PROCESS_OFF,
  );
  replace(workerThreads, ['Worker'], 'worker_threads.', PROCESS_OFF);
  replace(
    process,
    [
      'kill',
      '_kill',
      '_debugProcess',
      '_debugEnd',
      'dlopen',
      '_linkedBinding',
      'binding',
      'exit',
      'reallyExit',
      'abort',
    ],
    'process.',
    PROCESS_OFF,
  );
  // The runner's own channel is a pair of pipe handles: listing the active handles would hand them (and the
  // pipe class that can connect to any local socket) to the function.
  for (const name of ['_getActiveHandles', '_getActiveRequests']) {
    try {
      Object.defineProperty(process, name, { value: () => [], configurable: false, writable: false });
    } catch {
      // as above
    }
  }
  for (const name of ['fetch', 'WebSocket', 'EventSource']) {
    Object.defineProperty(globalThis, name, {
      value: refuse(name, NETWORK_OFF),
      configurable: true,
      writable: true,
    });
  }
  // `import { connect } from "node:net"` reads the module's ESM exports: bring them in line with the above.
  syncBuiltinESMExports();
}
