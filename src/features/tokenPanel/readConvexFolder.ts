import * as vscode from 'vscode';
import type { ConvexFolderInfo } from '../../analysis/convexFunctions';
import { loadAnalysis } from '../../lazy';
import { isLoadedModule } from '../../project/sourceFiles';

const MAX_FILES = 300;
const MAX_FILE_BYTES = 512 * 1024;

/** The source files of a Convex functions folder, read and listed by the analysis (functions, tables, env reads). */
export async function readFolder(functionsDir: vscode.Uri): Promise<ConvexFolderInfo> {
  const files: { rel: string; text: string }[] = [];
  const walk = async (dir: vscode.Uri, rel: string, depth: number): Promise<void> => {
    if (depth > 6 || files.length >= MAX_FILES) return;
    let entries: [string, vscode.FileType][];
    try {
      entries = await vscode.workspace.fs.readDirectory(dir);
    } catch {
      return;
    }
    for (const [name, type] of entries.sort(([a], [b]) => a.localeCompare(b))) {
      const childRel = rel ? `${rel}/${name}` : name;
      if (name.startsWith('.') || name === 'node_modules' || name === '_generated') continue;
      const uri = vscode.Uri.joinPath(dir, name);
      if (type & vscode.FileType.Directory) await walk(uri, childRel, depth + 1);
      else if (isLoadedModule(childRel)) {
        try {
          const bytes = await vscode.workspace.fs.readFile(uri);
          if (bytes.byteLength <= MAX_FILE_BYTES) files.push({ rel: childRel, text: new TextDecoder().decode(bytes) });
        } catch {
          // unreadable: not listed
        }
      }
    }
  };
  await walk(functionsDir, '', 0);
  return (await loadAnalysis()).convexFolder(files);
}
