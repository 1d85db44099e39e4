import assert from 'node:assert/strict';
import { resolveProviders } from '../../../src/project/resolveProviders';
import {
  EMPTY_PROJECT,
  type AuthConfigInfo,
  type AuthProviderEntry,
  type EnvEntry,
  type ProjectSnapshot,
} from '../../../src/project/types';

const config = (...providers: Array<Omit<AuthProviderEntry, 'start' | 'end'>>): AuthConfigInfo => ({
  path: 'convex/auth.config.ts',
  uri: 'file:///w/convex/auth.config.ts',
  providers: providers.map((p) => ({ start: 0, end: 0, ...p })),
});
const snapshot = (authConfigs: AuthConfigInfo[], env: EnvEntry[] = []): ProjectSnapshot => ({
  ...EMPTY_PROJECT,
  authConfigs,
  env,
});

describe('resolveProviders', () => {
  it('returns nothing without an auth config', () => {
    assert.deepEqual(resolveProviders(snapshot([])), []);
  });

  it('keeps literal domains and the application ID', () => {
    const s = snapshot([
      config({ domain: { kind: 'literal', value: 'https://a.clerk.accounts.dev' }, applicationID: 'convex' }),
    ]);
    assert.deepEqual(resolveProviders(s), [{ domain: 'https://a.clerk.accounts.dev', applicationID: 'convex' }]);
  });

  it('resolves an env domain from the first local env file that sets it, naming the file', () => {
    const s = snapshot(
      [config({ domain: { kind: 'env', name: 'CLERK_JWT_ISSUER_DOMAIN' }, applicationID: 'convex' })],
      [
        { name: 'CLERK_JWT_ISSUER_DOMAIN', value: 'https://dev.clerk.accounts.dev', file: '.env.local' },
        { name: 'CLERK_JWT_ISSUER_DOMAIN', value: 'https://other.clerk.accounts.dev', file: '.env' },
      ],
    );
    assert.deepEqual(resolveProviders(s), [
      {
        domain: 'https://dev.clerk.accounts.dev',
        envVar: { name: 'CLERK_JWT_ISSUER_DOMAIN', file: '.env.local' },
        applicationID: 'convex',
      },
    ]);
  });

  it('says the env var is in no local file when it is not set', () => {
    const s = snapshot(
      [config({ domain: { kind: 'env', name: 'CLERK_JWT_ISSUER_DOMAIN' } })],
      [{ name: 'NEXT_PUBLIC_CLERK_JWT_ISSUER_DOMAIN', value: 'https://x.dev', file: '.env.local' }],
    );
    assert.deepEqual(resolveProviders(s), [{ envVar: { name: 'CLERK_JWT_ISSUER_DOMAIN' } }]);
  });

  it('names the file but gives no domain when the variable is set to an empty value', () => {
    const s = snapshot([config({ domain: { kind: 'env', name: 'X' } })], [{ name: 'X', value: '', file: '.env' }]);
    assert.deepEqual(resolveProviders(s), [{ envVar: { name: 'X', file: '.env' } }]);
  });

  it('leaves an expression domain unresolved', () => {
    const s = snapshot([config({ domain: { kind: 'expression', text: 'getDomain()' }, applicationID: 'convex' })]);
    assert.deepEqual(resolveProviders(s), [{ applicationID: 'convex' }]);
  });

  it('uses the issuer of a customJwt provider', () => {
    const s = snapshot([config({ type: 'customJwt', issuer: { kind: 'literal', value: 'https://issuer.example' } })]);
    assert.deepEqual(resolveProviders(s), [{ domain: 'https://issuer.example', type: 'customJwt' }]);
  });

  it('resolves every provider, in order', () => {
    const s = snapshot(
      [
        config(
          { domain: { kind: 'literal', value: 'https://a.dev' }, applicationID: 'convex' },
          { domain: { kind: 'env', name: 'PROD' }, applicationID: 'convex' },
        ),
      ],
      [{ name: 'PROD', value: 'https://clerk.example.com', file: '.env.production' }],
    );
    assert.deepEqual(
      resolveProviders(s).map((p) => p.domain),
      ['https://a.dev', 'https://clerk.example.com'],
    );
  });

  it('reads the config it is given instead of the first one', () => {
    const second = config({ domain: { kind: 'literal', value: 'https://second.dev' } });
    const s = snapshot([config({ domain: { kind: 'literal', value: 'https://first.dev' } }), second]);
    assert.equal(resolveProviders(s, second)[0]?.domain, 'https://second.dev');
  });
});
