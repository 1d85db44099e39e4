// The own-function section's state and the panel's delivery of it, over random orderings of what happens: runs
// started from the button, "Run it" or the command; a run that finishes, is not run, throws or is cancelled (in
// any order, late answers of older runs included); the page hidden, shown and reloaded; the panel disposed.
// A run always ends in a final state, a late answer never overwrites a newer run, and the page, whenever it is
// there, shows exactly the host's state (sent whole on `ready`, never replayed message by message).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  canStart,
  initialOwnState,
  reduceOwn,
  type OwnEvent,
  type OwnState,
} from '../../../src/exercise/run/ownRunState';
import type { HostMessage, OwnFunctionView, PanelSnapshot } from '../../../src/protocol/panel';
import { applyHostMessage, initialSnapshot } from '../../../src/protocol/panelState';

type Step =
  | { kind: 'run' }
  | { kind: 'settle'; pick: number; how: 'finish' | 'notRun' | 'throw' }
  | { kind: 'cancel' }
  | { kind: 'availability'; blocked: boolean }
  | { kind: 'hide' }
  | { kind: 'show' }
  | { kind: 'ready' }
  | { kind: 'dispose' };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.constant({ kind: 'run' as const }),
  fc.record({
    kind: fc.constant('settle' as const),
    pick: fc.nat(),
    how: fc.constantFrom('finish' as const, 'notRun' as const, 'throw' as const),
  }),
  fc.constant({ kind: 'cancel' as const }),
  fc.record({ kind: fc.constant('availability' as const), blocked: fc.boolean() }),
  fc.constant({ kind: 'hide' as const }),
  fc.constant({ kind: 'show' as const }),
  fc.constant({ kind: 'ready' as const }),
  fc.constant({ kind: 'dispose' as const }),
);

/** The host as OwnFunctionPart and TokenFlowPanel drive it, without VS Code. */
class Host {
  own: OwnState<string> = initialOwnState();
  snapshot: PanelSnapshot = initialSnapshot('exercise', true, true);
  page: PanelSnapshot | undefined;
  ready = false;
  visible = true;
  disposed = false;
  nextRunId = 1;
  running: number | undefined;
  /** Runs started and not yet settled: their end comes later, in any order. */
  pending: number[] = [];

  private view(): OwnFunctionView {
    return {
      state: this.own.phase,
      ...(this.own.message ? { message: this.own.message } : {}),
      functions: [{ path: 'notes:mine', label: 'notes:mine (query)' }],
      ...(this.own.result
        ? { result: { summary: this.own.result } as unknown as NonNullable<OwnFunctionView['result']> }
        : {}),
      labels: {} as OwnFunctionView['labels'],
    };
  }

  private apply(e: OwnEvent<string>): void {
    this.own = reduceOwn(this.own, e);
    this.post({ type: 'ownFunction', view: this.view() });
  }

  private post(m: HostMessage): void {
    if (this.disposed) return;
    this.snapshot = applyHostMessage(this.snapshot, m);
    if (this.ready && this.page) this.page = applyHostMessage(this.page, JSON.parse(JSON.stringify(m)) as HostMessage);
  }

  do(s: Step): void {
    switch (s.kind) {
      case 'run':
        if (this.running !== undefined || this.disposed) return; // one run at a time: the same promise is returned
        this.apply({ type: 'availability' });
        if (!canStart(this.own)) return;
        this.running = this.nextRunId++;
        this.apply({ type: 'start', runId: this.running, message: 'running' });
        this.pending.push(this.running);
        return;
      case 'settle': {
        if (this.pending.length === 0) return;
        const id = this.pending.splice(s.pick % this.pending.length, 1)[0];
        if (s.how === 'finish') this.apply({ type: 'finish', runId: id, result: `result ${id}` });
        else if (s.how === 'notRun') this.apply({ type: 'notRun', runId: id, message: 'not run' });
        else this.apply({ type: 'fail', runId: id, message: 'threw' });
        // The `finally` of OwnFunctionPart.run: whatever happened, the run is over.
        this.apply({ type: 'fail', runId: id, message: 'ended without a result' });
        if (this.running === id) this.running = undefined;
        return;
      }
      case 'cancel':
        if (this.running !== undefined) this.apply({ type: 'cancel', runId: this.running, message: 'cancelled' });
        return;
      case 'availability':
        this.apply({
          type: 'availability',
          ...(s.blocked ? { blocked: { phase: 'untrusted', message: 'trust' } } : {}),
        });
        return;
      case 'hide':
        // A hidden webview is gone (no retainContextWhenHidden): the page is lost, the host keeps its state.
        this.visible = false;
        this.ready = false;
        this.page = undefined;
        return;
      case 'show':
        this.visible = true;
        return;
      case 'ready':
        if (!this.visible || this.disposed) return;
        // The page (re)loaded: strings, then the whole state.
        this.ready = true;
        this.page = applyHostMessage(initialSnapshot('token', false, false), {
          type: 'state',
          state: JSON.parse(JSON.stringify(this.snapshot)) as PanelSnapshot,
        });
        return;
      case 'dispose':
        this.disposed = true;
        this.ready = false;
        return;
    }
  }
}

describe('the own-function state and its delivery to the page, over random orderings', () => {
  it('every run ends in a final state; older answers never overwrite newer ones; the page shows the host state', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const host = new Host();
        for (const s of steps) {
          const before = host.own;
          host.do(s);
          // A settle of a run that is no longer current changes nothing.
          if (s.kind === 'settle' && before.phase !== 'running') assert.equal(host.own.runId, before.runId);
          if (host.ready && host.page) assert.deepEqual(host.page, host.snapshot, 'the page shows the host state');
        }
        // Settle whatever is still pending, in order: afterwards nothing may be left "running".
        while (host.pending.length > 0) host.do({ kind: 'settle', pick: 0, how: 'throw' });
        assert.notEqual(host.own.phase, 'running');
        assert.equal(host.running, undefined);
        host.do({ kind: 'show' });
        host.do({ kind: 'ready' });
        if (!host.disposed) assert.deepEqual(host.page, host.snapshot);
      }),
      { numRuns: 400 },
    );
  });

  it('a result arriving after a cancel does not bring the cancelled run back', () => {
    let s = initialOwnState<string>();
    s = reduceOwn(s, { type: 'availability' });
    s = reduceOwn(s, { type: 'start', runId: 1, message: 'running' });
    s = reduceOwn(s, { type: 'cancel', runId: 1, message: 'cancelled' });
    s = reduceOwn(s, { type: 'finish', runId: 1, result: 'late' });
    assert.deepEqual(s, { phase: 'not-run', runId: 1, message: 'cancelled' });
    s = reduceOwn(s, { type: 'start', runId: 2, message: 'running' });
    s = reduceOwn(s, { type: 'finish', runId: 1, result: 'older' });
    assert.equal(s.phase, 'running');
    s = reduceOwn(s, { type: 'finish', runId: 2, result: 'mine' });
    assert.deepEqual(s, { phase: 'ran', runId: 2, result: 'mine' });
  });
});

describe('the panel state: host messages applied on both sides', () => {
  const messages: fc.Arbitrary<HostMessage> = fc.oneof(
    fc.constantFrom<HostMessage>(
      { type: 'showView', view: 'token' },
      { type: 'showView', view: 'exercise' },
      { type: 'verifying' },
      { type: 'cleared' },
      { type: 'exerciseRunning', scenario: 'anonymous' },
      { type: 'exerciseSetup', notes: ['a note'] },
      { type: 'settings', animate: false, trusted: true },
      { type: 'notice', level: 'info', text: 'hi' },
      { type: 'section', key: 'deployment', state: { asked: 1 } },
    ),
    fc.constant<HostMessage>({ type: 'verified', checks: [] }),
    fc.constant<HostMessage>({ type: 'exerciseRuns', runs: [] }),
  );

  it('a page that loads at any point and applies what follows ends equal to the host', () => {
    fc.assert(
      fc.property(fc.array(messages, { maxLength: 30 }), fc.nat(30), (ms, at) => {
        let host = initialSnapshot('token', true, true);
        let page: PanelSnapshot | undefined;
        ms.forEach((m, i) => {
          if (i === at) page = applyHostMessage(initialSnapshot('token', false, false), { type: 'state', state: host });
          host = applyHostMessage(host, m);
          if (page) page = applyHostMessage(page, m);
        });
        page ??= applyHostMessage(initialSnapshot('token', false, false), { type: 'state', state: host });
        assert.deepEqual(page, host);
      }),
    );
  });
});
