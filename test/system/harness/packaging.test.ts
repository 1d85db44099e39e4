// Packaging as publishers do it now: vsce 4 scans every file it packages for secrets (secretlint's recommended
// rules, and no `.env` file) and refuses to package on a finding. The sample ships its placeholder keys in
// `.env.local`: the scan passes on them, and would catch a real-shaped secret. `npm run release:check` runs the
// real `vsce package --pre-release` and `ovsx publish` (to a registry stand-in).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');

interface LintResult {
  ok: boolean;
  results: { ruleId?: string; filePath?: string; message?: string }[];
}
interface SecretLint {
  lintFiles(files: string[], scanSecrets: boolean, scanDotEnv: boolean): Promise<LintResult>;
}
const secretLint = () =>
  import(path.join(root, 'node_modules', '@vscode', 'vsce', 'out', 'secretLint.js')) as Promise<SecretLint>;

describe('packaging: vsce’s secret scan and the sample’s placeholder keys', function () {
  this.timeout(60_000);

  it('the sample as packaged (its .env.local with the placeholder keys included) passes vsce’s secret scan', async () => {
    // The sample ships whole (.vscodeignore: !sample/**, without node_modules); `vsce package` scans the rest of
    // the package too, in npm test's build and in npm run release:check.
    const walk = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) return ['node_modules', '.next'].includes(e.name) ? [] : walk(full);
        return /\.(jpg|jpeg|png|gif|svg)$/i.test(e.name) ? [] : [full];
      });
    const files = walk(path.join(root, 'sample'));
    assert.ok(files.includes(path.join(root, 'sample', '.env.local')), 'the sample ships its env file');
    const env = fs.readFileSync(path.join(root, 'sample', '.env.local'), 'utf8');
    assert.match(env, /^NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=pk_test_\S+$/m);
    assert.match(env, /^CLERK_SECRET_KEY=sk_test_\S+$/m);
    const result = await (await secretLint()).lintFiles(files, true, true);
    assert.deepEqual(result.results, []);
    assert.equal(result.ok, true);
  });

  it('the scan is live: it flags a `.env` file and a real-shaped GitHub token (so the pass above means something)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secret-scan-'));
    try {
      fs.writeFileSync(path.join(dir, '.env'), 'A=1\n');
      // Built at run time so no token-shaped string sits in this repository.
      const token = ['ghp', '_', 'R'.repeat(6), 'aB3dE5gH7jK9mN1pQ3sT5vX7zA9cD1'].join('');
      fs.writeFileSync(path.join(dir, 'config.js'), `export const token = "${token}";\n`);
      const result = await (
        await secretLint()
      ).lintFiles([path.join(dir, '.env'), path.join(dir, 'config.js')], true, true);
      assert.equal(result.ok, false);
      const rules = new Set(result.results.map((r) => r.ruleId));
      assert.ok(rules.has('@secretlint/secretlint-rule-no-dotenv'), [...rules].join(', '));
      assert.ok(
        [...rules].some((r) => /github/.test(r ?? '')),
        [...rules].join(', '),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('Open VSX’s publish scan drops the sample’s key values as placeholders (a global stopword)', () => {
    // eclipse-openvsx/openvsx at daef465: server/src/main/resources/scanning/secret-detection-custom-rules.yaml
    // lines 38-61 list global stopwords ("sample" at 57, "test" at 61); SecretDetector.java lines 363-364 drop any
    // finding whose lower-cased value contains one. Only that filter is reduced here, not the Gitleaks rules.
    const stopwords = ['sample', 'test', 'example', 'placeholder', 'fake', 'dummy'];
    const env = fs.readFileSync(path.join(root, 'sample', '.env.local'), 'utf8');
    const keys = [...env.matchAll(/^([A-Z_]*KEY[A-Z_]*)=(.+)$/gm)].map((m) => ({ name: m[1], value: m[2] }));
    assert.ok(keys.length >= 2);
    for (const { name, value } of keys)
      assert.ok(
        stopwords.some((w) => value.toLowerCase().includes(w)),
        `${name}'s value contains one of Open VSX's placeholder stopwords`,
      );
  });
});
