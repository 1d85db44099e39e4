import * as vscode from 'vscode';
import { loadAnalysis } from '../../lazy';
import { findConvexDir, type ProjectFile } from '../../project/convexDir';
import { baseName, joinPath } from '../../project/paths';
import { buildSnapshot, isAuthConfigPath, type AuthConfigReader } from '../../project/snapshot';
import { EMPTY_PROJECT, type ConvexLayout, type ProjectSnapshot } from '../../project/types';
import { findProjectFiles, isProjectFile, PROJECT_FILE_GLOB, readProjectFiles, readText, relativePathIn } from './workspaceFiles';

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
  private watching = false;
  private disposed = false;

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
   * Where convex/ lives for a file: in a monorepo, the Convex package nearest to `uri`. Used to place a new
   * convex/auth.config.ts. Undefined outside every workspace folder.
   */
  async getConvexLayout(uri?: vscode.Uri): Promise<ConvexLayout | undefined> {
    const folder = this.folderFor(uri);
    if (!folder) return undefined;
    const { files } = await this.built(folder);
    const near = uri ? relativePathIn(folder.uri, uri) : undefined;
    return findConvexDir({
      packageJsons: files.filter((f) => baseName(f.path) === 'package.json'),
      convexJsons: files.filter((f) => baseName(f.path) === 'convex.json'),
      ...(near ? { near } : {}),
    });
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
      entry = this.build(folder).catch((): Built => {
        // Unexpected failure: answer with what we know (nothing) and try again next time.
        if (this.cache.get(key) === entry) this.cache.delete(key);
        return { snapshot: { ...structuredClone(EMPTY_PROJECT), folderUri: key }, files: [] };
      });
      this.cache.set(key, entry);
    }
    return entry;
  }

  private async build(folder: vscode.WorkspaceFolder): Promise<Built> {
    const files = await readProjectFiles(folder.uri, await findProjectFiles(folder));
    const layout = findConvexDir({
      packageJsons: files.filter((f) => baseName(f.path) === 'package.json'),
      convexJsons: files.filter((f) => baseName(f.path) === 'convex.json'),
    });
    const convexInstalled = await installedConvexVersion(folder.uri, layout.projectRoot);
    const readAuthConfig = files.some((f) => isAuthConfigPath(f.path)) ? await authConfigReader() : undefined;
    const snapshot = buildSnapshot({
      folderUri: folder.uri.toString(),
      files,
      layout,
      uriOf: (path) => vscode.Uri.joinPath(folder.uri, path).toString(),
      ...(convexInstalled !== undefined ? { convexInstalled } : {}),
      ...(readAuthConfig ? { readAuthConfig } : {}),
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
    );
  }

  private onFileEvent(uri: vscode.Uri): void {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return;
    const rel = relativePathIn(folder.uri, uri);
    if (rel !== undefined && isProjectFile(rel)) this.invalidate(folder.uri);
  }

  /** Drops the cache at once (a request during the delay reads fresh files) and fires after the burst. */
  private invalidate(folder: vscode.Uri): void {
    if (this.disposed) return;
    const key = folder.toString();
    this.cache.delete(key);
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      this.changed.fire({ folder });
    }, CHANGE_DELAY_MS));
  }
}

async function installedConvexVersion(folder: vscode.Uri, projectRoot: string): Promise<string | undefined> {
  const text = await readText(vscode.Uri.joinPath(folder, joinPath(projectRoot, 'node_modules/convex/package.json')));
  if (text === undefined) return undefined;
  try {
    const version: unknown = (JSON.parse(text) as { version?: unknown }).version;
    return typeof version === 'string' ? version : undefined;
  } catch {
    return undefined;
  }
}

async function authConfigReader(): Promise<AuthConfigReader> {
  try {
    return (await loadAnalysis()).readAuthConfig;
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return (_text, path, uri) => ({
      path,
      uri,
      providers: [],
      problem: vscode.l10n.t('The auth config reader could not be loaded ({0}).', reason),
    });
  }
}
