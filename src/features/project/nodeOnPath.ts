import * as childProcess from 'node:child_process';
import * as vscode from 'vscode';
import { logFailure, type Log } from '../log';

const PROBE_TIMEOUT_MS = 5000;

/**
 * The version of the `node` a terminal in the project folder would run (`npx convex dev` uses it), as printed by
 * `node --version`. Run in the folder so version managers that pick Node per directory (Volta, asdf, nvm shims)
 * answer for the project. Only in a trusted local folder: on Windows a program name is looked up in the working
 * directory first, so an untrusted folder could ship its own `node.exe`.
 * One probe per folder per session: the extension host's PATH does not change until VS Code restarts.
 */
export class NodeOnPath {
  private readonly probes = new Map<string, Promise<string | undefined>>();

  constructor(private readonly log: Log) {}

  versionFor(folder: vscode.Uri): Promise<string | undefined> {
    // A web extension host has no processes (its build maps node:child_process to an empty module).
    if (typeof childProcess.execFile !== 'function' || folder.scheme !== 'file' || !vscode.workspace.isTrusted)
      return Promise.resolve(undefined);
    const key = folder.toString();
    let probe = this.probes.get(key);
    if (!probe) {
      probe = this.run(folder.fsPath);
      this.probes.set(key, probe);
    }
    return probe;
  }

  private run(cwd: string): Promise<string | undefined> {
    return new Promise((resolve) => {
      try {
        childProcess.execFile(
          'node',
          ['--version'],
          { cwd, timeout: PROBE_TIMEOUT_MS, windowsHide: true, encoding: 'utf8' },
          (err, stdout) => {
            if (err) {
              // No node on PATH is an answer (nothing to compare), not a failure of ours.
              if ((err as NodeJS.ErrnoException).code !== 'ENOENT') logFailure(this.log, 'node --version', err, cwd);
              resolve(undefined);
              return;
            }
            const version = stdout.trim();
            resolve(/^v\d+\.\d+\.\d+/.test(version) ? version : undefined);
          },
        );
      } catch (err) {
        logFailure(this.log, 'node --version', err, cwd);
        resolve(undefined);
      }
    });
  }
}
