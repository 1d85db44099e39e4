import assert from 'node:assert/strict';
import { decodePublishableKey, findPublishableKey } from '../../../src/project/publishableKey';
import type { EnvEntry } from '../../../src/project/types';

const keyFor = (host: string, instance = 'test') => `pk_${instance}_${Buffer.from(`${host}$`).toString('base64')}`;

describe('decodePublishableKey', () => {
  it('decodes the sample key (no base64 padding)', () => {
    assert.deepEqual(decodePublishableKey('pk_test_ZXhvdGljLWNyYWItNzUuY2xlcmsuYWNjb3VudHMuZGV2JA'), {
      host: 'exotic-crab-75.clerk.accounts.dev',
      instance: 'test',
    });
  });

  it('decodes padded and live keys', () => {
    assert.deepEqual(decodePublishableKey(keyFor('clerk.example.com', 'live')), {
      host: 'clerk.example.com',
      instance: 'live',
    });
    assert.deepEqual(decodePublishableKey(`  ${keyFor('a-b.clerk.accounts.dev')}\n`), {
      host: 'a-b.clerk.accounts.dev',
      instance: 'test',
    });
  });

  it('rejects keys without the trailing $', () => {
    assert.equal(
      decodePublishableKey(`pk_test_${Buffer.from('exotic-crab-75.clerk.accounts.dev').toString('base64')}`),
      undefined,
    );
  });

  it('rejects anything that is not a publishable key', () => {
    const bad = [
      '',
      'pk_test_',
      'sk_test_ZXhvdGljLWNyYWItNzUuY2xlcmsuYWNjb3VudHMuZGV2JA',
      'pk_prod_ZXhvdGljJA',
      'pk_test_!!!!',
      'pk_test_a',
      keyFor('not a host'),
      keyFor('<script>.dev'),
      keyFor('nodot'),
      `pk_test_${'A'.repeat(100_000)}`,
    ];
    for (const pk of bad) assert.equal(decodePublishableKey(pk), undefined, pk.slice(0, 40));
  });
});

describe('findPublishableKey', () => {
  const entry = (name: string, value: string, file = '.env.local'): EnvEntry => ({ name, value, file });

  it('finds the Next.js key', () => {
    const env = [
      entry('NEXT_PUBLIC_CONVEX_URL', 'https://x.convex.cloud'),
      entry('NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY', 'pk_test_x'),
    ];
    assert.equal(findPublishableKey(env)?.name, 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY');
  });

  it('finds the Vite, plain and Expo names', () => {
    for (const name of ['VITE_CLERK_PUBLISHABLE_KEY', 'CLERK_PUBLISHABLE_KEY', 'EXPO_PUBLIC_CLERK_PUBLISHABLE_KEY']) {
      assert.equal(findPublishableKey([entry(name, 'pk_test_x')])?.name, name);
    }
  });

  it("prefers the framework's own name", () => {
    const env = [entry('NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY', 'pk_a'), entry('VITE_CLERK_PUBLISHABLE_KEY', 'pk_b')];
    assert.equal(findPublishableKey(env, 'vite')?.value, 'pk_b');
    assert.equal(findPublishableKey(env, 'next')?.value, 'pk_a');
  });

  it('takes the first entry in precedence order and skips empty values', () => {
    const env = [
      entry('NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY', '', '.env.development.local'),
      entry('NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY', 'pk_local', '.env.local'),
      entry('NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY', 'pk_base', '.env'),
    ];
    assert.equal(findPublishableKey(env)?.file, '.env.local');
  });

  it('returns undefined when there is none', () => {
    assert.equal(findPublishableKey([entry('CLERK_SECRET_KEY', 'sk_test_x')]), undefined);
  });
});
