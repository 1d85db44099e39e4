import assert from 'node:assert/strict';
import {
  EMPTY_PROGRESS,
  evaluateChecks,
  type CheckId,
  type LessonCheck,
  type MeasuredWorkspace,
} from '../../../src/lessonState';
import { authConfig, file, finding, project, provider } from './fixtures';

function check(measured: MeasuredWorkspace, id: CheckId, progress = EMPTY_PROGRESS): LessonCheck {
  const found = evaluateChecks(measured, progress).find((c) => c.id === id);
  assert.ok(found, `no check ${id}`);
  return found;
}

describe('lessonState: checks from measured facts', () => {
  it('reports every file-based check as unknown until the analysis has run', () => {
    const checks = evaluateChecks({}, EMPTY_PROGRESS);
    for (const id of ['sandwich', 'identity', 'authHook', 'authConfig'] as const) {
      assert.equal(checks.find((c) => c.id === id)?.status, 'unknown', id);
    }
  });

  // A file whose analysis could not tell (too costly, the worker unavailable) may hold the pattern or a problem:
  // neither "passing" nor "not there yet" is true then. A problem found in another file still is.
  describe('with a file the analysis could not tell about', () => {
    const unmeasured = [{ path: 'app/huge.tsx', reason: 'still running after 4000 ms of CPU time' }];

    it('gives no pass and no "missing" for the file-based steps, and says which file and why', () => {
      const files = [
        file('app/layout.tsx', { sandwichCorrect: true, readsIdentityCorrectly: true, gatesWithConvexAuth: true }),
      ];
      for (const id of ['sandwich', 'identity', 'authHook'] as const) {
        const c = check({ files, unmeasured }, id);
        assert.equal(c.status, 'unknown', id);
        assert.ok(c.status === 'unknown');
        assert.deepEqual(c.unmeasured, unmeasured);
      }
      assert.equal(check({ files: [file('app/page.tsx')], unmeasured }, 'sandwich').status, 'unknown');
    });

    it('still reports a problem found in a file that was measured', () => {
      const bad = file('app/other.tsx', {}, [finding('sandwich')]);
      assert.equal(check({ files: [bad], unmeasured }, 'sandwich').status, 'missing');
    });

    it('does not report a problem from the last analysis of the file it could not tell about now', () => {
      const stale = file('app/huge.tsx', {}, [finding('sandwich')]);
      assert.equal(check({ files: [stale], unmeasured }, 'sandwich').status, 'unknown');
    });
  });

  describe('sandwich', () => {
    it('passes when a file nests ClerkProvider outside the Convex provider and nothing is flagged', () => {
      assert.equal(check({ files: [file('app/layout.tsx', { sandwichCorrect: true })] }, 'sandwich').status, 'pass');
    });

    it('fails on a nesting finding even when another file is correct, and links to the finding', () => {
      const bad = file('app/other.tsx', {}, [finding('sandwich', { start: 5, end: 9 })]);
      const c = check({ files: [file('app/layout.tsx', { sandwichCorrect: true }), bad] }, 'sandwich');
      assert.equal(c.status, 'missing');
      assert.ok(c.status === 'missing');
      assert.equal(c.reason.kind, 'finding');
      assert.deepEqual(c.fix, {
        kind: 'location',
        uri: 'file:///ws/app/other.tsx',
        path: 'app/other.tsx',
        start: 5,
        end: 9,
      });
    });

    it('ignores hint-level findings and findings of other steps', () => {
      const files = [
        file('app/layout.tsx', { sandwichCorrect: true }, [
          finding('sandwich', { severity: 'hint' }),
          finding('identity'),
        ]),
      ];
      assert.equal(check({ files }, 'sandwich').status, 'pass');
    });

    it('offers the insert command when no sandwich exists yet', () => {
      const c = check({ files: [file('app/page.tsx')] }, 'sandwich');
      assert.ok(c.status === 'missing');
      assert.equal(c.reason.kind, 'noSandwich');
      assert.deepEqual(c.fix, { kind: 'command', command: 'clerkConvex.insertProviderSandwich' });
    });
  });

  describe('identity and auth hook', () => {
    it('identity passes on a correct read and fails while another function is flagged', () => {
      const good = file('convex/a.ts', { readsIdentityCorrectly: true });
      assert.equal(check({ files: [good] }, 'identity').status, 'pass');
      const flagged = file('convex/b.ts', {}, [finding('identity', { severity: 'error' })]);
      assert.equal(check({ files: [good, flagged] }, 'identity').status, 'missing');
    });

    it('identity offers the add-identity-check command when nothing reads identity', () => {
      const c = check({ files: [] }, 'identity');
      assert.ok(c.status === 'missing');
      assert.deepEqual(c.fix, { kind: 'command', command: 'clerkConvex.addIdentityCheck' });
    });

    it('authHook passes only with a Convex auth gate', () => {
      assert.equal(check({ files: [file('app/page.tsx', { gatesWithConvexAuth: true })] }, 'authHook').status, 'pass');
      const c = check({ files: [file('app/page.tsx', {}, [finding('authHook')])] }, 'authHook');
      assert.ok(c.status === 'missing');
      assert.equal(c.reason.kind, 'finding');
    });
  });

  describe('authConfig', () => {
    it('passes with one config whose provider has a domain and applicationID', () => {
      assert.equal(
        check({ project: project({ authConfigs: [authConfig([provider()])] }) }, 'authConfig').status,
        'pass',
      );
    });

    it('asks to create the file when there is none', () => {
      const c = check({ project: project() }, 'authConfig');
      assert.ok(c.status === 'missing');
      assert.deepEqual(c.fix, { kind: 'command', command: 'clerkConvex.createAuthConfig' });
    });

    it('fails when both auth.config.ts and auth.config.js exist, pointing at the second', () => {
      const js = authConfig([provider()], { path: 'convex/auth.config.js', uri: 'file:///ws/convex/auth.config.js' });
      const c = check({ project: project({ authConfigs: [authConfig([provider()]), js] }) }, 'authConfig');
      assert.ok(c.status === 'missing');
      assert.equal(c.reason.kind, 'duplicateAuthConfig');
      assert.equal(c.fix?.kind === 'location' && c.fix.path, 'convex/auth.config.js');
    });

    it('fails on a misspelt applicationID (not read) and links to the provider', () => {
      const c = check(
        { project: project({ authConfigs: [authConfig([provider({ applicationID: undefined })])] }) },
        'authConfig',
      );
      assert.ok(c.status === 'missing');
      assert.deepEqual(c.reason, { kind: 'providerMissing', path: 'convex/auth.config.ts', field: 'applicationID' });
      assert.deepEqual(c.fix, {
        kind: 'location',
        uri: 'file:///ws/convex/auth.config.ts',
        path: 'convex/auth.config.ts',
        start: 30,
        end: 90,
      });
    });

    it('fails on a JWKS URL pasted as the domain', () => {
      const jwks = 'https://exotic-crab-75.clerk.accounts.dev/.well-known/jwks.json';
      const c = check(
        { project: project({ authConfigs: [authConfig([provider({ domain: { kind: 'literal', value: jwks } })])] }) },
        'authConfig',
      );
      assert.ok(c.status === 'missing');
      assert.deepEqual(c.reason, { kind: 'domainNotIssuer', path: 'convex/auth.config.ts', domain: jwks });
    });

    it('fails while the analyzer flags the config, even if the providers look complete', () => {
      const measured = {
        project: project({ authConfigs: [authConfig([provider()])] }),
        files: [file('convex/auth.config.ts', {}, [finding('authConfig', { severity: 'error' })])],
      };
      assert.equal(check(measured, 'authConfig').status, 'missing');
    });

    it('reports an unreadable config and an empty providers list', () => {
      const unreadable = check(
        { project: project({ authConfigs: [authConfig([], { problem: 'no default export' })] }) },
        'authConfig',
      );
      assert.ok(unreadable.status === 'missing');
      assert.equal(unreadable.reason.kind, 'unreadableAuthConfig');
      const empty = check({ project: project({ authConfigs: [authConfig([])] }) }, 'authConfig');
      assert.ok(empty.status === 'missing');
      assert.equal(empty.reason.kind, 'noProviders');
    });
  });

  describe('progress-based checks', () => {
    it('exercise needs both the anonymous and the valid request', () => {
      const half = { ...EMPTY_PROGRESS, exercise: { anonymous: true, valid: false } };
      const c = check({}, 'exercise', half);
      assert.ok(c.status === 'missing');
      assert.deepEqual(c.reason, { kind: 'exercisePending', anonymous: true, valid: false });
      assert.deepEqual(c.fix, { kind: 'command', command: 'clerkConvex.runExercise' });
      assert.equal(
        check({}, 'exercise', { ...EMPTY_PROGRESS, exercise: { anonymous: true, valid: true } }).status,
        'pass',
      );
    });

    it('decodeToken follows the decoded flag and links to the token panel', () => {
      const c = check({}, 'decodeToken');
      assert.ok(c.status === 'missing');
      assert.deepEqual(c.fix, { kind: 'command', command: 'clerkConvex.decodeExerciseToken' });
      assert.equal(check({}, 'decodeToken', { ...EMPTY_PROGRESS, tokenDecoded: true }).status, 'pass');
    });
  });
});
