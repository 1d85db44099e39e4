// Runs inside the runner's child process, before any of the learner's code is evaluated: every way out of the
// process (sockets, DNS, HTTP, fetch, WebSocket, child processes, workers) throws. The learner's function runs
// against an in-memory database; it must never reach their deployment or anything else.
import childProcess from 'node:child_process';
import dgram from 'node:dgram';
import dns from 'node:dns';
import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import workerThreads from 'node:worker_threads';

export const NETWORK_OFF =
  'network access is off in the exercise’s runner: your function runs in memory here, never against a deployment';

function refuse(what: string): () => never {
  return () => {
    throw new Error(`${what}: ${NETWORK_OFF}.`);
  };
}

function replace(target: object, names: readonly string[], prefix: string): void {
  for (const name of names) {
    try {
      Object.defineProperty(target, name, { value: refuse(`${prefix}${name}`), configurable: false, writable: false });
    } catch {
      // A property that cannot be redefined is one the runtime already froze; nothing of ours relies on it.
    }
  }
}

export function closeTheWayOut(): void {
  replace(net.Socket.prototype, ['connect'], 'net.Socket.');
  replace(net, ['connect', 'createConnection'], 'net.');
  replace(tls, ['connect'], 'tls.');
  replace(http, ['request', 'get'], 'http.');
  replace(https, ['request', 'get'], 'https.');
  replace(http2, ['connect'], 'http2.');
  replace(dgram, ['createSocket'], 'dgram.');
  replace(dns, ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'lookupService'], 'dns.');
  replace(dns.promises, ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'lookupService'], 'dns.promises.');
  replace(
    childProcess,
    ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'],
    'child_process.',
  );
  replace(workerThreads, ['Worker'], 'worker_threads.');
  for (const name of ['fetch', 'WebSocket', 'EventSource']) {
    Object.defineProperty(globalThis, name, { value: refuse(name), configurable: true, writable: true });
  }
}
