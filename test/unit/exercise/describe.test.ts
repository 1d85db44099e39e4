// Words for whatever a learner's function throws: never an exception of our own.
import assert from 'node:assert/strict';
import { describeLogged, describeThrown } from '../../../src/exercise/run/describe';

describe('describing thrown values without throwing', () => {
  it('errors by their message; primitives as themselves', () => {
    assert.equal(describeThrown(new TypeError('x is not a function')), 'x is not a function');
    assert.equal(describeThrown('plain'), 'plain');
    assert.equal(describeThrown(42), '42');
    assert.equal(describeThrown(null), 'null');
    assert.equal(describeThrown(undefined), 'undefined');
    assert.equal(describeThrown(Symbol('s')), 'Symbol(s)');
    assert.equal(describeThrown(10n), '10');
  });

  it('null-prototype objects, throwing getters, revoked and hostile Proxies', () => {
    assert.equal(describeThrown(Object.create(null)), 'a non-Error value: {}');
    const getter = Object.defineProperty(new Error('x'), 'message', {
      get() {
        throw new Error('no');
      },
    });
    assert.equal(describeThrown(getter), 'an object whose message could not be read (reading it threw)');
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    assert.equal(typeof describeThrown(proxy), 'string');
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('trap');
        },
        ownKeys() {
          throw new Error('trap');
        },
        getPrototypeOf() {
          throw new Error('trap');
        },
      },
    );
    assert.equal(typeof describeThrown(hostile), 'string');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    assert.match(describeThrown(cyclic), /non-Error value/);
    assert.equal(describeThrown('x'.repeat(10_000)).length, 2001);
    assert.equal(typeof describeLogged(proxy), 'string');
  });
});
