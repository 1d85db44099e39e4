import assert from 'node:assert/strict';
import { parseEnvFile } from '../../../src/project/envFile';
import { envFilePrecedence, isLocalEnvFileName, LOCAL_ENV_FILE_NAMES } from '../../../src/project/envFiles';

const asObject = (text: string): Record<string, string> =>
  Object.fromEntries(parseEnvFile(text).map((p) => [p.name, p.value]));

describe('parseEnvFile', () => {
  it('reads plain assignments and skips comments and blank lines', () => {
    const text =
      '# comment\n\nNEXT_PUBLIC_CONVEX_URL=https://happy-otter-123.convex.cloud\n  # indented comment\nCLERK_SECRET_KEY=sk_test_x\n';
    assert.deepEqual(asObject(text), {
      NEXT_PUBLIC_CONVEX_URL: 'https://happy-otter-123.convex.cloud',
      CLERK_SECRET_KEY: 'sk_test_x',
    });
  });

  it('keeps the order of the file', () => {
    assert.deepEqual(
      parseEnvFile('B=1\nA=2\n').map((p) => p.name),
      ['B', 'A'],
    );
  });

  it('accepts an `export ` prefix and spaces around =', () => {
    assert.deepEqual(asObject('export CLERK_JWT_ISSUER_DOMAIN = https://x.clerk.accounts.dev\n'), {
      CLERK_JWT_ISSUER_DOMAIN: 'https://x.clerk.accounts.dev',
    });
  });

  it('does not take a variable named export… for the prefix', () => {
    assert.deepEqual(asObject('exported=1\n'), { exported: '1' });
  });

  it('reads empty values as empty strings', () => {
    assert.deepEqual(asObject('EMPTY=\nQUOTED=""\nNEXT=1'), { EMPTY: '', QUOTED: '', NEXT: '1' });
  });

  it('strips quotes, keeps inner whitespace and #', () => {
    assert.deepEqual(asObject(`A="  spaced # not a comment  "\nB='single'\nC=\`back\``), {
      A: '  spaced # not a comment  ',
      B: 'single',
      C: 'back',
    });
  });

  it('ends unquoted values at # and trims them', () => {
    assert.deepEqual(asObject('A=  value   # trailing comment\nB=abc#def'), { A: 'value', B: 'abc' });
  });

  it('expands \\n and \\r in double quotes only', () => {
    assert.deepEqual(asObject('A="one\\ntwo\\rthree"\nB=\'one\\ntwo\'\nC=one\\ntwo'), {
      A: 'one\ntwo\rthree',
      B: 'one\\ntwo',
      C: 'one\\ntwo',
    });
  });

  it('reads multi-line quoted values and continues after them', () => {
    const text = 'KEY="-----BEGIN\nline\n-----END"\nAFTER=yes\n';
    assert.deepEqual(asObject(text), { KEY: '-----BEGIN\nline\n-----END', AFTER: 'yes' });
  });

  it('does not close a quote at an escaped quote', () => {
    assert.deepEqual(asObject('A="say \\"hi\\""'), { A: 'say \\"hi\\"' });
  });

  it('keeps an unclosed quote as part of a plain value instead of swallowing the file', () => {
    assert.deepEqual(asObject('A="unclosed\nB=2'), { A: '"unclosed', B: '2' });
  });

  it('handles CRLF line endings and a BOM', () => {
    assert.deepEqual(asObject('\uFEFFA=1\r\nB="x"\r\n'), { A: '1', B: 'x' });
  });

  it('accepts the YAML-ish `KEY: value` form dotenv allows', () => {
    assert.deepEqual(asObject('A: 1\nB:2'), { A: '1' });
  });

  it('lets a later assignment win and reports the name once', () => {
    assert.deepEqual(parseEnvFile('A=1\nB=2\nA=3'), [
      { name: 'B', value: '2' },
      { name: 'A', value: '3' },
    ]);
  });

  it('skips lines that are not assignments', () => {
    assert.deepEqual(asObject('just words\n=nokey\nVALID=1\n!!!=2'), { VALID: '1' });
  });

  it('returns nothing for empty or garbage text without throwing', () => {
    assert.deepEqual(parseEnvFile(''), []);
    assert.deepEqual(parseEnvFile('\u0000\u0001\uFFFF"\'`'), []);
  });

  it('reads a huge file', () => {
    const lines = Array.from({ length: 50_000 }, (_, i) => `VAR_${i}=value_${i}`);
    const parsed = parseEnvFile(lines.join('\n'));
    assert.equal(parsed.length, 50_000);
    assert.deepEqual(parsed[49_999], { name: 'VAR_49999', value: 'value_49999' });
  });

  it('survives a huge unterminated quoted value', () => {
    const parsed = parseEnvFile(`A="${'x'.repeat(1_000_000)}`);
    assert.equal(parsed.length, 1);
    assert.equal(parsed[0]?.value.length, 1_000_001);
  });
});

describe('env file names', () => {
  it('orders Next.js files as next dev loads them', () => {
    assert.deepEqual(envFilePrecedence('next').slice(0, 4), [
      '.env.development.local',
      '.env.local',
      '.env.development',
      '.env',
    ]);
  });

  it('orders Vite files with the mode file above .env.local', () => {
    assert.deepEqual(envFilePrecedence('vite').slice(0, 4), [
      '.env.development.local',
      '.env.development',
      '.env.local',
      '.env',
    ]);
  });

  it('uses the Next.js order when the framework is unknown', () => {
    assert.deepEqual(envFilePrecedence('unknown'), LOCAL_ENV_FILE_NAMES);
  });

  it('recognises loaded env files and rejects examples and direnv files', () => {
    assert.ok(isLocalEnvFileName('.env.local'));
    assert.ok(isLocalEnvFileName('.env.production'));
    assert.ok(!isLocalEnvFileName('.env.example'));
    assert.ok(!isLocalEnvFileName('.envrc'));
  });
});
