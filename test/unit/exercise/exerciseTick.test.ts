// The walkthrough's exercise step and the learner's own function: with convex installed and a functions folder,
// the step ticks only once their own function passed (nothing for anonymous, only A's rows for A).
import assert from 'node:assert/strict';
import { EMPTY_PROGRESS, evaluateChecks, type LessonProgress, type MeasuredWorkspace } from '../../../src/lessonState';
import { applyEvent, parseProgress } from '../../../src/lessonState/progress';
import { project } from '../lessonState/fixtures';

const both: LessonProgress = { ...EMPTY_PROGRESS, exercise: { anonymous: true, valid: true } };
const exercise = (measured: MeasuredWorkspace, progress: LessonProgress) =>
  evaluateChecks(measured, progress).find((c) => c.id === 'exercise');
const withConvex = {
  project: project({
    packages: { framework: 'next', clerkSdks: [], convexInstalled: '1.49.0' },
    convexLayout: { projectRoot: '', functionsDir: 'convex', source: 'default' },
  }),
};

describe("the exercise step and the learner's own function", () => {
  it('without convex installed, the two model requests tick it as before', () => {
    assert.equal(exercise({ project: project() }, both)?.status, 'pass');
  });

  it('with convex installed, the model requests are not enough: it waits for the own function, and says so', () => {
    const c = exercise(withConvex, both);
    assert.ok(c?.status === 'missing');
    assert.deepEqual(c.reason, { kind: 'exercisePending', anonymous: true, valid: true, ownFunction: false });
    assert.equal(exercise(withConvex, { ...both, ownFunctionPassed: true })?.status, 'pass');
  });

  it('a failed run records nothing; a passed one sticks, survives a round trip through storage', () => {
    assert.equal(applyEvent(both, { kind: 'ownFunctionRun', passed: false }), both);
    const passed = applyEvent(both, { kind: 'ownFunctionRun', passed: true });
    assert.equal(passed.ownFunctionPassed, true);
    assert.equal(applyEvent(passed, { kind: 'ownFunctionRun', passed: false }), passed);
    assert.equal(parseProgress(JSON.parse(JSON.stringify(passed))).ownFunctionPassed, true);
    assert.equal(parseProgress({ ...passed, ownFunctionPassed: 'yes' }).ownFunctionPassed, undefined);
  });
});
