import assert from 'node:assert/strict';
import fc from 'fast-check';
import { utf8ByteLength } from '../../../src/project/textSize';

describe('utf8ByteLength (the one size rule: bytes, in the editor and on disk)', () => {
  it('counts bytes, not UTF-16 units', () => {
    assert.equal(utf8ByteLength('abc'), 3);
    assert.equal(utf8ByteLength('é'), 2);
    assert.equal(utf8ByteLength('€'), 3);
    assert.equal(utf8ByteLength('😀'), 4);
    assert.equal(utf8ByteLength('\ud800'), 3); // a lone surrogate is written as U+FFFD
  });

  it('agrees with what TextEncoder writes, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => utf8ByteLength(s) === new TextEncoder().encode(s).byteLength),
    );
  });
});
