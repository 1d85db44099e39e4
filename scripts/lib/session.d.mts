import type { Browser, BrowserContext, Page } from 'playwright-core';

export interface Session {
  tmp: string;
  userDataDir: string;
  extensionsDir: string;
  workspace?: string;
  logFile: string;
  baseUrl: string;
  url: string;
  /** Stops code-server and removes the session folder, unless `keep`. */
  stop(options?: { keep?: boolean }): Promise<void>;
}
export function openSession(opts: {
  vsix?: string;
  label: string;
  env?: Record<string, string>;
  settings?: Record<string, unknown>;
  extraExtensions?: string[];
  workspace?: string | false;
  /** The folder the workspace is copied into (default "workspace"). */
  workspaceParent?: string;
  /** Workspace trust on and the folder untrusted: the workbench opens in Restricted Mode. */
  restrictedMode?: boolean;
}): Promise<Session>;
export function launchBrowser(opts?: {
  colorScheme?: 'dark' | 'light';
  viewport?: { width: number; height: number };
}): Promise<{ browser: Browser; context: BrowserContext; page: Page }>;
export function extensionHostLog(userDataDir: string): string;
export function copyDir(from: string, to: string): void;
