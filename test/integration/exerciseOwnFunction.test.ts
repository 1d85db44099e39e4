// The exercise's second half in the real VS Code: the extension host starts the bundled runner
// (dist/ownFunctionRunner.js) as a child process, the real ConvexHttpClient talks to the stand-in, and the panel's
// webview draws each call. The projects are temporary copies of the sample's convex/ and of the test fixtures, with
// node_modules linked to the repository's (the real convex 1.49 and its esbuild).
import * as assert from 'node:assert/strict';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/features/api';
import type { OwnFunctionApi } from '../../src/features/tokenPanel/ownFunctionRegister';
import type { TokenPanelApi } from '../../src/features/tokenPanel/register';
import type { OwnFunctionView } from '../../src/protocol/panel';
import { FIXTURES, fixSampleMessages, tempProject, type TempProject } from '../unit/handoff/projects';
import { activateExtension, sampleUri } from './helpers';

function apis(api: ExtensionApi): { own: OwnFunctionApi; panel: TokenPanelApi } {
  const own = api.ownFunction as OwnFunctionApi | undefined;
  const panel = api.tokenPanel as TokenPanelApi | undefined;
  assert.ok(own && panel, 'the API exposes ownFunction and tokenPanel');
  return { own, panel };
}

const verdicts = (v: OwnFunctionView) => v.result?.calls.map((c) => `${c.caller}:${c.verdict}`);

describe('the exercise on the learner\'s own function, in a real VS Code', function () {
  this.timeout(120_000);
  let api: ExtensionApi;
  const projects: TempProject[] = [];
  const project = (p: TempProject) => {
    projects.push(p);
    return { dir: p.dir, functionsDir: p.functionsDir };
  };
  const sampleConvex = () => sampleUri('convex').fsPath;

  before(async () => {
    api = await activateExtension();
  });
  after(async () => {
    apis(api).panel.close();
    for (const p of projects) p.remove();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('the sample\'s messages:list as shipped: Alice and Bob get none of their own messages; the webview draws the three calls', async () => {
    const { own } = apis(api);
    const view = await own.run({ project: project(tempProject([sampleConvex()])) });
    assert.equal(view.state, 'ran', view.message);
    assert.equal(view.selected, 'messages:list');
    assert.deepEqual(verdicts(view), ['anonymous:pass', 'A:fail', 'B:fail']);
    assert.equal(view.result?.calls[1]?.message, 'Your function returned none of Alice Martin\'s 2 rows to Alice Martin.');
    assert.equal(view.result?.passed, false);
    assert.match(view.result?.seeded ?? '', /messages:send ran 2 times as Alice Martin and 2 times as Bob Okafor/);
  });

  it('the sample fixed: passes; the panel shows ConvexHttpClient\'s request and the stand-in\'s response', async () => {
    const { own } = apis(api);
    const view = await own.run({ project: project(tempProject([sampleConvex()], { edits: { 'messages.ts': fixSampleMessages } })) });
    assert.deepEqual(verdicts(view), ['anonymous:pass', 'A:pass', 'B:pass']);
    assert.equal(view.result?.passed, true);
    const a = view.result?.calls[1];
    assert.match(a?.request?.url ?? '', /^http:\/\/127\.0\.0\.1:\d+\/api\/query$/);
    assert.ok(a?.request?.headers.some(([k, v]) => k === 'Convex-Client' && /^npm-1\.49\./.test(v)));
    assert.ok(a?.request?.headers.some(([k, v]) => k === 'Authorization' && v.startsWith('Bearer ')));
    assert.equal(view.result?.calls[0]?.request?.headers.some(([k]) => k === 'Authorization'), false);
    assert.equal(a?.response?.status, 200);
    assert.match(view.result?.commands[0]?.command ?? '', /^npx convex run messages:list '\{\}' --identity '\{"tokenIdentifier":/);
    const panel = await waitForDrawn(3);
    assert.equal(panel, 3);
  });

  it('other shapes: throws when anonymous + tokenIdentifier filter passes; a leak says whose rows; a mutation refuses anonymous', async () => {
    const { own } = apis(api);
    const shapes = project(tempProject([path.join(FIXTURES, 'shapes')]));
    const mine = await own.run({ project: shapes, pick: 'notes:mine' });
    assert.deepEqual(verdicts(mine), ['anonymous:pass', 'A:pass', 'B:pass']);
    const leak = await own.run({ project: shapes, pick: 'notes:everyone' });
    assert.deepEqual(verdicts(leak), ['anonymous:pass', 'A:fail', 'B:fail']);
    assert.equal(leak.result?.calls[1]?.message, 'Your function returned 2 of Bob Okafor\'s notes to Alice Martin.');
    const add = await own.run({ project: shapes, pick: 'notes:add' });
    assert.deepEqual(verdicts(add), ['anonymous:pass', 'A:pass', 'B:pass']);
    assert.match(add.result?.calls[0]?.message ?? '', /Unauthenticated call to add/);
  });

  it('a runaway loop and a huge allocation are stopped with clear messages, and the panel and host stay usable', async () => {
    const { own } = apis(api);
    const runaway = project(tempProject([path.join(FIXTURES, 'runaway')]));
    const spin = await own.run({ project: runaway, pick: 'loops:spin', limits: { timeoutMs: 2000 } });
    assert.match(spin.result?.calls[0]?.message ?? '', /Stopped by the runner: loops:spin did not finish: it ran longer than the runner's 2 s time limit/);
    const hog = await own.run({ project: runaway, pick: 'loops:hog', limits: { maxHeapMb: 64 } });
    assert.match(hog.result?.calls[0]?.message ?? '', /more than the runner's 64 MB memory limit/);
    // The extension host answered all along; the next run works.
    const quick = await own.run({ project: runaway, pick: 'loops:quick' });
    assert.deepEqual(quick.result?.calls[0]?.client, { ok: true, value: { k: 'str', v: 'still here' } });
    assert.equal(apis(api).panel.isOpen(), true);
  });

  it('clear messages for convex not installed and convex/_generated missing', async () => {
    const { own } = apis(api);
    const noConvex = await own.run({ project: project(tempProject([sampleConvex()], { nodeModules: false })) });
    assert.equal(noConvex.state, 'not-run');
    assert.match(noConvex.message ?? '', /convex is not installed/);
    const noGenerated = await own.run({ project: project(tempProject([sampleConvex()], { generated: false })) });
    assert.match(noGenerated.message ?? '', /_generated is missing: run npx convex dev/);
  });

  /** The webview's own acknowledgement of the section it drew. */
  async function waitForDrawn(rows: number): Promise<number | undefined> {
    const { own } = apis(api);
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline && own.drawn() !== rows) await new Promise((r) => setTimeout(r, 100));
    return own.drawn();
  }
});
