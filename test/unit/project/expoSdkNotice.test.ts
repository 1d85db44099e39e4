// An Expo SDK outside the installed @clerk/expo's declared peer range gets a note; the range is the package's own.
import assert from 'node:assert/strict';
import { expoSdkNotice } from '../../../src/project/expoSdkNotice';

const pkg = (expo: string) =>
  JSON.stringify({ name: 'app', dependencies: { expo, '@clerk/expo': '^4.6.6', convex: '^1.51.0' } }, null, 2);
// @clerk/expo 4.6.6's own declaration (npm, 2026-12-06).
const CLERK_EXPO = { clerkExpo: '4.6.6', clerkExpoPeerExpo: '>=54 <58' };

describe('Expo SDK outside @clerk/expo’s declared range', () => {
  it('notes Expo SDK 58 (installed, or from a ~58 range) against @clerk/expo 4.6.6’s ">=54 <58"', () => {
    const text = pkg('~58.0.2');
    const fromRange = expoSdkNotice(text, CLERK_EXPO);
    assert.ok(fromRange);
    assert.equal(text.slice(fromRange.start, fromRange.end), '~58.0.2');
    assert.deepEqual(
      { v: fromRange.expoVersion, installed: fromRange.installed, peer: fromRange.peerRange },
      { v: '58.0.2', installed: false, peer: '>=54 <58' },
    );
    assert.equal(expoSdkNotice(pkg('^57.0.0'), { ...CLERK_EXPO, expo: '58.1.0' })?.expoVersion, '58.1.0');
    assert.ok(expoSdkNotice(pkg('~53.0.0'), CLERK_EXPO), 'below the range too');
  });

  it('stays quiet inside the range, without @clerk/expo installed, or when it cannot tell', () => {
    assert.equal(expoSdkNotice(pkg('~57.0.1'), CLERK_EXPO), undefined);
    assert.equal(expoSdkNotice(pkg('~58.0.0'), { clerkExpo: '4.6.6' }), undefined, 'no declared range read');
    assert.equal(expoSdkNotice(pkg('~58.0.0'), {}), undefined);
    assert.equal(expoSdkNotice(pkg('latest'), CLERK_EXPO), undefined, 'a tag is not judged');
    assert.equal(expoSdkNotice(pkg('~58.0.0'), { ...CLERK_EXPO, clerkExpoPeerExpo: '>=54 <59' }), undefined);
    for (const text of ['', '{', 'null', '[]']) assert.equal(expoSdkNotice(text, CLERK_EXPO), undefined);
  });
});
