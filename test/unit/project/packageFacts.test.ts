import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { isKnownBadConvex, readPackageFacts } from '../../../src/project/packageFacts';

const pkg = (deps: Record<string, string>, field = 'dependencies') => JSON.stringify({ name: 'app', [field]: deps });

describe('readPackageFacts', () => {
  it('knows TanStack Start and its Clerk SDK under their earlier names (seventh fresh check M6)', () => {
    const old = readPackageFacts(
      pkg({ '@tanstack/start': '^1.90.0', '@clerk/tanstack-start': '^0.9.0', vite: '^6.0.0' }),
    );
    assert.equal(old.framework, 'tanstack-start');
    assert.deepEqual(old.clerkSdks, ['@clerk/tanstack-start']);
    const renamedStart = readPackageFacts(
      pkg({ '@tanstack/react-start': '^1.114.3', '@clerk/tanstack-start': '^0.12.0' }),
    );
    assert.deepEqual([renamedStart.framework, renamedStart.clerkSdks], ['tanstack-start', ['@clerk/tanstack-start']]);
  });
  it('reads the sample Next.js project', () => {
    const text = fs.readFileSync(path.join(__dirname, '../../../sample/package.json'), 'utf8');
    const { clerkNextjsRange, ...facts } = readPackageFacts(text);
    assert.match(clerkNextjsRange ?? '', /^\d/, 'the declared @clerk/nextjs version');
    assert.deepEqual(facts, {
      framework: 'next',
      clerkSdks: ['@clerk/nextjs'],
      convexRange: '1.51.0',
      nextRoots: [''],
    });
  });

  it('recognises a Vite project from vite or an @vitejs plugin', () => {
    assert.equal(readPackageFacts(pkg({ vite: '^7.0.0' }, 'devDependencies')).framework, 'vite');
    assert.equal(readPackageFacts(pkg({ '@vitejs/plugin-react': '^5.0.0' }, 'devDependencies')).framework, 'vite');
  });

  it('prefers next when both next and vite appear', () => {
    assert.equal(readPackageFacts(pkg({ next: '16.0.0', vite: '7.0.0' })).framework, 'next');
  });

  it('lists every front-end Clerk SDK, both generations, and ignores server-only Clerk packages', () => {
    const facts = readPackageFacts(
      pkg({ '@clerk/clerk-react': '^5', '@clerk/react': '^6', '@clerk/backend': '^2', '@clerk/themes': '^2' }),
    );
    assert.deepEqual(facts.clerkSdks, ['@clerk/clerk-react', '@clerk/react']);
  });

  it('reads peer and optional dependencies too', () => {
    assert.equal(readPackageFacts(pkg({ convex: '>=1.40' }, 'peerDependencies')).convexRange, '>=1.40');
  });

  it('returns the empty facts for unknown projects', () => {
    assert.deepEqual(readPackageFacts(pkg({ express: '5' })), { framework: 'unknown', clerkSdks: [] });
  });

  it('never throws on text that is not a package.json', () => {
    for (const text of [
      '',
      '{',
      'null',
      '[1,2]',
      '"x"',
      '{"dependencies": 5}',
      '{"dependencies": {"convex": 1}}',
      '\u0000',
      '{"dependencies":{"next":null}}',
    ]) {
      const facts = readPackageFacts(text);
      assert.equal(facts.framework, 'unknown');
      assert.equal(facts.convexRange, undefined);
    }
  });

  it('reads a BOM-prefixed file', () => {
    assert.equal(readPackageFacts(`\uFEFF${pkg({ next: '16' })}`).framework, 'next');
  });

  it('reads a huge package.json', () => {
    const deps = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`pkg-${i}`, '1.0.0']));
    assert.equal(readPackageFacts(pkg({ ...deps, convex: '1.48.0' })).convexRange, '1.48.0');
  });

  describe('convex 1.33.0', () => {
    it('flags a dependency pinned to 1.33.0', () => {
      assert.equal(readPackageFacts(pkg({ convex: '1.33.0' })).convexKnownBad, true);
      assert.equal(readPackageFacts(pkg({ convex: '=1.33.0' })).convexKnownBad, true);
    });

    it('does not flag a range that installs a fixed release', () => {
      assert.equal(readPackageFacts(pkg({ convex: '^1.33.0' })).convexKnownBad, undefined);
      assert.equal(
        readPackageFacts(pkg({ convex: '~1.33.0' })).convexIssue,
        'new-session-missed',
        '~1.33.0 installs 1.33.x, before 1.42.2',
      );
      assert.equal(readPackageFacts(pkg({ convex: '1.42.2' })).convexKnownBad, undefined);
      assert.equal(readPackageFacts(pkg({ convex: '1.33.1' })).convexIssue, 'new-session-missed');
    });

    it('trusts the installed version over the range', () => {
      const facts = readPackageFacts(pkg({ convex: '^1.33.0' }), '1.33.0');
      assert.equal(facts.convexKnownBad, true);
      assert.equal(facts.convexInstalled, '1.33.0');
      assert.equal(readPackageFacts(pkg({ convex: '1.33.0' }), '1.49.0').convexKnownBad, undefined);
    });

    it('isKnownBadConvex without any information is false', () => {
      assert.equal(isKnownBadConvex(undefined, undefined), false);
    });
  });
});
