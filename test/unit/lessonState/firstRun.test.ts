import assert from 'node:assert/strict';
import { shouldOpenOnStart } from '../../../src/lessonState';

describe('lessonState: opening on first install', () => {
  it('opens only when enabled, never opened before and not under test', () => {
    assert.equal(shouldOpenOnStart({ enabled: true, alreadyOpened: false, underTest: false }), true);
    assert.equal(shouldOpenOnStart({ enabled: true, alreadyOpened: true, underTest: false }), false);
    assert.equal(shouldOpenOnStart({ enabled: false, alreadyOpened: false, underTest: false }), false);
    assert.equal(shouldOpenOnStart({ enabled: true, alreadyOpened: false, underTest: true }), false);
  });
});
