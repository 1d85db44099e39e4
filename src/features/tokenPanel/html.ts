import * as vscode from 'vscode';
import { panelCore } from '../../lazy';

/** 128 random bits from the platform CSPRNG (Web Crypto exists in Node 20 and in the web worker host). */
export function makeNonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The folder the webview may load from: the built assets only, nothing from the workspace. */
export function webviewRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
}

/** A fresh nonce on every load of the page; `initialState` is inlined so the page draws before any message. */
export function panelHtml(
  webview: vscode.Webview,
  extensionUri: vscode.Uri,
  title: string,
  initialState: unknown,
): string {
  const root = webviewRoot(extensionUri);
  return panelCore().panelShell({
    cspSource: webview.cspSource,
    asset: (name) => webview.asWebviewUri(vscode.Uri.joinPath(root, name)).toString(),
    nonce: makeNonce(),
    lang: vscode.env.language,
    title,
    initialState,
  });
}
