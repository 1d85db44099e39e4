import assert from 'node:assert/strict';
import { convexVersionNotice } from '../../../src/project/convexVersionNotice';

const pkg = (deps: Record<string, string>, extra = ''): string =>
  `{\n  "name": "app",${extra}\n  "dependencies": ${JSON.stringify(deps, null, 4)}\n}\n`;

describe('project: the convex version notice in package.json', () => {
  it('points at a range pinned to 1.33.0 and offers 1.42.2 in the same style', () => {
    for (const [range, fixed] of [
      ['1.33.0', '1.42.2'],
      ['=1.33.0', '=1.42.2'],
      [' 1.33.0', ' 1.42.2'],
    ] as const) {
      const text = pkg({ convex: range });
      const notice = convexVersionNotice(text);
      assert.ok(notice, range);
      assert.equal(text.slice(notice.start, notice.end), range);
      assert.equal(notice.fixedRange, fixed);
      assert.equal(notice.installed, undefined);
      assert.equal(notice.issue, 'template-dropped');
    }
  });

  it('names the reason for every affected range: ≤ 1.32 integration-only, 1.33.0 template-only, < 1.42.2 new session', () => {
    const cases: [string, string | undefined, string | undefined][] = [
      ['1.17.4', 'integration-never-sent', '1.42.2'],
      ['~1.32.0', 'integration-never-sent', '~1.42.2'],
      ['^0.19.0', 'integration-never-sent', '^1.42.2'],
      ['1.33.0', 'template-dropped', '1.42.2'],
      ['1.33.1', 'new-session-missed', '1.42.2'],
      ['~1.33.0', 'new-session-missed', '~1.42.2'],
      ['1.42.1', 'new-session-missed', '1.42.2'],
      ['v1.40.0', 'new-session-missed', 'v1.42.2'],
      ['~1.42.0', undefined, undefined],
      ['1.42.2', undefined, undefined],
      ['^1.17.0', undefined, undefined],
      ['>=1.20.0', undefined, undefined],
      ['latest', undefined, undefined],
    ];
    for (const [range, issue, fixed] of cases) {
      const notice = convexVersionNotice(pkg({ convex: range }));
      assert.equal(notice?.issue, issue, range);
      assert.equal(notice?.fixedRange, fixed, range);
    }
  });

  it('points at a caret range when node_modules holds 1.33.0, with no text fix (a reinstall fixes it)', () => {
    const text = pkg({ convex: '^1.33.0' });
    const notice = convexVersionNotice(text, '1.33.0');
    assert.ok(notice);
    assert.equal(text.slice(notice.start, notice.end), '^1.33.0');
    assert.equal(notice.installed, '1.33.0');
    assert.equal(notice.fixedRange, undefined);
    assert.equal(
      convexVersionNotice(pkg({ convex: '^1.20.0' }), '1.41.0')?.issue,
      'new-session-missed',
      'an old install of a caret range',
    );
  });

  it('stays quiet for fixed releases, ranges that resolve past 1.42.2, and an installed good version', () => {
    assert.equal(convexVersionNotice(pkg({ convex: '^1.33.0' })), undefined);
    assert.equal(convexVersionNotice(pkg({ convex: '1.49.0' })), undefined);
    assert.equal(convexVersionNotice(pkg({ convex: '1.33.0' }), '1.49.1'), undefined);
    assert.equal(convexVersionNotice(pkg({ react: '1.33.0' })), undefined);
  });

  it('skips a "convex" key elsewhere (scripts) and finds the dependency', () => {
    const text = pkg({ convex: '1.33.0' }, '\n  "scripts": { "convex": "convex dev" },');
    const notice = convexVersionNotice(text);
    assert.ok(notice);
    assert.equal(text.slice(notice.start, notice.end), '1.33.0');
    assert.ok(notice.start > text.indexOf('"dependencies"'));
  });

  it('never throws on text that is not JSON', () => {
    for (const text of ['', '{', '"convex": "1.33.0"', 'null', '[]', '{"dependencies": {"convex": 1}}']) {
      assert.equal(convexVersionNotice(text, '1.33.0'), undefined, text);
    }
  });
});
