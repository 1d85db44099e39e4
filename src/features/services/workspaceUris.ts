// A workspace file's identities: the model's file for a URI, its workspace-relative path, the open document.
import * as vscode from 'vscode';
import type { WorkspaceFile } from '../../workspace/types';
import { relativePathIn, utf8ByteLength } from '../project/workspaceFiles';
import { maxSourceBytes } from './sizeCap';

export function workspacePath(uri: vscode.Uri): string {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  return (folder && relativePathIn(folder.uri, uri)) ?? uri.path;
}

/** Whether a file of this size is analysed at all (the same rule for the editor's text and a file on disk). */
export function withinSizeCap(text: string, uri: vscode.Uri): boolean {
  return utf8ByteLength(text) <= maxSourceBytes(uri);
}

export function openDocument(key: string): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
}

/** The text documents a tab shows (a diff tab shows two). */
export function tabDocuments(tab: vscode.Tab): vscode.Uri[] {
  const input = tab.input;
  if (input instanceof vscode.TabInputText) return [input.uri];
  if (input instanceof vscode.TabInputTextDiff) return [input.original, input.modified];
  return [];
}

/** The document keys (URI strings) a set of tabs shows, each once. */
export function tabDocumentKeys(tabs: readonly vscode.Tab[]): Set<string> {
  return new Set(tabs.flatMap((t) => tabDocuments(t).map((u) => u.toString())));
}

/** Whether any tab shows this document. */
export function shownInTab(key: string): boolean {
  return vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => tabDocuments(t).some((u) => u.toString() === key)));
}

/** The open document the editor holds: shown in a tab, or with unsaved changes (WorkspaceIO.isOpen). */
export function heldDocument(key: string): vscode.TextDocument | undefined {
  const document = openDocument(key);
  return document && (document.isDirty || shownInTab(key)) ? document : undefined;
}

/** The model's file for a URI inside a workspace folder. */
export function fileOf(uri: vscode.Uri): WorkspaceFile | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const path = folder && relativePathIn(folder.uri, uri);
  if (!folder || path === undefined) return undefined;
  return { key: uri.toString(), path, folder: folder.uri.toString() };
}
