import * as assert from 'node:assert/strict';
import { toReportView, toRunView } from '../../../src/protocol/hostViews';
import { format } from '../../../src/protocol/panel';
import { parsePanelState, parseWebviewMessage } from '../../../src/protocol/parseMessage';
import type { TokenReport } from '../../../src/token/types';
import type { ScenarioRun } from '../../../src/exercise/types';

describe('protocol: the host-side gate on webview messages', () => {
  it('accepts every known message in its exact shape and returns a fresh copy', () => {
    const known = [
      { type: 'ready' },
      { type: 'clear' },
      { type: 'verify' },
      { type: 'runExercise' },
      { type: 'decode', text: 'eyJ.a.b' },
      { type: 'runScenario', scenario: 'tampered' },
      { type: 'rendered', summary: { what: 'report', rows: 3 } },
      { type: 'rendered', summary: { what: 'exercise', stoppedAt: 'verify', rows: 1 } },
    ];
    for (const m of known) {
      const parsed = parseWebviewMessage(m);
      assert.deepEqual(parsed, m);
      assert.notEqual(parsed, m, 'a copy, not the object the webview sent');
    }
  });

  it('drops unknown types, extra fields, wrong types and non-objects', () => {
    const bad: unknown[] = [
      undefined,
      null,
      'ready',
      42,
      [],
      [{ type: 'ready' }],
      { type: 'executeCommand', command: 'workbench.action.terminal.new' },
      { type: 'openExternal', url: 'https://attacker.example' },
      { type: 'ready', command: 'x' },
      { type: 'decode' },
      { type: 'decode', text: 5 },
      { type: 'decode', text: 'x', extra: true },
      { type: 'runScenario', scenario: 'rm -rf' },
      { type: 'runScenario', scenario: 'valid', userId: 'user_1' },
      { type: 'rendered', summary: { what: 'report', rows: -1 } },
      { type: 'rendered', summary: { what: 'report', rows: 1.5 } },
      { type: 'rendered', summary: { what: 'report', rows: 1, stoppedAt: 'nowhere' } },
      { type: 'rendered', summary: { what: 'report', rows: 1, html: '<b>' } },
      { type: 'decode', text: 'x'.repeat(4 * 1024 * 1024 + 1) },
    ];
    for (const m of bad) assert.equal(parseWebviewMessage(m), undefined, JSON.stringify(m)?.slice(0, 80));
  });

  it('does not read inherited fields: a prototype-polluted or class instance message is dropped', () => {
    const proto = JSON.parse('{"__proto__": {"type": "ready"}}') as unknown;
    assert.equal(parseWebviewMessage(proto), undefined);
    class Ready {
      type = 'ready';
    }
    assert.equal(parseWebviewMessage(new Ready()), undefined);
    assert.deepEqual(parseWebviewMessage(Object.assign(Object.create(null) as object, { type: 'ready' })), {
      type: 'ready',
    });
  });

  it('restores only a known tab from serialized state, never anything else', () => {
    assert.deepEqual(parsePanelState({ view: 'exercise' }), { view: 'exercise' });
    assert.deepEqual(parsePanelState({ view: 'exercise', token: 'eyJ…' }), { view: 'exercise' });
    assert.deepEqual(parsePanelState({ view: 'settings' }), { view: 'token' });
    assert.deepEqual(parsePanelState(undefined), { view: 'token' });
  });

  it('formats {n} placeholders and leaves unknown ones', () => {
    assert.equal(format('{0} at {1}', 'a', 'b'), 'a at b');
    assert.equal(format('{0} {2}', 'a'), 'a {2}');
  });
});

describe('protocol: reports and runs made safe to post', () => {
  const report: TokenReport = {
    input: { token: 'h.p.s', removed: ['the "Bearer " prefix'] },
    header: { alg: 'RS256', typ: 'JWT' },
    claims: [
      { name: 'sub', value: 'user_1', explanation: 'Subject', standard: true },
      { name: 'exp', value: 1, time: { iso: '1970-01-01T00:00:01.000Z', relative: 'expired long ago' } },
      { name: 'org', value: JSON.parse('{"__proto__": {"admin": true}}') as unknown },
    ],
    checks: [
      { id: 'exp', stage: 'verify', status: 'fail', title: 'Expired', detail: 'd', convexError: 'Could not verify' },
    ],
    failedStage: 'verify',
    clerkMode: 'integration',
    hiddenCharacters: [{ path: 'claims.name', codePoint: 'U+202E', name: 'right-to-left override' }],
  };

  it('keeps every field the webview shows and turns values into display trees', () => {
    const view = toReportView(report);
    assert.equal(view.token, 'h.p.s');
    assert.deepEqual(view.removed, ['the "Bearer " prefix']);
    assert.deepEqual(
      view.header?.map((r) => r.name),
      ['alg', 'typ'],
    );
    assert.deepEqual(view.claims?.[0], { name: 'sub', value: { k: 'str', v: 'user_1' }, explanation: 'Subject' });
    assert.deepEqual(view.claims?.[1]?.time, { iso: '1970-01-01T00:00:01.000Z', relative: 'expired long ago' });
    assert.equal(view.failedStage, 'verify');
    assert.deepEqual(view.hidden, report.hiddenCharacters);
  });

  it('keeps __proto__ as an ordinary key that survives JSON round trips', () => {
    const view = toReportView(report);
    const org = JSON.parse(JSON.stringify(view.claims?.[2]?.value)) as unknown;
    assert.deepEqual(org, {
      k: 'obj',
      entries: [['__proto__', { k: 'obj', entries: [['admin', { k: 'bool', v: true }]] }]],
    });
    assert.equal(({} as Record<string, unknown>).admin, undefined);
  });

  it('turns a run into headers as pairs and bodies as display trees', () => {
    const run: ScenarioRun = {
      scenario: 'valid',
      user: { id: 'user_1', name: 'Alice', email: 'a@example.com' },
      token: 'h.p.s',
      request: {
        method: 'POST',
        url: 'https://x.convex.cloud/api/query',
        headers: { Authorization: 'Bearer h.p.s' },
        body: { path: 'messages:list', args: {} },
      },
      stages: [{ stage: 'data', status: 'pass', label: 'messages.list', detail: '2 messages' }],
      response: { status: 200, body: { status: 'success', value: [] } },
    };
    const view = toRunView(run);
    assert.equal(view.userName, 'Alice');
    assert.deepEqual(view.request.headers, [['Authorization', 'Bearer h.p.s']]);
    assert.deepEqual(view.response.body, {
      k: 'obj',
      entries: [
        ['status', { k: 'str', v: 'success' }],
        ['value', { k: 'arr', items: [] }],
      ],
    });
    assert.equal('token' in view, false, 'the run view carries no separate token field');
  });
});

describe("protocol: the own-function section's messages", () => {
  it('run (with or without edited arguments), cancel, trust and the command buttons, in their exact shape', () => {
    for (const m of [
      { type: 'runOwnFunction', path: 'notes:leakyGet' },
      { type: 'runOwnFunction', path: 'folder/file:default', args: '{"id": "$A.row:notes"}' },
      { type: 'cancelOwnFunction' },
      { type: 'trustWorkspace' },
      { type: 'ownFunctionCommand', caller: 'B', action: 'terminal' },
    ])
      assert.deepEqual(parseWebviewMessage(m), m);
  });

  it('drops a bad path, arguments that are not text or too long, and extra fields', () => {
    for (const m of [
      { type: 'runOwnFunction', path: 'rm -rf /' },
      { type: 'runOwnFunction', path: 'notes:list', args: { id: 1 } },
      { type: 'runOwnFunction', path: 'notes:list', args: 'x'.repeat(64 * 1024 + 1) },
      { type: 'runOwnFunction', path: 'notes:list', args: '{}', limits: { timeoutMs: 1e9 } },
      { type: 'cancelOwnFunction', runId: 3 },
    ])
      assert.equal(parseWebviewMessage(m), undefined, JSON.stringify(m).slice(0, 80));
  });
});
