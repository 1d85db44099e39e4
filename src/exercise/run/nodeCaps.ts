// What the Node that will run the learner's code can do to hold it: the permission model (Node 20's
// `--experimental-permission`, `--permission` from 22.13/23.5), `--allow-net` (Node 25: the permission model then
// refuses the network too), `--disable-sigusr1`, and on Linux the data size it uses before any code runs (the
// runner's memory limit is set above that, so Buffers count against it). Asked of the binary itself, once per
// binary: the extension host's Node, Electron's, or another one, may be 20, 22, 24 or later.
import { execFile } from 'node:child_process';

export interface NodeCaps {
  version: string;
  /** The flag that turns the permission model on, when this Node has one. */
  permission?: '--permission' | '--experimental-permission';
  /** The permission model also covers the network (Node 25+). */
  permissionCoversNetwork: boolean;
  disableSigusr1: boolean;
  /** Linux: private writable memory (VmData) of an idle process of this Node, in KiB. */
  baselineDataKb?: number;
}

const PROBE = `
const flags = process.allowedNodeEnvironmentFlags;
let data;
try { data = Number(/VmData:\\s*(\\d+)/.exec(require('fs').readFileSync('/proc/self/status', 'utf8'))[1]); } catch {}
process.stdout.write(JSON.stringify({
  version: process.version,
  permission: flags.has('--permission') ? '--permission' : flags.has('--experimental-permission') ? '--experimental-permission' : undefined,
  net: flags.has('--allow-net'),
  sigusr1: flags.has('--disable-sigusr1'),
  data,
}));`;

const cache = new Map<string, Promise<NodeCaps>>();

export function nodeCaps(execPath: string): Promise<NodeCaps> {
  let caps = cache.get(execPath);
  if (!caps) {
    caps = probe(execPath);
    cache.set(execPath, caps);
    caps.catch(() => cache.delete(execPath));
  }
  return caps;
}

function probe(execPath: string): Promise<NodeCaps> {
  return new Promise((resolve, reject) => {
    execFile(
      execPath,
      ['-e', PROBE],
      { env: { ELECTRON_RUN_AS_NODE: '1' }, timeout: 15_000, maxBuffer: 64 * 1024, windowsHide: true },
      (err, stdout) => {
        if (err) {
          reject(new Error(`${execPath} could not be started to check what it supports: ${err.message}`));
          return;
        }
        try {
          const raw = JSON.parse(stdout) as {
            version?: unknown;
            permission?: unknown;
            net?: unknown;
            sigusr1?: unknown;
            data?: unknown;
          };
          resolve({
            version: typeof raw.version === 'string' ? raw.version : 'unknown',
            ...(raw.permission === '--permission' || raw.permission === '--experimental-permission'
              ? { permission: raw.permission }
              : {}),
            permissionCoversNetwork: raw.net === true,
            disableSigusr1: raw.sigusr1 === true,
            ...(typeof raw.data === 'number' && Number.isFinite(raw.data) ? { baselineDataKb: raw.data } : {}),
          });
        } catch {
          reject(new Error(`${execPath} gave an answer the exercise could not read when asked what it supports.`));
        }
      },
    );
  });
}
