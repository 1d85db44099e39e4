import * as vscode from 'vscode';
import { topMost } from '../../project/paths';
import { EXCLUDED_DIRS, isSourceFileName } from '../../project/sourceFiles';
import { inBackground, type Log } from '../log';
import { isDirectory, isProjectFile, relativePathIn } from './workspaceFiles';

/** One burst of folder changes on disk, as URI strings and URIs. */
export interface FolderChanges {
  /** Folders created (checked to be folders), top-most only; to be swept after `deleted` is forgotten. */
  created: vscode.Uri[];
  /** Top-most deleted paths (folders or files: a deleted path cannot be asked what it was). */
  deleted: ReadonlySet<string>;
}

// A `git checkout` or an unzip reports in bursts; one look per burst.
const BURST_MS = 200;
const BURST_MAX_MS = 1000;

/**
 * Folders created or deleted on disk, for the services that follow files by name. VS Code reports a deleted
 * folder once, not each file in it, and on Linux files written into a folder right after it was created can go
 * unreported (parcel-bundler/watcher#243: a `git checkout` that adds a package, a copied folder). So the project
 * service and the index look inside a created folder and forget what they knew under a deleted one.
 * Nothing is watched until a service starts listening.
 */
export class FolderEvents implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<FolderChanges>();
  private watcher: vscode.Disposable | undefined;
  private created = new Set<string>();
  private deleted = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private burstStart: number | undefined;
  private disposed = false;

  constructor(private readonly log: Log) {}

  /** Subscribes and starts watching (once). */
  onDidChange(listener: (changes: FolderChanges) => unknown): vscode.Disposable {
    this.start();
    return this.emitter.event(listener);
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.watcher?.dispose();
    this.emitter.dispose();
  }

  private start(): void {
    if (this.watcher || this.disposed) return;
    // Change events are the named files' own watchers' business.
    const watcher = vscode.workspace.createFileSystemWatcher('**/*', false, true, false);
    this.watcher = vscode.Disposable.from(
      watcher,
      watcher.onDidCreate((uri) => this.note(this.created, uri)),
      watcher.onDidDelete((uri) => this.note(this.deleted, uri)),
    );
  }

  private note(into: Set<string>, uri: vscode.Uri): void {
    if (uri.path.split('/').some((s) => EXCLUDED_DIRS.includes(s))) return;
    into.add(uri.toString());
    // Looked at once the burst is quiet (its folders filled), or at the latest BURST_MAX_MS after it began.
    const now = Date.now();
    this.burstStart ??= now;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.burstStart = undefined;
      inBackground(this.log, 'follow created and deleted folders', () => this.flush());
    }, Math.max(0, Math.min(BURST_MS, this.burstStart + BURST_MAX_MS - now)));
  }

  private async flush(): Promise<void> {
    const created = topMost(this.created);
    const deleted = new Set(topMost(this.deleted));
    this.created = new Set();
    this.deleted = new Set();
    // A created source or project file was reported by name to its own watcher; anything else may be a folder.
    // A path both deleted and created in one burst (a branch switch recreating a package) is both forgotten and swept.
    const candidates = created.map((s) => vscode.Uri.parse(s)).filter((uri) => {
      const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
      return !isSourceFileName(name) && !isProjectFile(name);
    });
    const folders = (await Promise.all(candidates.map(async (uri) => ((await isDirectory(uri, this.log)) ? uri : undefined))))
      .filter((uri): uri is vscode.Uri => uri !== undefined);
    if ((folders.length || deleted.size) && !this.disposed) this.emitter.fire({ created: folders, deleted });
  }
}

/** The deleted paths inside `folder`, relative to it (a URI's spelling of a drive letter may differ). */
export function deletedIn(changes: FolderChanges, folder: vscode.Uri): Set<string> {
  const paths = new Set<string>();
  for (const s of changes.deleted) {
    const rel = relativePathIn(folder, vscode.Uri.parse(s));
    if (rel !== undefined) paths.add(rel);
  }
  return paths;
}
