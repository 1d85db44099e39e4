// Temporary Convex projects for the runner's tests: a convex/ folder copied from the sample or a fixture, the
// fixture's _generated/, and node_modules linked to this repository's (the real convex and its esbuild).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const REPO = path.resolve(__dirname, '..', '..', '..');
export const FIXTURES = path.join(REPO, 'test', 'fixtures', 'functions');
export const SAMPLE_CONVEX = path.join(REPO, 'sample', 'convex');

export interface TempProject {
  dir: string;
  functionsDir: string;
  remove(): void;
}

/** `sources`: folders whose files go into convex/ (later ones win); `edits` rewrite a copied file's text. */
export function tempProject(sources: string[], opts: { generated?: boolean; nodeModules?: boolean; edits?: Record<string, (text: string) => string> } = {}): TempProject {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clerk-convex-run-'));
  const functionsDir = path.join(dir, 'convex');
  fs.mkdirSync(functionsDir);
  for (const src of sources) {
    for (const f of fs.readdirSync(src)) {
      if (f === '_generated' || f === 'README.md') continue;
      fs.cpSync(path.join(src, f), path.join(functionsDir, f), { recursive: true });
    }
  }
  if (opts.generated !== false) fs.cpSync(path.join(FIXTURES, '_generated'), path.join(functionsDir, '_generated'), { recursive: true });
  for (const [file, edit] of Object.entries(opts.edits ?? {})) {
    const p = path.join(functionsDir, file);
    fs.writeFileSync(p, edit(fs.readFileSync(p, 'utf8')));
  }
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'temp-convex-project', private: true }));
  if (opts.nodeModules !== false) fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return { dir, functionsDir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** The lesson's fix of the sample's messages.ts: await, the null check kept, `subject` instead of `userId`. */
export function fixSampleMessages(text: string): string {
  return text
    .replace('const identity = ctx.auth.getUserIdentity();', 'const identity = await ctx.auth.getUserIdentity();')
    .replace('identity.userId', 'identity.subject');
}

/** The runner's child under tsx, with the limits the extension uses unless a test narrows them. */
export function childUnderTsx(): { entry: string; execArgv: string[] } {
  return { entry: path.join(REPO, 'src', 'handoff', 'run', 'child.ts'), execArgv: ['--require', require.resolve('tsx/cjs')] };
}
