import * as assert from 'node:assert/strict';
import {
  MAX_DISPLAY_DEPTH,
  MAX_DISPLAY_ITEMS,
  MAX_DISPLAY_STRING,
  splitHidden,
  toDisplayValue,
  type DisplayValue,
} from '../../../src/protocol/displayValue';

function depthOf(v: DisplayValue): number {
  let depth = 0;
  let cur: DisplayValue | undefined = v;
  while (cur && (cur.k === 'obj' || cur.k === 'arr')) {
    depth++;
    cur = cur.k === 'obj' ? cur.entries[0]?.[1] : cur.items[0];
  }
  return depth;
}

describe('protocol: display values', () => {
  it('cuts a value nested 20,000 deep at the depth limit, without recursion trouble, and marks the cut', () => {
    const deep = JSON.parse(`${'{"a":'.repeat(20000)}1${'}'.repeat(20000)}`) as unknown;
    const shown = toDisplayValue(deep);
    assert.equal(depthOf(shown), MAX_DISPLAY_DEPTH);
    assert.doesNotThrow(() => JSON.stringify(shown));
    let cur: DisplayValue = shown;
    while (cur.k === 'obj') cur = cur.entries[0]?.[1] ?? cur;
    assert.deepEqual(cur, { k: 'more', reason: 'depth' });
  });

  it('bounds the number of nodes and the length of strings', () => {
    const wide = toDisplayValue(
      Array.from({ length: 10_000 }, (_, i) => i),
      32,
      100,
    );
    assert.equal(wide.k, 'arr');
    const items = wide.k === 'arr' ? wide.items : [];
    assert.deepEqual(items.at(-1), { k: 'more', reason: 'size', count: 9901 }, 'says how many are not shown');
    assert.equal(items.length, 100);
    const capped = toDisplayValue(Array.from({ length: 10_000 }, (_, i) => i));
    assert.equal(
      capped.k === 'arr' && capped.items.length,
      MAX_DISPLAY_ITEMS + 1,
      'one array shows at most MAX_DISPLAY_ITEMS items',
    );
    const wideObject = toDisplayValue(Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, i])));
    assert.deepEqual(wideObject.k === 'obj' && wideObject.entries.at(-1), [
      '…',
      { k: 'more', reason: 'size', count: 400 },
    ]);
    const shared = { nodes: 50 };
    toDisplayValue(
      Array.from({ length: 40 }, () => 'a'),
      32,
      shared,
    );
    const second = toDisplayValue(
      Array.from({ length: 40 }, () => 'a'),
      32,
      shared,
    );
    assert.ok(second.k === 'arr' && second.items.length < 15, 'a shared budget bounds a whole report');
    const long = toDisplayValue('x'.repeat(MAX_DISPLAY_STRING + 10));
    assert.equal(long.k === 'str' && long.v.length, MAX_DISPLAY_STRING + 1);
    assert.equal(long.k === 'str' && long.cut, 10, 'says how much was cut');
  });

  it('carries numbers JSON cannot (Infinity from 1e309, NaN) as text', () => {
    assert.deepEqual(toDisplayValue(JSON.parse('1e309')), { k: 'num', v: 'Infinity' });
    assert.deepEqual(toDisplayValue(Number.NaN), { k: 'num', v: 'NaN' });
    assert.deepEqual(toDisplayValue(undefined), { k: 'other', type: 'undefined' });
  });

  it('marks invisible, control and bidi characters and keeps ordinary text (CJK, emoji) as is', () => {
    assert.deepEqual(splitHidden('山田 🦀'), [{ text: '山田 🦀', hidden: false }]);
    assert.deepEqual(splitHidden('evil\u202Egnp'), [
      { text: 'evil', hidden: false },
      { text: '⟨U+202E⟩', hidden: true },
      { text: 'gnp', hidden: false },
    ]);
    assert.deepEqual(
      splitHidden('\u0000\u200B').map((p) => p.text),
      ['⟨U+0000⟩', '⟨U+200B⟩'],
    );
    assert.deepEqual(
      splitHidden('\uD800x').map((p) => p.text),
      ['⟨U+D800⟩', 'x'],
    );
  });
});
