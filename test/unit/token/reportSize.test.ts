// Reports and what reaches the page are proportional to what is worth showing (issue 15): stripped wrappers are
// collapsed with a count, long arrays and strings are cut with a count and the whole value kept for copying.
import assert from 'node:assert/strict';
import { analyseToken } from '../../../src/token';
import { toReportView } from '../../../src/protocol/hostViews';
import { NOW_MS, PROVIDERS } from './fixtures';
import { hostileInputs, PLAIN_TOKEN } from './hostileSet';

const reportBytes = (text: string) =>
  Buffer.byteLength(JSON.stringify(toReportView(analyseToken(text, { providers: PROVIDERS, nowMs: NOW_MS }))));

describe('hostile input: report size follows what is worth showing', () => {
  for (const [name, text] of hostileInputs()) {
    it(`${name}: report ≤ 4× the input`, () => {
      const ratio = reportBytes(text) / Buffer.byteLength(text);
      assert.ok(ratio <= 4, `report is ${ratio.toFixed(1)}× the input`);
    });
  }

  it('60,000 stray semicolons are one line saying how many were removed', () => {
    const r = analyseToken(`${PLAIN_TOKEN}${';'.repeat(60_000)}`, { providers: PROVIDERS, nowMs: NOW_MS });
    assert.deepEqual(r.input.removed, ['60,000 trailing commas or semicolons']);
    assert.equal(r.input.token, PLAIN_TOKEN);
    const bearer = analyseToken(`${'Bearer '.repeat(50)}${PLAIN_TOKEN}`, { providers: PROVIDERS, nowMs: NOW_MS });
    assert.deepEqual(bearer.input.removed, ['the "Bearer " prefix (50 times)']);
  });

  it('a long array is cut with a count, and the whole value stays copyable', () => {
    const [, text] = hostileInputs().find(([n]) => n.startsWith('a 60 KB token')) ?? ['', ''];
    const view = toReportView(analyseToken(text, { providers: PROVIDERS, nowMs: NOW_MS }));
    const list = view.claims?.find((c) => c.name === 'list');
    assert.equal(list?.value.k === 'arr' && list.value.items.at(-1)?.k, 'more');
    const last = list?.value.k === 'arr' ? list.value.items.at(-1) : undefined;
    assert.equal(last?.k === 'more' && last.count, 10_000 - 100);
    assert.equal((JSON.parse(list?.full ?? '[]') as unknown[]).length, 10_000);
  });
});
