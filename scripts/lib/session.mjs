// One throw-away VS Code session: a fresh profile and extensions dir, our VSIX installed, a fresh copy of the
// sample project, and code-server on a free 127.0.0.1 port. Used by the integration and UI layers and the bench.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from './browser.mjs';
import {
  ensureCodeServer,
  freePort,
  installExtension,
  repoRoot,
  startCodeServer,
  workbenchUrl,
  writeUserSettings,
} from './codeServer.mjs';

export function copyDir(from, to) {
  fs.cpSync(from, to, { recursive: true, verbatimSymlinks: true });
}

/**
 * Copies an unpacked extension folder into the extensions dir and lists it in extensions.json: VS Code marks
 * folders it has no record of as removed.
 */
function addUnpackedExtension(extensionsDir, dir) {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const folderName = `${manifest.publisher}.${manifest.name}-${manifest.version}`;
  const target = path.join(extensionsDir, folderName);
  copyDir(dir, target);
  const registry = path.join(extensionsDir, 'extensions.json');
  const entries = fs.existsSync(registry) ? JSON.parse(fs.readFileSync(registry, 'utf8')) : [];
  entries.push({
    identifier: { id: `${manifest.publisher}.${manifest.name}` },
    version: manifest.version,
    location: { $mid: 1, fsPath: target, external: `file://${target}`, path: target, scheme: 'file' },
    relativeLocation: folderName,
    metadata: { installedTimestamp: Date.now(), pinned: true, source: 'vsix' },
  });
  fs.writeFileSync(registry, JSON.stringify(entries));
}

/**
 * Workspace trust on, and no startup question: a folder nobody has trusted yet opens straight in Restricted Mode,
 * as it does for a learner who answers "No, I don't trust the authors".
 */
const RESTRICTED_MODE_SETTINGS = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
};

/**
 * @param {{ vsix: string, env?: Record<string,string>, settings?: object, extraExtensions?: string[],
 *           workspace?: string | false, workspaceParent?: string, label: string, restrictedMode?: boolean }} opts
 * `workspaceParent`: the name of the folder the sample is copied into (the integration layer uses "build", a
 * name the extension leaves out inside a project, so every test shows it looks only below the workspace folder).
 */
export async function openSession(opts) {
  const paths = ensureCodeServer();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `clerk-convex-${opts.label}-`));
  const userDataDir = path.join(tmp, 'user-data');
  const extensionsDir = path.join(tmp, 'extensions');
  fs.mkdirSync(extensionsDir, { recursive: true });
  // The browser build of VS Code saves after a delay by default: tests save when they mean to (a fix a test reverts
  // must not reach the disk because the machine was slow, and a tab must stay dirty until the test saves it).
  writeUserSettings(userDataDir, {
    'files.autoSave': 'off',
    ...(opts.restrictedMode ? RESTRICTED_MODE_SETTINGS : {}),
    ...opts.settings,
  });
  if (opts.vsix) installExtension(paths, extensionsDir, userDataDir, opts.vsix);
  for (const dir of opts.extraExtensions ?? []) addUnpackedExtension(extensionsDir, dir);
  let workspace;
  if (opts.workspace !== false) {
    workspace = path.join(tmp, opts.workspaceParent ?? 'workspace', 'sample');
    copyDir(opts.workspace ?? path.join(repoRoot, 'sample'), workspace);
  }
  const port = await freePort();
  const logFile = path.join(tmp, 'code-server.log');
  const server = await startCodeServer({
    paths,
    port,
    userDataDir,
    extensionsDir,
    env: opts.env,
    logFile,
    workspaceTrust: opts.restrictedMode === true,
  });
  return {
    tmp,
    userDataDir,
    extensionsDir,
    workspace,
    logFile,
    baseUrl: server.url,
    url: workspace ? workbenchUrl(server.url, workspace) : server.url,
    /** Stops code-server and removes the session's folder, unless `keep` (a failed run's logs are read there). */
    stop: async ({ keep = false } = {}) => {
      await server.stop();
      if (keep) console.log(`(session files kept, logs under user-data/logs: ${tmp})`);
      else fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser({ colorScheme = 'dark', viewport = { width: 1400, height: 900 } } = {}) {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport, colorScheme, reducedMotion: 'no-preference' });
  // Decode Token from Clipboard reads the clipboard through the browser, as it does for a learner on code-server.
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  return { browser, context, page };
}

/** The extension host's log for this session, for failure messages. */
export function extensionHostLog(userDataDir) {
  const logs = path.join(userDataDir, 'logs');
  if (!fs.existsSync(logs)) return '';
  const found = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/exthost.*\.log$/.test(e.name)) found.push(p);
    }
  };
  walk(logs);
  return found.map((f) => `--- ${path.relative(logs, f)}\n${fs.readFileSync(f, 'utf8')}`).join('\n');
}
