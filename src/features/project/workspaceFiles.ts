import * as vscode from 'vscode';
import type { ProjectFile } from '../../project/convexDir';
import { isLocalEnvFileName, LOCAL_ENV_FILE_NAMES } from '../../project/envFiles';
import { baseName } from '../../project/paths';
import { COMBINED_SEARCH, PROJECT_SEARCHES, splitCombined } from '../../project/projectSearches';
import { isAuthConfigPath } from '../../project/snapshot';
import { inExcludedDir, PROJECT_EXCLUDE_GLOB } from '../../project/sourceFiles';
import { utf8ByteLength } from '../../project/textSize';
import { logFailure, type Log } from '../log';
import { isLocalAbsence, isLocalDirectory, isLocalFile, onLocalDisk, readLocalFile } from './localDisk';

export { utf8ByteLength };

// Finding and reading the handful of files the project layer cares about, through workspace.fs so that
// virtual workspaces (vscode.dev, remote file systems) work the same as local folders.

/** The watcher's glob; events (and search results) are narrowed by `isProjectFile`. */
// The install markers (npm's hidden lockfile, pnpm's and Yarn's state files) are direct children of node_modules,
// which files.watcherExclude's `**/node_modules/*/**` leaves watched: every install ends by writing one.
const INSTALL_MARKERS = ['.package-lock.json', '.modules.yaml', '.yarn-state.yml'];
// node_modules itself too: VS Code reports a deleted folder once, not each file in it.
export const PROJECT_FILE_GLOB = `{**/auth.config.*,**/.env*,**/package.json,**/convex.json,**/node_modules,${INSTALL_MARKERS.map((m) => `**/node_modules/${m}`).join(',')}}`;

/** node_modules/<marker> (a package install just finished) or node_modules itself (created or deleted). */
export function isInstallMarker(relativePath: string): boolean {
  const segments = relativePath.split('/');
  const last = segments[segments.length - 1];
  return (
    last === 'node_modules' || (segments[segments.length - 2] === 'node_modules' && INSTALL_MARKERS.includes(last))
  );
}
const EXCLUDE_GLOB = PROJECT_EXCLUDE_GLOB;
/** Config files larger than this are not configuration (source files use clerkConvex.diagnostics.maxFileSizeKB). */
export const MAX_CONFIG_BYTES = 1024 * 1024;
// Checked directly as well: some virtual file systems have no search provider, and an experimental setting can
// make findFiles honour .gitignore, which usually lists .env.local.
const ROOT_PROBES = [
  'package.json',
  'convex.json',
  'convex/auth.config.ts',
  'convex/auth.config.js',
  ...LOCAL_ENV_FILE_NAMES,
];

export function isProjectFile(relativePath: string): boolean {
  if (inExcludedDir(relativePath)) return false;
  const name = baseName(relativePath);
  return (
    name === 'package.json' || name === 'convex.json' || isLocalEnvFileName(name) || isAuthConfigPath(relativePath)
  );
}

/** Workspace-relative path with "/", or undefined when `uri` is not inside `folder`. */
export function relativePathIn(folder: vscode.Uri, uri: vscode.Uri): string | undefined {
  if (uri.scheme !== folder.scheme || uri.authority !== folder.authority) return undefined;
  const root = folder.path.endsWith('/') ? folder.path : `${folder.path}/`;
  if (uri.path.startsWith(root)) return uri.path.slice(root.length);
  // Windows drive letters reach us in either case ("/c:/…" from one API, "/C:/…" from another).
  const drive = /^\/[a-zA-Z]:\//;
  if (
    drive.test(root) &&
    uri.path.slice(0, 3).toLowerCase() === root.slice(0, 3).toLowerCase() &&
    uri.path.slice(3).startsWith(root.slice(3))
  ) {
    return uri.path.slice(root.length);
  }
  return undefined;
}

export async function findProjectFiles(folder: vscode.WorkspaceFolder, log: Log): Promise<string[]> {
  const paths = new Set<string>();
  const search = async (glob: string, limit: number): Promise<string[]> => {
    try {
      const found = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, glob), EXCLUDE_GLOB, limit);
      // One entry per result ('' for none outside the folder), so a result cut at its limit still counts as cut.
      return found.map((uri) => relativePathIn(folder.uri, uri) ?? '');
    } catch (e) {
      // Usually no search provider for this scheme: the root probes below still find the usual layout. Logged as a
      // warning because on a local disk it would mean the project reads as empty beyond its root.
      logFailure(log, `find project files (${glob})`, e, folder.uri.toString(), 'warn');
      return [];
    }
  };
  const found =
    splitCombined(await search(COMBINED_SEARCH.glob, COMBINED_SEARCH.limit)) ??
    (await Promise.all(PROJECT_SEARCHES.map((s) => search(s.glob, s.limit)))).flat();
  for (const rel of found) if (isProjectFile(rel)) paths.add(rel);
  const probes = ROOT_PROBES.filter((p) => !paths.has(p));
  const exists = await Promise.all(probes.map((p) => isFile(vscode.Uri.joinPath(folder.uri, p))));
  probes.forEach((p, i) => {
    if (exists[i]) paths.add(p);
  });
  return [...paths].sort();
}

export async function readProjectFiles(
  folder: vscode.Uri,
  paths: readonly string[],
  log?: Log,
): Promise<ProjectFile[]> {
  const texts = await Promise.all(paths.map((p) => readText(vscode.Uri.joinPath(folder, p), MAX_CONFIG_BYTES, log)));
  const files: ProjectFile[] = [];
  paths.forEach((path, i) => {
    const text = texts[i];
    if (text !== undefined) files.push({ path, text });
  });
  return files;
}

function isAbsence(err: unknown): boolean {
  return (
    isLocalAbsence(err) ||
    (err instanceof vscode.FileSystemError &&
      (err.code === 'FileNotFound' || err.code === 'FileIsADirectory' || err.code === 'EntryNotFound'))
  );
}

const utf8 = new TextDecoder('utf-8');

/**
 * The one text reader: the file's text, or undefined when it does not exist or is larger than `maxBytes`.
 * A file that exists but cannot be read is logged (with `log`) and also answers undefined.
 */
export async function readText(uri: vscode.Uri, maxBytes = MAX_CONFIG_BYTES, log?: Log): Promise<string | undefined> {
  try {
    const bytes = onLocalDisk(uri) ? await readLocalFile(uri, maxBytes) : await vscode.workspace.fs.readFile(uri);
    if (!bytes || bytes.byteLength > maxBytes) return undefined;
    return utf8.decode(bytes);
  } catch (err) {
    if (log && !isAbsence(err)) logFailure(log, 'read file', err, uri.toString());
    return undefined;
  }
}

async function isFile(uri: vscode.Uri): Promise<boolean> {
  try {
    if (onLocalDisk(uri)) return await isLocalFile(uri);
    return ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.File) !== 0;
  } catch {
    return false;
  }
}

/** What is at `uri` now: a file, a folder, or nothing (an unreadable path counts as nothing, logged). */
export async function pathKind(uri: vscode.Uri, log?: Log): Promise<'file' | 'folder' | undefined> {
  try {
    if (onLocalDisk(uri)) return (await isLocalDirectory(uri)) ? 'folder' : 'file';
    return ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.Directory) !== 0 ? 'folder' : 'file';
  } catch (err) {
    if (log && !isAbsence(err)) logFailure(log, 'look at a created or deleted path', err, uri.toString());
    return undefined;
  }
}

/** Whether anything (a file or a folder) is at `uri`. */
export async function pathExists(uri: vscode.Uri): Promise<boolean> {
  return (await pathKind(uri)) !== undefined;
}

/** Whether a folder (just created) holds any file the project layer reads. */
export async function holdsProjectFiles(dir: vscode.Uri): Promise<boolean> {
  try {
    const found = await vscode.workspace.findFiles(
      new vscode.RelativePattern(dir, COMBINED_SEARCH.glob),
      EXCLUDE_GLOB,
      1,
    );
    return found.length > 0;
  } catch {
    // No search provider for this scheme: assume it may (a re-read costs little, a stale project misleads).
    return true;
  }
}
