import * as vscode from 'vscode';
import { convexDirOf, type ProjectFile } from '../../project/convexDir';
import { baseName, isUnderAny, joinPath } from '../../project/paths';
import { authConfigFiles, buildSnapshot } from '../../project/snapshot';
import {
  EMPTY_PROJECT,
  type AuthConfigInfo,
  type ConvexLayout,
  type InstalledExpoPackages,
  type ProjectSnapshot,
} from '../../project/types';
import { logFailure, type Log } from '../log';
import { deletedIn, type FolderChanges, type FolderEvents } from './folderEvents';
import { NodeOnPath } from './nodeOnPath';
import {
  findProjectFiles,
  holdsProjectFiles,
  isInstallMarker,
  isProjectFile,
  PROJECT_FILE_GLOB,
  readProjectFiles,
  readText,
  relativePathIn,
} from './workspaceFiles';

export interface ProjectChange {
  /** The workspace folder whose snapshot changed. */
  folder: vscode.Uri;
}

interface Built {
  snapshot: ProjectSnapshot;
  files: ProjectFile[];
}

// Coalesces a burst of saves (a formatter, `npx convex dev` writing .env.local, a branch switch) into one event.
const CHANGE_DELAY_MS = 250;

/**
 * What each workspace folder says about its Clerk/Convex setup, built on first request, cached, and rebuilt
 * after a relevant file is created, changed or deleted. Nothing is read or watched until someone asks.
 */
export class ProjectService implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ProjectChange>();
  /** Fires (debounced) after a folder's configuration files changed; call getSnapshot again for the new state. */
  readonly onDidChange = this.changed.event;
  private readonly cache = new Map<string, Promise<Built>>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [];
  /** One non-recursive watcher per folder on node_modules/convex/package.json (recursive ones skip node_modules). */
  private readonly installWatchers = new Map<string, vscode.Disposable>();
  private watching = false;
  private disposed = false;
  /** The handling of the last burst of folder changes (a sweep of a created folder may invalidate a folder). */
  private folderWork: Promise<void> = Promise.resolve();
  private readonly node: NodeOnPath;

  /**
   * `readAuthConfigs`: the providers of auth.config files, in the order given (the analysis service reads them in
   * its worker, where Babel is; the host does not load the parser for a snapshot).
   */
  constructor(
    private readonly log: Log,
    private readonly readAuthConfigs: (
      files: { text: string; path: string; uri: string }[],
    ) => Promise<AuthConfigInfo[]>,
    private readonly folders: FolderEvents,
  ) {
    this.node = new NodeOnPath(log);
  }

  /**
   * The snapshot of the workspace folder containing `uri` (a folder or any file in it); without `uri`, the
   * active editor's folder or else the first folder. Outside every folder: the empty project. Never rejects.
   */
  async getSnapshot(uri?: vscode.Uri): Promise<ProjectSnapshot> {
    const folder = this.folderFor(uri);
    if (!folder) return structuredClone(EMPTY_PROJECT);
    return (await this.built(folder)).snapshot;
  }

  /**
   * Resolves once folder changes under way on disk (a package just written or checked out, whose files the watcher
   * may not name) have reached this service: a command that writes where the project says calls it first.
   */
  async settled(): Promise<void> {
    await this.folders.whenQuiet();
    await this.folderWork;
  }

  /**
   * Where convex/ lives for a file: in a monorepo, the Convex backend (findConvexDir), the one nearest to `uri` when
   * several are equally likely. Used to place a new convex/auth.config.ts. Undefined outside every workspace folder.
   */
  async getConvexLayout(uri?: vscode.Uri): Promise<ConvexLayout | undefined> {
    const folder = this.folderFor(uri);
    if (!folder) return undefined;
    const { files } = await this.built(folder);
    const near = uri ? relativePathIn(folder.uri, uri) : undefined;
    return convexDirOf(files, near || undefined);
  }

  /** Forgets cached snapshots (all folders, or the one containing `uri`) and announces the change. */
  refresh(uri?: vscode.Uri): void {
    const folders = uri ? [vscode.workspace.getWorkspaceFolder(uri)] : (vscode.workspace.workspaceFolders ?? []);
    for (const folder of folders) if (folder) this.invalidate(folder.uri);
  }

  dispose(): void {
    this.disposed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.cache.clear();
    for (const d of this.disposables) d.dispose();
    for (const d of this.installWatchers.values()) d.dispose();
    this.installWatchers.clear();
    this.changed.dispose();
  }

  private folderFor(uri: vscode.Uri | undefined): vscode.WorkspaceFolder | undefined {
    if (uri) return vscode.workspace.getWorkspaceFolder(uri);
    const active = vscode.window.activeTextEditor?.document.uri;
    return (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.[0];
  }

  private built(folder: vscode.WorkspaceFolder): Promise<Built> {
    this.startWatching();
    const key = folder.uri.toString();
    let entry = this.cache.get(key);
    if (!entry) {
      entry = this.build(folder).catch((err: unknown): Built => {
        // Unexpected failure: answer with what we know (nothing) and try again next time.
        logFailure(this.log, 'read project configuration', err, key);
        if (this.cache.get(key) === entry) this.cache.delete(key);
        return { snapshot: { ...structuredClone(EMPTY_PROJECT), folderUri: key }, files: [] };
      });
      this.cache.set(key, entry);
    }
    return entry;
  }

  private async build(folder: vscode.WorkspaceFolder): Promise<Built> {
    const files = await readProjectFiles(folder.uri, await findProjectFiles(folder, this.log), this.log);
    const layout = convexDirOf(files);
    this.watchInstalledConvex(folder, layout.projectRoot);
    const installed = await installedPackage(folder.uri, layout.projectRoot, this.log);
    // Whether the server's auth() must be awaited depends on it (read with the snapshot, not watched).
    const clerkNextjs = await installedPackage(folder.uri, layout.projectRoot, this.log, '@clerk/nextjs');
    // Only a convex that states its Node range is worth a process start.
    const nodeVersion =
      installed?.enginesNode !== undefined
        ? await this.node.versionFor(vscode.Uri.joinPath(folder.uri, layout.projectRoot))
        : undefined;
    const expoInstalled = files.some((f) => baseName(f.path) === 'package.json' && /"@clerk\/expo"/.test(f.text))
      ? await installedExpo(folder.uri, layout.projectRoot, this.log)
      : undefined;
    const uriOf = (path: string): string => vscode.Uri.joinPath(folder.uri, path).toString();
    const configs = authConfigFiles({ files, layout });
    const read = configs.length
      ? await this.readAuthConfigs(configs.map((f) => ({ text: f.text, path: f.path, uri: uriOf(f.path) })))
      : [];
    const byPath = new Map(read.map((info) => [info.path, info]));
    const snapshot = buildSnapshot({
      folderUri: folder.uri.toString(),
      files,
      layout,
      uriOf,
      ...(installed?.version !== undefined ? { convexInstalled: installed.version } : {}),
      ...(installed?.enginesNode !== undefined ? { convexEnginesNode: installed.enginesNode } : {}),
      ...(nodeVersion !== undefined ? { nodeVersion } : {}),
      ...(clerkNextjs?.version !== undefined ? { clerkNextjsInstalled: clerkNextjs.version } : {}),
      ...(expoInstalled !== undefined ? { expoInstalled } : {}),
      // Already read above, for exactly the files the snapshot asks about.
      readAuthConfig: (_text, path, uri) => byPath.get(path) ?? { path, uri, providers: [] },
    });
    return { snapshot, files };
  }

  private startWatching(): void {
    if (this.watching || this.disposed) return;
    this.watching = true;
    const watcher = vscode.workspace.createFileSystemWatcher(PROJECT_FILE_GLOB);
    const onFile = (uri: vscode.Uri): void => this.onFileEvent(uri);
    this.disposables.push(
      watcher,
      watcher.onDidCreate(onFile),
      watcher.onDidChange(onFile),
      watcher.onDidDelete(onFile),
      vscode.workspace.onDidChangeWorkspaceFolders((e) => {
        for (const folder of [...e.added, ...e.removed]) this.invalidate(folder.uri);
      }),
      this.folders.onDidChange((changes) => {
        this.folderWork = this.onFolders(changes).catch((err: unknown) =>
          logFailure(this.log, 'follow created and deleted folders', err),
        );
      }),
      // Trust lets the Node version be probed (see NodeOnPath).
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        for (const folder of vscode.workspace.workspaceFolders ?? []) this.invalidate(folder.uri);
      }),
    );
  }

  /**
   * The installed convex version lives under node_modules, which recursive watchers leave out (files.watcherExclude):
   * a reinstall is seen through a watcher on that one file, which VS Code keeps even while the folder is missing.
   */
  private watchInstalledConvex(folder: vscode.WorkspaceFolder, projectRoot: string): void {
    if (this.disposed) return;
    const key = folder.uri.toString();
    const dir = vscode.Uri.joinPath(folder.uri, joinPath(projectRoot, 'node_modules/convex'));
    const id = `${key}|${dir.toString()}`;
    if (this.installWatchers.has(id)) return;
    for (const [other, watcher] of this.installWatchers) {
      if (other.startsWith(`${key}|`)) {
        watcher.dispose();
        this.installWatchers.delete(other);
      }
    }
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(dir, 'package.json'));
    const onChange = (): void => this.invalidate(folder.uri);
    this.installWatchers.set(
      id,
      vscode.Disposable.from(
        watcher,
        watcher.onDidCreate(onChange),
        watcher.onDidChange(onChange),
        watcher.onDidDelete(onChange),
      ),
    );
  }

  private onFileEvent(uri: vscode.Uri): void {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return;
    const rel = relativePathIn(folder.uri, uri);
    // An install marker also covers a node_modules/convex that the file watcher below missed while node_modules
    // was being recreated.
    if (rel !== undefined && (isProjectFile(rel) || isInstallMarker(rel))) this.invalidate(folder.uri);
  }

  /** A deleted folder held files of the snapshot, or a created one holds project files its watcher may have missed. */
  private async onFolders(changes: FolderChanges): Promise<void> {
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const entry = this.cache.get(folder.uri.toString());
      const deleted = deletedIn(changes, folder.uri);
      if (!entry || deleted.size === 0) continue;
      const { files } = await entry;
      if (files.some((f) => isUnderAny(f.path, deleted))) this.invalidate(folder.uri);
    }
    for (const dir of changes.created) {
      const folder = vscode.workspace.getWorkspaceFolder(dir);
      if (folder && (await holdsProjectFiles(dir))) this.invalidate(folder.uri);
    }
  }

  /** Drops the cache at once (a request during the delay reads fresh files) and fires after the burst. */
  private invalidate(folder: vscode.Uri): void {
    if (this.disposed) return;
    const key = folder.toString();
    this.cache.delete(key);
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.changed.fire({ folder });
      }, CHANGE_DELAY_MS),
    );
  }
}

/** node_modules/expo's version and @clerk/expo's version and declared `expo` peer range, as far as installed. */
async function installedExpo(folder: vscode.Uri, projectRoot: string, log: Log): Promise<InstalledExpoPackages> {
  const read = async (name: string): Promise<Record<string, unknown> | undefined> => {
    const text = await readText(
      vscode.Uri.joinPath(folder, joinPath(projectRoot, `node_modules/${name}/package.json`)),
      undefined,
      log,
    );
    try {
      const json: unknown = text === undefined ? undefined : JSON.parse(text);
      return json !== null && typeof json === 'object' ? (json as Record<string, unknown>) : undefined;
    } catch {
      return undefined; // half-written during an install: read again when the install ends
    }
  };
  const [expo, clerkExpo] = await Promise.all([read('expo'), read('@clerk/expo')]);
  const peers = clerkExpo?.peerDependencies;
  const peer = peers !== null && typeof peers === 'object' ? (peers as Record<string, unknown>).expo : undefined;
  return {
    ...(typeof expo?.version === 'string' ? { expo: expo.version } : {}),
    ...(typeof clerkExpo?.version === 'string' ? { clerkExpo: clerkExpo.version } : {}),
    ...(typeof peer === 'string' ? { clerkExpoPeerExpo: peer } : {}),
  };
}

/** `version` and `engines.node` of node_modules/<name>/package.json (convex, @clerk/nextjs). */
async function installedPackage(
  folder: vscode.Uri,
  projectRoot: string,
  log: Log,
  name = 'convex',
): Promise<{ version?: string; enginesNode?: string } | undefined> {
  const text = await readText(
    vscode.Uri.joinPath(folder, joinPath(projectRoot, `node_modules/${name}/package.json`)),
    undefined,
    log,
  );
  if (text === undefined) return undefined;
  try {
    const json = JSON.parse(text) as { version?: unknown; engines?: { node?: unknown } };
    const enginesNode = json.engines?.node;
    return {
      ...(typeof json.version === 'string' ? { version: json.version } : {}),
      ...(typeof enginesNode === 'string' ? { enginesNode } : {}),
    };
  } catch {
    return undefined; // a half-written package.json during an install: read again on its next change
  }
}
