import assert from 'node:assert/strict';
import { Derived, VersionedMap } from '../../../src/workspace/versionedMap';

describe('VersionedMap and Derived: what is derived from the index is computed again after every change', () => {
  it('counts sets, deletes that delete and clears that clear; nothing else', () => {
    const map = new VersionedMap<string, number>();
    const seen = [map.version];
    map.set('a', 1);
    seen.push(map.version);
    map.delete('missing');
    seen.push(map.version);
    map.delete('a');
    seen.push(map.version);
    map.clear();
    seen.push(map.version);
    map.set('b', 2);
    map.clear();
    seen.push(map.version);
    assert.deepEqual(seen, [0, 1, 1, 2, 2, 4]);
  });

  it('keeps a derived value until the map changes, then computes it again', () => {
    const map = new VersionedMap<string, number>();
    const derived = new Derived(map);
    let computed = 0;
    const sum = () =>
      derived.get('sum', () => {
        computed++;
        return [...map.values()].reduce((a, b) => a + b, 0);
      });
    map.set('a', 1);
    assert.equal(sum(), 1);
    assert.equal(sum(), 1);
    assert.equal(computed, 1);
    map.set('b', 2);
    assert.equal(sum(), 3);
    map.delete('a');
    assert.equal(sum(), 2);
    assert.equal(computed, 3);
    assert.equal(
      derived.get('other', () => 'x'),
      'x',
      'names are kept apart',
    );
  });
});
