// The README's pictures: files in the repository, small, and shown the way the Marketplace needs them. vsce
// rewrites a relative image link to https://github.com/<repository>/raw/HEAD/<path> (the Marketplace refuses
// non-https images), so the packaged README, on the Marketplace, on Open VSX and in VS Code's extension page alike,
// loads them from GitHub: copies in the VSIX would never be read (136 KB of its ~1 MB), and .vscodeignore leaves
// them out.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodePng } from '../../../scripts/lib/png.mjs';

const root = path.resolve(__dirname, '..', '..', '..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const pictures = [...readme.matchAll(/!\[([^\]]*)\]\(([^)\s]+)\)/g)].map((m) => ({ alt: m[1], link: m[2] }));
const MAX_BYTES = 200 * 1024;

describe('the README’s pictures', () => {
  it('are the four the UI test takes, as small PNGs under media/readme/, each with alt text', () => {
    assert.deepEqual(
      pictures.map((p) => p.link),
      ['walkthrough', 'quick-fix', 'token-panel', 'exercise'].map((n) => `media/readme/${n}.png`),
    );
    for (const { alt, link } of pictures) {
      assert.ok(alt.length > 20, `${link}: alt text`);
      const bytes = fs.readFileSync(path.join(root, link));
      assert.ok(bytes.length < MAX_BYTES, `${link} is ${bytes.length} bytes`);
      const { width, height } = decodePng(bytes);
      assert.ok(width >= 400 && width <= 1400 && height >= 150 && height <= 1100, `${link} is ${width}×${height}`);
    }
  });

  it('become https links on GitHub when vsce processes the README, and nothing in it stops vsce', async () => {
    const { ReadmeProcessor } = (await import(
      path.join(root, 'node_modules', '@vscode', 'vsce', 'out', 'package.js')
    )) as {
      ReadmeProcessor: new (
        manifest: unknown,
        options: object,
      ) => {
        onFile(file: { path: string; localPath: string }): Promise<{ contents: Buffer | string }>;
      };
    };
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      repository: { url: string };
    };
    const repo = /github\.com\/([^/]+\/[^/.]+)/.exec(manifest.repository.url)?.[1];
    assert.ok(repo, manifest.repository.url);
    const processed = await new ReadmeProcessor(manifest, {}).onFile({
      path: 'extension/README.md',
      localPath: path.join(root, 'README.md'),
    });
    const text = processed.contents.toString();
    for (const { link } of pictures) assert.ok(text.includes(`](https://github.com/${repo}/raw/HEAD/${link})`), link);
    assert.ok(text.includes(`](https://github.com/${repo}/blob/HEAD/docs/reference.md)`), 'the reference page link');
  });

  it('are not in the VSIX (vsce ls), nor are the linked docs: the packaged README links both on GitHub', function () {
    this.timeout(60_000);
    // vsce walks the whole folder before applying .vscodeignore (a minute with the snippet fixture's 700 MB of
    // node_modules): list a copy holding what decides the answer, the manifest, .vscodeignore and the files.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clerk-convex-vsce-ls-'));
    try {
      for (const f of ['package.json', 'package.nls.json', 'README.md', 'CHANGELOG.md', 'LICENSE', '.vscodeignore'])
        fs.copyFileSync(path.join(root, f), path.join(dir, f));
      for (const d of ['media', 'docs']) fs.cpSync(path.join(root, d), path.join(dir, d), { recursive: true });
      const listed = execFileSync(
        process.execPath,
        [path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'ls', '--no-dependencies'],
        { cwd: dir, encoding: 'utf8' },
      ).split('\n');
      for (const { link } of pictures) assert.ok(!listed.includes(link), `${link} is in the package`);
      for (const icon of ['media/icon.png', 'media/icon-mono.svg'])
        assert.ok(listed.includes(icon), `${icon} is packaged`);
      assert.ok(!listed.some((f) => f.startsWith('docs/')), 'docs/ is linked, not packaged');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
