// Peak memory of one verification against a 1 GiB gzip bomb and 50 MiB bodies, measured in a fresh child process
// (its peak RSS before and after): bodies are capped while they stream, after decompression.
import assert from 'node:assert/strict';
import path from 'node:path';
import { measureInChild, startHostileServers, type HostileServers } from './memory/hostileServers';

/** The bound for a verification's peak memory above the baseline. */
const BOUND_MIB = 16;
const TOKEN_MODULE = path.join(__dirname, '..', '..', '..', 'src', 'token', 'index.ts');

describe('verification memory is bounded while a response streams', function () {
  this.timeout(60_000);
  let servers: HostileServers;
  before(async () => {
    servers = await startHostileServers();
  });
  after(() => servers.close());

  const cases: [string, string, string, RegExp][] = [
    ['a 1 GiB gzip bomb as the discovery document', 'gzip-bomb', 'discovery', /sent more than 512 KiB/],
    ['a 50 MiB discovery document without Content-Length', 'big-chunked', 'discovery', /sent more than 512 KiB/],
    [
      'a 50 MiB discovery document announced by Content-Length',
      'big-declared',
      'discovery',
      /announced 51,200 KiB.*before reading it/,
    ],
    ['a 50 MiB key set', 'big-jwks', 'jwks', /sent more than 512 KiB/],
  ];
  for (const [name, route, id, detail] of cases) {
    it(`${name}: refused as too large, peak memory ≤ ${BOUND_MIB} MiB above the baseline`, async () => {
      const r = await measureInChild(TOKEN_MODULE, servers.origin, route);
      const f = r.checks.find((c) => c.status === 'fail');
      assert.equal(f?.id, id, JSON.stringify(r.checks));
      assert.match(f?.title ?? '', /is too large/);
      assert.match(f?.detail ?? '', detail);
      assert.ok(r.growthMiB <= BOUND_MIB, `peak RSS grew by ${r.growthMiB.toFixed(1)} MiB`);
    });
  }
});
