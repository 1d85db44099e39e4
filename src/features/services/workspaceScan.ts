// Listing a workspace folder's source files for the index: walked and pre-filtered by the worker where it reads the
// disk, searched with workspace.findFiles elsewhere, or probed where nothing can search.
import * as vscode from 'vscode';
import { isIndexedSource, SOURCE_EXCLUDE_GLOB, SOURCE_GLOB } from '../../project/sourceFiles';
import type { DiskFile } from '../../worker/protocol';
import type { WorkspaceFile } from '../../workspace/types';
import type { Log } from '../log';
import { readText, relativePathIn } from '../project/workspaceFiles';
import type { AnalysisService } from './analysisService';
import { maxSourceBytes } from './sizeCap';

/** Files per pre-filter message to the worker: small files read in ~10 µs each, so a batch takes milliseconds. */
const PREFILTER_BATCH = 250;
// Enough for a large monorepo; files that mention neither Clerk nor Convex cost a read and a pre-filter only.
export const MAX_FILES = 10_000;
// Where the lesson's files usually are, probed directly when the file system has no search provider.
const PROBES = [
  'app/layout.tsx',
  'src/app/layout.tsx',
  'app/ConvexClientProvider.tsx',
  'components/ConvexClientProvider.tsx',
  'src/components/ConvexClientProvider.tsx',
  'app/providers.tsx',
  'src/main.tsx',
  'src/main.jsx',
  'src/App.tsx',
];

/**
 * The source files of a workspace folder worth analysing, in batches: a local folder is walked and pre-filtered
 * by the worker (the kept texts wait there for their analyses), any other (or one the worker could not walk)
 * searched with workspace.findFiles, or, without a search provider, the usual places probed.
 */
export async function* scanFolder(analysis: AnalysisService, log: Log, key: string): AsyncGenerator<WorkspaceFile[]> {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.toString() === key);
  if (!folder) return;
  const listed = await analysis.listSources(folder.uri, MAX_FILES);
  const paths = listed?.paths ?? (await searchSources(folder, log));
  const fileAt = (path: string): WorkspaceFile => ({
    key: vscode.Uri.joinPath(folder.uri, path).toString(),
    path,
    folder: key,
  });
  if (!analysis.readsDisk(folder.uri)) {
    yield paths.map(fileAt);
    return;
  }
  const maxBytes = maxSourceBytes(folder.uri);
  // Spelt as diskFile() spells it, so the analyses find the texts the pre-filter kept.
  const root = vscode.Uri.parse(key).fsPath;
  const prefilter = (start: number): Promise<number[] | undefined> =>
    analysis.prefilter(
      paths.slice(start, start + PREFILTER_BATCH).map((path) => diskPath(root, path)),
      maxBytes,
    );
  // One batch asked for ahead: the worker reads it while the host takes the one before (a round trip each).
  let ahead = paths.length > 0 ? prefilter(0) : undefined;
  for (let start = 0; ahead; start += PREFILTER_BATCH) {
    const kept = await ahead;
    ahead = start + PREFILTER_BATCH < paths.length ? prefilter(start + PREFILTER_BATCH) : undefined;
    const batch = paths.slice(start, start + PREFILTER_BATCH);
    // Undefined: the worker could not (a slow disk); each file is then read on its own. Only the files kept get
    // their URIs: a monorepo's scan drops nearly all of its thousands (4,839 of the 4,949 listed in the bench's
    // monorepo).
    yield (kept ? kept.map((i) => batch[i]) : batch).map(fileAt);
  }
}

async function searchSources(folder: vscode.WorkspaceFolder, log: Log): Promise<string[]> {
  let found: vscode.Uri[] = [];
  try {
    found = await vscode.workspace.findFiles(
      new vscode.RelativePattern(folder, SOURCE_GLOB),
      SOURCE_EXCLUDE_GLOB,
      MAX_FILES,
    );
  } catch {
    // No search provider (some virtual file systems): the probes below still find the usual layout.
  }
  if (found.length === 0) {
    for (const p of PROBES) {
      const uri = vscode.Uri.joinPath(folder.uri, p);
      if ((await readText(uri, maxSourceBytes(uri), log)) !== undefined) found.push(uri);
    }
  }
  return found.flatMap((uri) => {
    const rel = relativePathIn(folder.uri, uri);
    return rel !== undefined && isIndexedSource(rel) ? [rel] : [];
  });
}

/**
 * Where the worker reads a file (Node's fs takes "/" on every platform), spelt the same for the pre-filter and
 * the analysis: the text the pre-filter keeps in the worker is found again by it.
 */
export function diskFile(file: WorkspaceFile): DiskFile {
  return diskPath(vscode.Uri.parse(file.folder).fsPath, file.path);
}

function diskPath(root: string, path: string): DiskFile {
  return { path, fsPath: `${root}/${path}` };
}
