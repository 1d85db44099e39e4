// Build mode: checks the learner's `convex` install and builds their convex/ folder with the esbuild that install
// carries, into a temporary folder. No learner code runs here; esbuild itself is a process it starts.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { isLoadedModule } from '../../../project/sourceFiles';
import { MIN_CONVEX, versionBelow } from '../convexTestPeer';
import { describeThrown } from '../describe';
import type { BuiltModule, LoadFailureKind, Reply } from '../protocol';

type Esbuild = {
  buildSync(o: Record<string, unknown>): { outputFiles?: { path: string; text: string }[] };
};

function sourceFiles(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const name = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.name.startsWith('.') || entry.name === 'node_modules' || entry.name === '_generated') continue;
    if (entry.isDirectory()) out.push(...sourceFiles(dir, name));
    else if (isLoadedModule(name)) out.push(name);
  }
  return out.sort();
}

export function build(projectDir: string, functionsDir: string, outdir: string): Reply {
  const fail = (kind: LoadFailureKind, message: string): Reply => ({ op: 'loadFailed', kind, message });
  const learnerRequire = createRequire(path.join(projectDir, 'package.json'));
  let convexPkg: string;
  try {
    convexPkg = learnerRequire.resolve('convex/package.json');
  } catch {
    return fail(
      'no-convex',
      'convex is not installed in this project (no node_modules/convex): run npm install first.',
    );
  }
  const declared = (JSON.parse(fs.readFileSync(convexPkg, 'utf8')) as { version?: unknown }).version;
  const version = typeof declared === 'string' ? declared : '0';
  if (versionBelow(version, MIN_CONVEX)) {
    return fail(
      'old-convex',
      `convex ${version} is installed; the exercise runs functions with convex-test, which needs convex ${MIN_CONVEX.join('.')} or later.`,
    );
  }
  const generated = path.join(functionsDir, '_generated');
  if (!['server.js', 'server.ts'].some((f) => fs.existsSync(path.join(generated, f)))) {
    return fail(
      'no-generated',
      `${path.relative(projectDir, generated) || '_generated'} is missing: run npx convex dev (or npx convex codegen) once to generate it.`,
    );
  }
  let esbuild: Esbuild;
  try {
    esbuild = createRequire(convexPkg)('esbuild') as Esbuild;
  } catch (err) {
    return fail('setup', `The esbuild that convex ${version} depends on could not be loaded: ${describeThrown(err)}`);
  }
  const files = sourceFiles(functionsDir);
  let outputs: { path: string; text: string }[];
  try {
    outputs =
      esbuild.buildSync({
        entryPoints: files.map((f) => path.join(functionsDir, f)),
        bundle: true,
        packages: 'external',
        platform: 'node',
        format: 'cjs',
        target: 'node18',
        write: false,
        outdir,
        outbase: functionsDir,
        absWorkingDir: projectDir,
        logLevel: 'silent',
        jsx: 'automatic',
        sourcemap: false,
      }).outputFiles ?? [];
  } catch (err) {
    const errors = (err as { errors?: { text: string; location?: { file: string; line: number } | null }[] }).errors;
    const first = errors?.[0];
    return fail(
      'build',
      first
        ? `${first.location ? `${first.location.file}:${first.location.line}: ` : ''}${first.text}`
        : describeThrown(err),
    );
  }
  const modules: BuiltModule[] = [];
  for (const out of outputs) {
    const rel = path.relative(outdir, out.path).split(path.sep).join('/').replace(/\.js$/, '');
    const source = files.find((f) => f.replace(/\.[^.]+$/, '') === rel) ?? `${rel}.ts`;
    fs.mkdirSync(path.dirname(out.path), { recursive: true });
    fs.writeFileSync(out.path, out.text);
    modules.push({ source, out: out.path });
  }
  return { op: 'built', modules, convexVersion: version };
}
