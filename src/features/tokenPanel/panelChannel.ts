import * as vscode from 'vscode';
import { panelCore } from '../../lazy';
import type { HostMessage, PanelSnapshot, PanelView } from '../../protocol/panel';
import { panelStrings } from './strings';

export type InitMessage = Extract<HostMessage, { type: 'init' }>;

export function panelSettings(): { animate: boolean; trusted: boolean } {
  const animation = vscode.workspace.getConfiguration('clerkConvex.tokenPanel').get<string>('animation', 'auto');
  return { animate: animation !== 'off', trusted: vscode.workspace.isTrusted };
}

export function initMessage(view: PanelView): InitMessage {
  const { animate, trusted } = panelSettings();
  return { type: 'init', strings: panelStrings(), view, animate, trusted, scenarios: [...panelCore().SCENARIOS] };
}

/**
 * The way to the page. Everything the page shows is kept by the host and sent whole when the page (re)loads, so
 * nothing is replayed message by message.
 */
export class PanelChannel {
  private ready = false;
  private closed = false;
  private state: PanelSnapshot;

  constructor(
    private readonly webview: vscode.Webview,
    view: PanelView,
  ) {
    const { animate, trusted } = panelSettings();
    this.state = panelCore().initialSnapshot(view, animate, trusted);
  }

  /** Every change goes into the host's state; the page gets it now if it is there, else whole on its next `ready`. */
  post(message: HostMessage): void {
    if (this.closed) return;
    this.state = panelCore().applyHostMessage(this.state, message);
    if (this.ready) this.postNow(message);
  }

  /** The webview (re)loaded: strings and settings, then the whole state. */
  replay(init: InitMessage): void {
    this.ready = true;
    // The page drew from the copy inlined in its HTML; this one brings it up to date (tab, settings changed since).
    this.postNow(init);
    this.postNow({ type: 'state', state: structuredClone(this.state) });
  }

  /** A hidden webview is gone (no retainContextWhenHidden): what is posted meanwhile waits for its next `ready`. */
  hidden(): void {
    this.ready = false;
  }

  close(): void {
    this.closed = true;
  }

  private postNow(message: HostMessage): void {
    // Work that finishes after the tab was closed (a project re-read, the function list) has nowhere to go.
    if (this.closed) return;
    void this.webview.postMessage(message);
  }
}
