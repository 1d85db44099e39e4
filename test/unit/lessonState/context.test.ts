import assert from 'node:assert/strict';
import {
  EMPTY_PROGRESS,
  JWT_TEMPLATE_KEY,
  VITE_KEY,
  EXPO_KEY,
  TANSTACK_KEY,
  changedKeys,
  doneKey,
  evaluateChecks,
  lessonContextKeys,
  lessonVariants,
  markReached,
  passingChecks,
  passingKey,
  usesClerkOrConvex,
  visibleStepId,
} from '../../../src/lessonState';
import { authConfig, file, finding, project } from './fixtures';

const NEXT = { vite: false, jwtTemplate: false, expo: false, tanstackStart: false };

describe('lessonState: context keys', () => {
  it('sets the sandwich keys when the nesting is fixed and unsets passing when it regresses', () => {
    const fixed = evaluateChecks({ files: [file('app/layout.tsx', { sandwichCorrect: true })] }, EMPTY_PROGRESS);
    const progress = markReached(EMPTY_PROGRESS, passingChecks(fixed));
    const before = lessonContextKeys(fixed, progress, NEXT);
    assert.equal(before[passingKey('sandwich')], true);
    assert.equal(before[doneKey('sandwich')], true);

    const broken = evaluateChecks(
      { files: [file('app/layout.tsx', {}, [finding('sandwich', { severity: 'error' })])] },
      progress,
    );
    const after = lessonContextKeys(broken, progress, NEXT);
    assert.equal(after[passingKey('sandwich')], false, 'the Lesson Checks view shows the regression');
    assert.equal(after[doneKey('sandwich')], true, 'a step once reached stays done');
    assert.deepEqual(changedKeys(before, after), [[passingKey('sandwich'), false]]);
  });

  it('always carries every key, false included, so stale true values get cleared', () => {
    const keys = lessonContextKeys(evaluateChecks({}, EMPTY_PROGRESS), EMPTY_PROGRESS, NEXT);
    assert.equal(Object.keys(keys).length, 4 + 6 * 2);
    assert.ok(Object.values(keys).every((v) => v === false));
  });

  it('sets the exercise keys only after both requests', () => {
    const half = { ...EMPTY_PROGRESS, exercise: { anonymous: true, valid: false } };
    assert.equal(lessonContextKeys(evaluateChecks({}, half), half, NEXT)[doneKey('exercise')], false);
    const both = { ...EMPTY_PROGRESS, exercise: { anonymous: true, valid: true } };
    assert.equal(lessonContextKeys(evaluateChecks({}, both), both, NEXT)[doneKey('exercise')], true);
  });

  it('reset progress clears progress-only keys but keeps what the workspace still shows', () => {
    const measured = { files: [file('convex/messages.ts', { readsIdentityCorrectly: true })] };
    const keys = lessonContextKeys(evaluateChecks(measured, EMPTY_PROGRESS), EMPTY_PROGRESS, NEXT);
    assert.equal(keys[doneKey('identity')], true);
    assert.equal(keys[doneKey('decodeToken')], false);
  });

  it('switches the framework and Clerk-mode variants', () => {
    const vite = lessonVariants(
      project({ packages: { framework: 'vite', clerkSdks: ['@clerk/clerk-react'] } }),
      'template',
    );
    assert.deepEqual(vite, { vite: true, jwtTemplate: true, expo: false, tanstackStart: false });
    const expo = lessonVariants(
      project({ packages: { framework: 'expo', clerkSdks: ['@clerk/expo'] } }),
      'integration',
    );
    assert.equal(lessonContextKeys([], EMPTY_PROGRESS, expo)[EXPO_KEY], true);
    assert.equal(
      lessonContextKeys(
        [],
        EMPTY_PROGRESS,
        lessonVariants(project({ packages: { framework: 'tanstack-start', clerkSdks: [] } }), undefined),
      )[TANSTACK_KEY],
      true,
    );
    const keys = lessonContextKeys([], EMPTY_PROGRESS, vite);
    assert.equal(keys[VITE_KEY], true);
    assert.equal(keys[JWT_TEMPLATE_KEY], true);
    assert.deepEqual(lessonVariants(undefined, undefined), NEXT);
    assert.deepEqual(
      lessonVariants(project({ packages: { framework: 'unknown', clerkSdks: [] } }), 'integration'),
      NEXT,
    );
  });

  it('maps a lesson step to the variant the learner can see', () => {
    assert.equal(visibleStepId('sandwich', NEXT), 'sandwich');
    assert.equal(visibleStepId('sandwich', { vite: true, jwtTemplate: false }), 'sandwichVite');
    assert.equal(visibleStepId('sandwich', { vite: false, jwtTemplate: false, expo: true }), 'sandwichExpo');
    assert.equal(
      visibleStepId('sandwich', { vite: false, jwtTemplate: false, tanstackStart: true }),
      'sandwichTanstackStart',
    );
    assert.equal(
      visibleStepId('sandwich', { vite: false, jwtTemplate: false, expo: false, tanstackStart: false }),
      'sandwich',
    );
    assert.equal(visibleStepId('handoff', { vite: false, jwtTemplate: true }), 'handoffTemplate');
    assert.equal(visibleStepId('decodeToken', { vite: true, jwtTemplate: true }), 'decodeTokenTemplate');
    assert.equal(visibleStepId('identity', { vite: true, jwtTemplate: true }), 'identity');
  });

  it('analyses source files only in a Clerk or Convex project', () => {
    assert.equal(usesClerkOrConvex(project({ packages: { framework: 'next', clerkSdks: [] } })), false);
    assert.equal(
      usesClerkOrConvex(project({ packages: { framework: 'vite', clerkSdks: [], convexRange: '^1.48.0' } })),
      true,
    );
    assert.equal(
      usesClerkOrConvex(project({ packages: { framework: 'unknown', clerkSdks: ['@clerk/clerk-react'] } })),
      true,
    );
    assert.equal(
      usesClerkOrConvex(project({ packages: { framework: 'unknown', clerkSdks: [] }, authConfigs: [authConfig([])] })),
      true,
    );
  });
});
