// The "Ask my deployment" section under random interleavings of its events: env files changing the deployments,
// tokens decoded and cleared, asks and query runs starting and finishing in any order. Checked after every step:
// an answer or run result shown is about the current token and the row's current URL; a row is "asking" exactly
// while one of its own asks is under way; and once everything has finished nothing is left asking or running.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DeploymentSectionModel, type Ticket } from '../../../src/deployment/sectionModel';

type Op =
  | { kind: 'deployments'; urls: (string | null)[] }
  | { kind: 'token'; present: boolean }
  | { kind: 'ask'; id: number }
  | { kind: 'run'; id: number }
  | { kind: 'finish'; pick: number; fail: boolean };

const IDS = ['d0', 'd1', 'd2'];
const URLS = ['https://a.convex.cloud', 'https://b.convex.cloud', 'http://127.0.0.1:3210'];

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('deployments' as const),
    urls: fc.array(fc.option(fc.constantFrom(...URLS), { nil: null }), { minLength: 3, maxLength: 3 }),
  }),
  fc.record({ kind: fc.constant('token' as const), present: fc.boolean() }),
  fc.record({ kind: fc.constant('ask' as const), id: fc.nat({ max: 2 }) }),
  fc.record({ kind: fc.constant('run' as const), id: fc.nat({ max: 2 }) }),
  fc.record({ kind: fc.constant('finish' as const), pick: fc.nat(), fail: fc.boolean() }),
);

interface Pending {
  kind: 'ask' | 'run';
  ticket: Ticket;
  /** What the work was about when it began: the token generation and the row's URL and epoch. */
  generation: number;
  url: string;
  epoch: number;
}

describe('Ask my deployment: the section state under random interleavings', () => {
  it('never shows an answer about another token or URL, and "asking" follows the asks under way', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const model = new DeploymentSectionModel<string, string>();
        const urls = new Map<string, string>();
        const epoch = new Map<string, number>();
        let generation = 0;
        let hasToken = false;
        const pending: Pending[] = [];

        const check = (): void => {
          const rows = model.rowsNow();
          assert.deepEqual(
            rows.map((r) => [r.id, r.url]),
            [...urls],
          );
          for (const r of rows) {
            const e = epoch.get(r.id) ?? 0;
            const asks = pending.filter((p) => p.kind === 'ask' && p.ticket.id === r.id && p.epoch === e);
            const runs = pending.filter((p) => p.kind === 'run' && p.ticket.id === r.id && p.epoch === e);
            assert.equal(r.asking, asks.length > 0, `${r.id} asking`);
            if (r.answer !== undefined)
              assert.equal(r.answer, `${generation}|${r.url}`, 'answer about the current token and URL');
            if (r.run?.value !== undefined)
              assert.equal(r.run.value, `${generation}|${r.url}`, 'run about the current token and URL');
            if (r.run?.running) assert.ok(runs.length > 0, 'running only while a run is under way');
            if (!hasToken) assert.ok(r.answer === undefined && r.run === undefined, 'no answers without a token');
          }
        };

        for (const o of ops) {
          switch (o.kind) {
            case 'deployments': {
              const list = IDS.flatMap((id, i) => (o.urls[i] ? [{ id, url: o.urls[i] }] : []));
              for (const id of IDS) {
                const next = list.find((x) => x.id === id)?.url;
                if (urls.get(id) !== next) epoch.set(id, (epoch.get(id) ?? 0) + 1);
              }
              urls.clear();
              for (const { id, url } of list) urls.set(id, url);
              model.setDeployments(list);
              break;
            }
            case 'token':
              generation++;
              hasToken = o.present;
              model.setToken(o.present);
              break;
            case 'ask':
            case 'run': {
              const id = IDS[o.id];
              const ticket = o.kind === 'ask' ? model.beginAsk(id) : model.beginRun(id, 'messages:list');
              assert.equal(ticket !== undefined, hasToken && urls.has(id), 'work starts only with a token and a row');
              if (ticket)
                pending.push({ kind: o.kind, ticket, generation, url: urls.get(id) ?? '', epoch: epoch.get(id) ?? 0 });
              break;
            }
            case 'finish': {
              if (pending.length === 0) break;
              const [p] = pending.splice(o.pick % pending.length, 1);
              const value = o.fail ? undefined : `${p.generation}|${p.url}`;
              if (p.kind === 'ask') model.finishAsk(p.ticket, value);
              else model.finishRun(p.ticket, 'messages:list', value);
              break;
            }
          }
          check();
        }
        // Everything finishes: nothing is left asking or running.
        while (pending.length) {
          const p = pending.pop() as Pending;
          if (p.kind === 'ask') model.finishAsk(p.ticket, undefined);
          else model.finishRun(p.ticket, 'messages:list', undefined);
        }
        check();
        assert.ok(model.rowsNow().every((r) => !r.asking && !r.run?.running));
      }),
      { numRuns: 400 },
    );
  });
});
