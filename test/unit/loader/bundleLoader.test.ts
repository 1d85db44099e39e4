import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadedFromCache, requireBundle, setCodeCacheDir, writeCodeCaches } from '../../../src/bundleLoader';

/** Forgets what this process loaded (the cache dir on disk stays). */
function newHost(): void {
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('clerkConvex.bundleLoader')];
}

const loaderSource = path.resolve(__dirname, '../../../src/bundleLoader.ts');

/**
 * Loads the bundle in a new Node process, as the next extension host start would. In-process, V8's own
 * compilation cache would answer for a source it has already seen and never look at the code cache.
 */
function nextHost(cacheDir: string, bundle: string): { fromCache: boolean; answer: number; written: number } {
  const script = `const l = require(${JSON.stringify(loaderSource)}); l.setCodeCacheDir(${JSON.stringify(cacheDir)});`
    + `const b = l.requireBundle(${JSON.stringify(bundle)});`
    + 'l.writeCodeCaches().then((written) => process.stdout.write(JSON.stringify({ fromCache: l.loadedFromCache('
    + `${JSON.stringify(bundle)}), answer: b.answer(), written })));`;
  return JSON.parse(execFileSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { encoding: 'utf8' })) as never;
}

describe('bundleLoader (lazily loaded bundles with a V8 code cache)', () => {
  let dir: string;
  let cacheDir: string;
  let bundle: string;
  const source = (answer: number) => `let n = 0; exports.count = () => ++n; exports.answer = () => ${answer}; exports.dir = __dirname;`;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-loader-'));
    cacheDir = path.join(dir, 'storage', 'code-cache');
    bundle = path.join(dir, 'analysis.js');
    fs.writeFileSync(bundle, source(41));
    newHost();
  });
  afterEach(() => {
    newHost();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('evaluates a bundle once per host with CommonJS globals', () => {
    setCodeCacheDir(undefined);
    const a = requireBundle(bundle) as { count(): number; answer(): number; dir: string };
    const b = requireBundle(bundle) as typeof a;
    assert.equal(a, b);
    assert.equal(a.count(), 1);
    assert.equal(b.count(), 2);
    assert.equal(a.answer(), 41);
    assert.equal(a.dir, dir);
  });

  it('without a cache dir writes nothing', async () => {
    setCodeCacheDir(undefined);
    requireBundle(bundle);
    assert.equal(await writeCodeCaches(), 0);
    assert.equal(fs.existsSync(cacheDir), false);
  });

  it('writes a cache that the next host uses', async () => {
    setCodeCacheDir(cacheDir);
    requireBundle(bundle);
    assert.equal(loadedFromCache(bundle), false);
    assert.equal(await writeCodeCaches(), 1);
    assert.ok(fs.statSync(path.join(cacheDir, 'analysis.js.v8cache')).size > 0);
    assert.equal(await writeCodeCaches(), 0, 'nothing left to write');

    assert.deepEqual(nextHost(cacheDir, bundle), { fromCache: true, answer: 41, written: 0 });
  });

  it('never runs a cache of an older bundle of the same length', async () => {
    setCodeCacheDir(cacheDir);
    requireBundle(bundle);
    await writeCodeCaches();
    fs.writeFileSync(bundle, source(42)); // same length, new content
    fs.utimesSync(bundle, new Date(), new Date(Date.now() + 5000));

    assert.deepEqual(nextHost(cacheDir, bundle), { fromCache: false, answer: 42, written: 1 });
    assert.deepEqual(nextHost(cacheDir, bundle), { fromCache: true, answer: 42, written: 0 });
  });

  it('survives a corrupt cache file and replaces it', async () => {
    setCodeCacheDir(cacheDir);
    requireBundle(bundle);
    await writeCodeCaches();
    const file = path.join(cacheDir, 'analysis.js.v8cache');
    const bytes = fs.readFileSync(file);
    const newline = bytes.indexOf(10);
    fs.writeFileSync(file, Buffer.concat([bytes.subarray(0, newline + 1), Buffer.from('not a code cache at all')]));

    assert.deepEqual(nextHost(cacheDir, bundle), { fromCache: false, answer: 41, written: 1 });
    assert.deepEqual(nextHost(cacheDir, bundle), { fromCache: true, answer: 41, written: 0 });
  });

  it('keeps working when the cache dir cannot be written', async () => {
    const blocker = path.join(dir, 'file-not-dir');
    fs.writeFileSync(blocker, '');
    setCodeCacheDir(path.join(blocker, 'code-cache'));
    const loaded = requireBundle(bundle) as { answer(): number };
    assert.equal(loaded.answer(), 41);
    assert.equal(await writeCodeCaches(), 0);
  });

  it('reports a syntax error in a bundle as an exception from requireBundle, not later', () => {
    setCodeCacheDir(cacheDir);
    const broken = path.join(dir, 'broken.js');
    fs.writeFileSync(broken, 'exports.x = (;');
    assert.throws(() => requireBundle(broken), SyntaxError);
    assert.equal(loadedFromCache(broken), undefined);
  });
});
