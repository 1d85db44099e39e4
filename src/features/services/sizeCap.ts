import * as vscode from 'vscode';

/**
 * clerkConvex.diagnostics.maxFileSizeKB in bytes, for a file or folder: a source file larger than this is neither
 * analysed in the editor nor read by the index (the same rule in both places, measured in UTF-8 bytes).
 */
export function maxSourceBytes(scope?: vscode.Uri): number {
  const kb = vscode.workspace.getConfiguration('clerkConvex.diagnostics', scope).get<number>('maxFileSizeKB', 512);
  return Math.max(1, Number.isFinite(kb) ? kb : 512) * 1024;
}
