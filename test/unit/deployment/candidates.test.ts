// Which deployments a project names (from the env entries the project reader parsed), each with the Clerk
// instance of its environment; and the gate every deployment URL passes before the token is sent.
import assert from 'node:assert/strict';
import { deploymentCandidates } from '../../../src/deployment';
import { buildSnapshot } from '../../../src/project/snapshot';
import type { ProjectSnapshot } from '../../../src/project/types';
import { deploymentUrlCheck } from '../../../src/token/addressGate';

const DEV_KEY = `pk_test_${Buffer.from('exotic-crab-75.clerk.accounts.dev$').toString('base64')}`;
const LIVE_KEY = `pk_live_${Buffer.from('clerk.example.com$').toString('base64')}`;

function project(files: Record<string, string>, framework = 'next'): ProjectSnapshot {
  const pkg =
    framework === 'vite' ? { dependencies: { vite: '7', convex: '1' } } : { dependencies: { next: '16', convex: '1' } };
  return buildSnapshot({
    folderUri: 'file:///p',
    files: [
      { path: 'package.json', text: JSON.stringify(pkg) },
      ...Object.entries(files).map(([path, text]) => ({ path, text })),
    ],
    layout: { projectRoot: '', functionsDir: 'convex', source: 'default' },
    uriOf: (p) => `file:///p/${p}`,
  });
}

describe('deployments named by the project', () => {
  it('one deployment named twice (URL and CONVEX_DEPLOYMENT) is one candidate with both sources', () => {
    const c = deploymentCandidates(
      project({
        '.env.local': [
          'CONVEX_DEPLOYMENT=dev:happy-otter-123 # team: t, project: p',
          'NEXT_PUBLIC_CONVEX_URL=https://happy-otter-123.convex.cloud',
          `NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=${DEV_KEY}`,
        ].join('\n'),
      }),
    );
    assert.equal(c.length, 1);
    assert.equal(c[0].url, 'https://happy-otter-123.convex.cloud');
    assert.deepEqual(
      c[0].sources.map((s) => s.name),
      ['NEXT_PUBLIC_CONVEX_URL', 'CONVEX_DEPLOYMENT'],
    );
    assert.equal(c[0].environment, 'development');
    assert.deepEqual(c[0].clerk, {
      keyName: 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY',
      file: '.env.local',
      host: 'exotic-crab-75.clerk.accounts.dev',
      instance: 'test',
    });
    assert.deepEqual(c[0].notes, []);
  });

  it('dev and prod side by side, each with its own key; a development key beside production is flagged', () => {
    const c = deploymentCandidates(
      project(
        {
          '.env.local': `VITE_CONVEX_URL=https://happy-otter-123.convex.cloud\nVITE_CLERK_PUBLISHABLE_KEY=${DEV_KEY}\n`,
          '.env.production': 'VITE_CONVEX_URL=https://brave-fox-9.convex.cloud/\n',
        },
        'vite',
      ),
    );
    assert.deepEqual(
      c.map((x) => [x.url, x.environment]),
      [
        ['https://happy-otter-123.convex.cloud', 'development'],
        ['https://brave-fox-9.convex.cloud', 'production'],
      ],
    );
    // .env.production has no key of its own: no other file of its environment either, so it is not paired.
    assert.equal(c[1].clerk, undefined);
    const paired = deploymentCandidates(
      project(
        {
          '.env.local': `VITE_CONVEX_URL=https://happy-otter-123.convex.cloud\nVITE_CLERK_PUBLISHABLE_KEY=${LIVE_KEY}\n`,
          '.env.production': `VITE_CONVEX_URL=https://brave-fox-9.convex.cloud\nVITE_CLERK_PUBLISHABLE_KEY=${DEV_KEY}\n`,
        },
        'vite',
      ),
    );
    assert.deepEqual(paired[1].notes, [{ kind: 'dev-key-prod-deployment', host: 'exotic-crab-75.clerk.accounts.dev' }]);
    assert.deepEqual(paired[0].notes, [{ kind: 'live-key-dev-deployment', host: 'clerk.example.com' }]);
  });

  it('CONVEX_DEPLOYMENT alone gives the cloud URL (said so); prod: is production; local ones have no fixed URL', () => {
    const c = deploymentCandidates(
      project({
        '.env.local': 'CONVEX_DEPLOYMENT=prod:brave-fox-9\n',
        '.env': 'CONVEX_DEPLOYMENT=local:local-me-app\n',
      }),
    );
    assert.equal(c.length, 1);
    assert.equal(c[0].url, 'https://brave-fox-9.convex.cloud');
    assert.equal(c[0].environment, 'production');
    assert.deepEqual(c[0].notes, [{ kind: 'from-deployment-name', name: 'brave-fox-9' }]);
  });

  it('a .convex.site address (HTTP actions) is asked on .convex.cloud, with a note; a region URL speaks for its name', () => {
    const c = deploymentCandidates(
      project({
        '.env.local': [
          'CONVEX_URL=https://happy-otter-123.convex.site',
          'EXPO_PUBLIC_CONVEX_URL=https://calm-owl-5.eu-west-1.convex.cloud',
          'CONVEX_DEPLOYMENT=dev:calm-owl-5',
        ].join('\n'),
      }),
    );
    assert.deepEqual(
      c.map((x) => x.url),
      ['https://happy-otter-123.convex.cloud', 'https://calm-owl-5.eu-west-1.convex.cloud'],
    );
    assert.deepEqual(c[0].notes, [{ kind: 'site-url', written: 'https://happy-otter-123.convex.site' }]);
    assert.deepEqual(
      c[1].sources.map((s) => s.name),
      ['EXPO_PUBLIC_CONVEX_URL', 'CONVEX_DEPLOYMENT'],
    );
  });

  it('ignores values that are not URLs and env files inside node_modules', () => {
    const c = deploymentCandidates(
      project({
        '.env.local': 'NEXT_PUBLIC_CONVEX_URL=\nCONVEX_URL=not a url\n',
        'node_modules/x/.env': 'CONVEX_URL=https://a.convex.cloud',
      }),
    );
    assert.deepEqual(c, []);
  });
});

describe('deployment URL gate', () => {
  it('Convex Cloud over https goes without asking', () => {
    assert.deepEqual(deploymentUrlCheck('https://happy-otter-123.convex.cloud/'), {
      ok: true,
      base: 'https://happy-otter-123.convex.cloud',
      host: 'happy-otter-123.convex.cloud',
      reasons: [],
    });
    assert.deepEqual(deploymentUrlCheck('https://calm-owl-5.eu-west-1.convex.cloud').ok && [], []);
  });

  it('anything else is asked about first, naming why', () => {
    const reasons = (url: string): unknown => {
      const r = deploymentUrlCheck(url);
      return r.ok ? r.reasons : r.why;
    };
    assert.deepEqual(reasons('http://127.0.0.1:3210'), ['not-https', 'private-address', 'not-convex-host']);
    assert.deepEqual(reasons('https://convex.example.com'), ['not-convex-host']);
    assert.deepEqual(reasons('http://happy-otter-123.convex.cloud'), ['not-https', 'not-convex-host']);
    assert.deepEqual(reasons('https://evil.convex.cloud.example.com'), ['not-convex-host']);
    assert.deepEqual(reasons('https://happy-otter-123.convex.cloud:8443'), ['not-convex-host']);
    assert.deepEqual(reasons('https://happy-otter-123.convex.cloud/proxy'), ['not-convex-host']);
    assert.deepEqual(reasons('https://localhost:3210'), ['private-name', 'not-convex-host']);
  });

  it('refuses what is no deployment URL at all', () => {
    const why = (url: string): unknown => {
      const r = deploymentUrlCheck(url);
      return r.ok ? r.reasons : r.why;
    };
    assert.equal(why('ftp://a.convex.cloud'), 'not-http');
    assert.equal(why('https://u:p@a.convex.cloud'), 'credentials');
    assert.equal(why('https://a.convex.cloud/?x=1'), 'query-or-fragment');
    assert.equal(why('happy-otter-123'), 'not-a-url');
  });
});
