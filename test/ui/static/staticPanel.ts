// Opens the built webview (dist/webview) in Debian Chromium as a plain page, with the same CSP shell the host
// writes, a stand-in for acquireVsCodeApi, theme variables, and a Node-side stand-in host (./host.ts, bundled by
// esbuild with `vscode` replaced by an l10n stub). Records CSP violations, dialogs and page errors.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { panelShell } from '../../../src/protocol/shell';
import type { StaticHost } from './host';

const root = path.resolve(__dirname, '..', '..', '..');
const assets = path.join(root, 'dist', 'webview');
const outDir = path.join(root, 'out', 'ui-static');

export type Theme = 'dark' | 'light' | 'high-contrast';

export interface StaticPanel {
  page: Page;
  host: StaticHost;
  /** CSP violations, dialogs and uncaught page errors seen so far. */
  problems(): Promise<string[]>;
  close(): Promise<void>;
}

const SHIM = `
(() => {
  const params = new URLSearchParams(location.search);
  document.body.classList.add('vscode-' + (params.get('theme') || 'dark'));
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = '/themes.css';
  document.head.appendChild(link);
  let state;
  window.acquireVsCodeApi = () => ({
    postMessage: (m) => window.__toHost(m),
    setState: (s) => { state = s; window.__state = s; },
    getState: () => state,
  });
})();
`;

async function loadHost(): Promise<typeof import('./host')> {
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, 'host.cjs');
  await esbuild.build({
    entryPoints: [path.join(__dirname, 'host.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: file,
    logLevel: 'warning',
    alias: { vscode: path.join(__dirname, 'vscodeStub.ts') },
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(file) as typeof import('./host');
}

function serve(nonce: string): Promise<http.Server> {
  const types: Record<string, string> = {
    '.js': 'text/javascript',
    '.css': 'text/css',
    '.ttf': 'font/ttf',
    '.html': 'text/html',
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const origin = `http://${req.headers.host ?? ''}`;
    if (url.pathname === '/' || url.pathname === '/index.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        panelShell({
          cspSource: origin,
          asset: (n) => `${origin}/${n}`,
          nonce,
          lang: 'en',
          title: 'Token Flow',
          preludeScripts: [`${origin}/shim.js`],
        }),
      );
      return;
    }
    if (url.pathname === '/shim.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(SHIM);
      return;
    }
    const file =
      url.pathname === '/themes.css'
        ? path.join(__dirname, 'themes.css')
        : path.join(assets, path.basename(url.pathname));
    if (!fs.existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Runs in the page before its own scripts (CDP injection, so the page's CSP does not apply to it). */
export const WATCH_VIOLATIONS = `window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));`;

/** Delivers a host message the way VS Code does: a window message event in the webview. */
export function postToWebview(message: unknown): void {
  (globalThis as unknown as { postMessage(m: unknown, target: string): void }).postMessage(message, '*');
}

let browser: Browser | undefined;

export async function openStaticPanel(opts: {
  theme: Theme;
  animate?: boolean;
  reducedMotion?: boolean;
  trusted?: boolean;
  width?: number;
  height?: number;
}): Promise<StaticPanel> {
  if (!fs.existsSync(path.join(assets, 'panel.js')))
    throw new Error('dist/webview/panel.js is missing: run node scripts/build.mjs first');
  const { createStaticHost } = await loadHost();
  const host = createStaticHost({ animate: opts.animate ?? true, trusted: opts.trusted ?? true });
  const nonce = Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(16))).toString('hex');
  const server = await serve(nonce);
  const port = (server.address() as AddressInfo).port;
  browser ??= await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 1100, height: opts.height ?? 900 },
    reducedMotion: opts.reducedMotion ? 'reduce' : 'no-preference',
    colorScheme: opts.theme === 'light' ? 'light' : 'dark',
  });
  const page = await context.newPage();
  const seen: string[] = [];
  page.on('dialog', (d) => {
    seen.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (e) => seen.push(`pageerror: ${e.message}`));
  await page.addInitScript({ content: WATCH_VIOLATIONS });
  await page.exposeFunction('__toHost', async (m: unknown) => {
    for (const reply of await host.receive(m)) await page.evaluate(postToWebview, reply);
  });
  await page.goto(`http://127.0.0.1:${port}/?theme=${opts.theme}`);
  await page.waitForSelector('.diagram');
  return {
    page,
    host,
    problems: async () => [...seen, ...(await page.evaluate<string[]>('window.__violations'))],
    close: async () => {
      await context.close();
      await host.close();
      await new Promise((r) => server.close(r));
    },
  };
}

export async function closeBrowser(): Promise<void> {
  await browser?.close();
  browser = undefined;
}
