import * as vscode from 'vscode';
import { setCodeCacheDir } from '../bundleLoader';

/**
 * Keeps V8 code caches of the lazily loaded bundles in the extension's global storage (Node host only), so from
 * the second start on the parser and the command code arrive compiled. Holds compiled code of our own bundles only.
 */
export function enableCodeCache(extension: vscode.ExtensionContext): void {
  const storage = extension.globalStorageUri;
  if (storage.scheme === 'file') setCodeCacheDir(vscode.Uri.joinPath(storage, 'code-cache').fsPath);
}
