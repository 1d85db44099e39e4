import assert from 'node:assert/strict';
import * as babelTypes from '@babel/types';
import { SKIPPED_KEYS, VISITOR_KEYS } from '../../../src/analysis/visitorKeys';

describe('analysis: visitor keys table', () => {
  it('matches @babel/types for every runtime node type (minus type annotations and decorators)', () => {
    for (const [type, keys] of Object.entries(VISITOR_KEYS)) {
      const expected = (babelTypes.VISITOR_KEYS[type] ?? []).filter((k) => !SKIPPED_KEYS.includes(k));
      assert.ok(babelTypes.VISITOR_KEYS[type], `${type} is not a Babel node type`);
      assert.deepEqual([...keys], expected, type);
    }
  });
  it('leaves out only type-level nodes: TypeScript types and Flow', () => {
    const flow = new Set<string>(babelTypes.FLOW_TYPES);
    for (const type of Object.keys(babelTypes.VISITOR_KEYS)) {
      if (VISITOR_KEYS[type]) continue;
      assert.ok(type.startsWith('TS') || flow.has(type), `${type} is missing from the table`);
    }
  });
});
