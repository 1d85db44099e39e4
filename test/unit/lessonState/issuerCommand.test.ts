import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { issuerCommand, shellArgument } from '../../../src/lessonState';
import { decodePublishableKey } from '../../../src/project/publishableKey';
import type { ProjectSnapshot } from '../../../src/project/types';
import { authConfig, project, provider } from './fixtures';

// The sample's own publishable key, read from its .env.local: the value the button infers for the sample.
const sampleKey = /NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=(\S+)/.exec(
  fs.readFileSync(path.resolve(__dirname, '../../../sample/.env.local'), 'utf8'),
)![1];

function withKey(over: Partial<ProjectSnapshot> = {}): ProjectSnapshot {
  const key = { name: 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY', value: sampleKey, file: '.env.local' };
  return project({ env: [key], publishableKey: key, publishableKeyInfo: decodePublishableKey(sampleKey)!, ...over });
}

describe('lessonState: the authConfig step’s full env command', () => {
  it('infers the issuer from the publishable key when the config reads a variable', () => {
    const result = issuerCommand(withKey({ authConfigs: [authConfig([provider()])] }));
    assert.deepEqual(result, {
      kind: 'env',
      name: 'CLERK_JWT_ISSUER_DOMAIN',
      value: 'https://exotic-crab-75.clerk.accounts.dev',
      source: { kind: 'publishableKey', file: '.env.local' },
      command: 'npx convex env set CLERK_JWT_ISSUER_DOMAIN https://exotic-crab-75.clerk.accounts.dev',
    });
  });

  it('uses the name the config reads (CLERK_FRONTEND_API_URL) and a value set locally before the key', () => {
    const config = authConfig([provider({ domain: { kind: 'env', name: 'CLERK_FRONTEND_API_URL' } })]);
    const local = { name: 'CLERK_FRONTEND_API_URL', value: 'https://clerk.example.com', file: '.env.local' };
    const p = withKey({ authConfigs: [config] });
    const result = issuerCommand({ ...p, env: [local, ...p.env] });
    assert.equal(result.kind, 'env');
    assert.equal(
      result.kind === 'env' && result.command,
      'npx convex env set CLERK_FRONTEND_API_URL https://clerk.example.com',
    );
    assert.deepEqual(result.kind === 'env' && result.source, { kind: 'envFile', file: '.env.local' });
  });

  it('never passes on a local value that is not an issuer (a JWKS URL): the key decides then', () => {
    const local = {
      name: 'CLERK_JWT_ISSUER_DOMAIN',
      value: 'https://exotic-crab-75.clerk.accounts.dev/.well-known/jwks.json',
      file: '.env.local',
    };
    const p = withKey({ authConfigs: [authConfig([provider()])] });
    const result = issuerCommand({ ...p, env: [local, ...p.env] });
    assert.equal(result.kind === 'env' && result.source.kind, 'publishableKey');
  });

  it('says it cannot tell: a placeholder, when neither a local value nor a key is there', () => {
    const result = issuerCommand(project({ authConfigs: [authConfig([provider()])] }));
    assert.deepEqual(result, {
      kind: 'envUnknown',
      name: 'CLERK_JWT_ISSUER_DOMAIN',
      command: 'npx convex env set CLERK_JWT_ISSUER_DOMAIN https://<your-instance>.clerk.accounts.dev',
    });
  });

  it('has nothing to set when the config names the issuer itself (as the sample does)', () => {
    const config = authConfig([
      provider({ domain: { kind: 'literal', value: 'https://exotic-crab-75.clerk.accounts.dev' } }),
    ]);
    assert.deepEqual(issuerCommand(withKey({ authConfigs: [config] })), {
      kind: 'literal',
      domain: 'https://exotic-crab-75.clerk.accounts.dev',
      path: 'convex/auth.config.ts',
    });
  });

  it('says what a literal domain should read when it is not an issuer URL (the sample’s JWKS URL)', () => {
    const jwks = 'https://exotic-crab-75.clerk.accounts.dev/.well-known/jwks.json';
    const config = authConfig([provider({ domain: { kind: 'literal', value: jwks } })]);
    assert.deepEqual(issuerCommand(project({ authConfigs: [config] })), {
      kind: 'literal',
      domain: jwks,
      path: 'convex/auth.config.ts',
      issuer: 'https://exotic-crab-75.clerk.accounts.dev',
    });
  });

  it('without a config yet, offers the name the new config will read', () => {
    const result = issuerCommand(withKey());
    assert.equal(result.kind === 'env' && result.name, 'CLERK_JWT_ISSUER_DOMAIN');
  });

  it('quotes a value a shell would split or expand', () => {
    assert.equal(shellArgument('https://a.clerk.accounts.dev'), 'https://a.clerk.accounts.dev');
    assert.equal(shellArgument('https://a b'), "'https://a b'");
    assert.equal(shellArgument("it's $HOME"), `'it'"'"'s $HOME'`);
  });
});
