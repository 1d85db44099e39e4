// Temporary Convex projects for the runner's tests: a convex/ folder copied from the sample or a fixture, the
// fixture's _generated/, and node_modules linked to this repository's (the real convex and its esbuild).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The repository: three folders up from this file under mocha; in the integration bundle (which runs from the
 * runner extension's folder) the parent of the node_modules it links to.
 */
function findRepo(): string {
  const up = path.resolve(__dirname, '..', '..', '..');
  if (fs.existsSync(path.join(up, 'test', 'fixtures', 'functions'))) return up;
  return path.dirname(fs.realpathSync(path.join(__dirname, 'node_modules')));
}

export const REPO = findRepo();
export const FIXTURES = path.join(REPO, 'test', 'fixtures', 'functions');
export const SAMPLE_CONVEX = path.join(REPO, 'sample', 'convex');

export interface TempProject {
  dir: string;
  functionsDir: string;
  remove(): void;
}

/** `sources`: folders whose files go into convex/ (later ones win); `edits` rewrite a copied file's text. */
export function tempProject(
  sources: string[],
  opts: { generated?: boolean; nodeModules?: boolean; edits?: Record<string, (text: string) => string> } = {},
): TempProject {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clerk-convex-run-'));
  const functionsDir = path.join(dir, 'convex');
  fs.mkdirSync(functionsDir);
  for (const src of sources) {
    for (const f of fs.readdirSync(src)) {
      if (f === '_generated' || f === 'README.md') continue;
      fs.cpSync(path.join(src, f), path.join(functionsDir, f), { recursive: true });
    }
  }
  if (opts.generated !== false)
    fs.cpSync(path.join(FIXTURES, '_generated'), path.join(functionsDir, '_generated'), { recursive: true });
  for (const [file, edit] of Object.entries(opts.edits ?? {})) {
    const p = path.join(functionsDir, file);
    fs.writeFileSync(p, edit(fs.readFileSync(p, 'utf8')));
  }
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'temp-convex-project', private: true }));
  if (opts.nodeModules !== false)
    fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return { dir, functionsDir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** The lesson's fix of the sample's messages.ts: await, the null check kept, `subject` instead of `userId`. */
export function fixSampleMessages(text: string): string {
  return text
    .replace('const identity = ctx.auth.getUserIdentity();', 'const identity = await ctx.auth.getUserIdentity();')
    .replace('identity.userId', 'identity.subject');
}
