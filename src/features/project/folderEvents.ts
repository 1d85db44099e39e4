import * as vscode from 'vscode';
import { topMost } from '../../project/paths';
import { inExcludedDir, isSourceFileName } from '../../project/sourceFiles';
import { inBackground, type Log } from '../log';
import { isProjectFile, pathKind, relativePathIn } from './workspaceFiles';

/** One burst of folder changes on disk, as URI strings and URIs. */
export interface FolderChanges {
  /** Folders created or recreated (checked to be folders now), top-most only; swept after `deleted` is forgotten. */
  created: vscode.Uri[];
  /** Top-most deleted paths still missing at the end of the burst (folders or files: a gone path cannot tell). */
  deleted: ReadonlySet<string>;
  /**
   * When they were looked at (performance.now()): a file written again after that look, before this news arrived,
   * is not gone (its own event says so), however `deleted` reads.
   */
  lookedAt: number;
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
  /** The burst being collected, then the one being looked at: what whenQuiet() waits for. */
  private collecting: Deferred | undefined;
  private flushing: Deferred | undefined;
  private disposed = false;

  constructor(private readonly log: Log) {}

  /** Subscribes and starts watching (once). */
  onDidChange(listener: (changes: FolderChanges) => unknown): vscode.Disposable {
    this.start();
    return this.emitter.event(listener);
  }

  /**
   * Resolves once the burst under way (if any) has been looked at and announced to the listeners, so a command
   * that acts on the project now sees a package that was just written. At most about BURST_MAX_MS: a later burst
   * is not waited for.
   */
  whenQuiet(): Promise<void> {
    return Promise.all([this.collecting?.promise, this.flushing?.promise]).then(() => undefined);
  }

  /** Whether a burst is being collected or looked at (whenQuiet() would wait). */
  busy(): boolean {
    return this.collecting !== undefined || this.flushing !== undefined;
  }

  dispose(): void {
    this.disposed = true;
    this.collecting?.resolve();
    this.flushing?.resolve();
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
    // Tested inside its workspace folder: the folders above it (a workspace under ~/build/) are not the project's.
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const rel = folder && relativePathIn(folder.uri, uri);
    if (rel === undefined || inExcludedDir(rel)) return;
    into.add(uri.toString());
    // Looked at once the burst is quiet (its folders filled), or at the latest BURST_MAX_MS after it began.
    const now = Date.now();
    this.burstStart ??= now;
    this.collecting ??= deferred();
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.burstStart = undefined;
        const done = this.collecting;
        this.collecting = undefined;
        this.flushing = done;
        inBackground(this.log, 'follow created and deleted folders', () =>
          this.flush().finally(() => {
            done?.resolve();
            if (this.flushing === done) this.flushing = undefined;
          }),
        );
      },
      Math.max(0, Math.min(BURST_MS, this.burstStart + BURST_MAX_MS - now)),
    );
  }

  private async flush(): Promise<void> {
    const lookedAt = performance.now();
    const created = topMost(this.created).map((s) => vscode.Uri.parse(s));
    const deleted = topMost(this.deleted).map((s) => vscode.Uri.parse(s));
    this.created = new Set();
    this.deleted = new Set();
    // Looked at now, not when the events came: a path deleted and written again within the burst (an atomic save,
    // a `git checkout` replacing a file, a branch switch recreating a package) is still there, and its own
    // watcher has already seen the new file, so it must not be forgotten now. A recreated folder is swept instead.
    // A created source or project file was reported by name to its own watcher; anything else may be a folder.
    const mayBeFolder = (uri: vscode.Uri): boolean => {
      const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
      return !isSourceFileName(name) && !isProjectFile(name);
    };
    const [createdKinds, deletedKinds] = await Promise.all([
      Promise.all(created.map((uri) => (mayBeFolder(uri) ? pathKind(uri, this.log) : Promise.resolve(undefined)))),
      Promise.all(deleted.map((uri) => pathKind(uri, this.log))),
    ]);
    const folders = new Map<string, vscode.Uri>();
    created.forEach((uri, i) => {
      if (createdKinds[i] === 'folder') folders.set(uri.toString(), uri);
    });
    const gone = new Set<string>();
    deleted.forEach((uri, i) => {
      if (deletedKinds[i] === undefined) gone.add(uri.toString());
      else if (deletedKinds[i] === 'folder') folders.set(uri.toString(), uri);
    });
    if ((folders.size || gone.size) && !this.disposed)
      this.emitter.fire({ created: [...folders.values()], deleted: gone, lookedAt });
  }
}

interface Deferred {
  promise: Promise<void>;
  resolve(): void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
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
