import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TestHooks } from '../../src/features/testHooks';
import { EXTENSION_ID, activateExtension, sampleUri, waitFor } from './helpers';
import { explained } from './lessonProbe';

const WALKTHROUGH = 'clerkConvex.lesson';
const KEY = {
  sandwichPassing: 'clerkConvex.lesson.passing.sandwich',
  sandwichDone: 'clerkConvex.lesson.done.sandwich',
  exerciseDone: 'clerkConvex.lesson.done.exercise',
  tokenDone: 'clerkConvex.lesson.done.decodeToken',
};
// The sample nests the providers the wrong way round; the lesson's fix swaps them.
const WRONG =
  '<ConvexClientProvider>\n          <ClerkProvider>{children}</ClerkProvider>\n        </ConvexClientProvider>';
const RIGHT =
  '<ClerkProvider>\n          <ConvexClientProvider>{children}</ConvexClientProvider>\n        </ClerkProvider>';

function keys(api: TestHooks): Record<string, boolean> {
  return api.lessonContext();
}

/** Waits until the key has the wanted value (the lesson updates on a short debounce after each change). */
function keyBecomes(api: TestHooks, key: string, value: boolean, timeoutMs = 20_000): Promise<true> {
  return explained(
    api,
    waitFor(`${key} to become ${value}`, () => (keys(api)[key] === value ? true : undefined), timeoutMs),
  );
}

async function replaceInFile(relative: string, from: string, to: string): Promise<void> {
  const document = await vscode.workspace.openTextDocument(sampleUri(relative));
  await vscode.window.showTextDocument(document);
  // Earlier suites write this file on disk; a document kept from before may not have caught up yet on a busy
  // machine, and saving over a newer file fails. Start from the disk's text, as a learner's editor shows it.
  await vscode.commands.executeCommand('workbench.action.files.revert');
  const text = document.getText();
  const at = text.indexOf(from);
  assert.ok(at >= 0, `${relative} contains the expected text`);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(at), document.positionAt(at + from.length)), to);
  assert.ok(await vscode.workspace.applyEdit(edit));
  assert.ok(await document.save());
}

describe('walkthrough: the lesson ticks on real project state', () => {
  let api: TestHooks;

  before(async () => {
    api = await activateExtension();
    // Other suites may have run the exercise or decoded a token in this profile: start from no progress.
    await vscode.commands.executeCommand('clerkConvex.resetProgress', { confirm: false });
  });

  it('contributes the lesson with every step, each with media and alt text', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const walkthroughs = (ext.packageJSON as { contributes: { walkthroughs: unknown } }).contributes.walkthroughs as {
      id: string;
      steps: { id: string; media: { svg?: string; altText?: string } }[];
    }[];
    const lesson = walkthroughs.find((w) => w.id === WALKTHROUGH);
    assert.ok(lesson, 'walkthrough contributed');
    const ids = lesson.steps.map((s) => s.id);
    for (const id of ['handoff', 'sandwich', 'authConfig', 'identity', 'authHook', 'exercise', 'decodeToken', 'next'])
      assert.ok(ids.includes(id), id);
    for (const step of lesson.steps) assert.ok(step.media.svg && step.media.altText, `${step.id} has media`);
  });

  it('opens the lesson from its command', async () => {
    await vscode.commands.executeCommand('clerkConvex.openLesson');
    await waitFor('a walkthrough editor', () =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .some((t) => /welcome|walkthrough|Wiring Clerk to Convex/i.test(t.label))
        ? true
        : undefined,
    );
    await vscode.commands.executeCommand('clerkConvex.openLesson', 'sandwich');
  });

  it('shows the Next.js variants for the sample project', async () => {
    await waitFor('the first measurement', () => (KEY.sandwichPassing in keys(api) ? true : undefined));
    assert.equal(keys(api)['clerkConvex.lesson.vite'], false);
    assert.equal(keys(api)['clerkConvex.lesson.jwtTemplate'], false);
  });

  it('sets the sandwich keys once layout.tsx nests ClerkProvider outside ConvexClientProvider', async () => {
    await keyBecomes(api, KEY.sandwichPassing, false);
    await replaceInFile('app/layout.tsx', WRONG, RIGHT);
    await keyBecomes(api, KEY.sandwichPassing, true, 40_000);
    assert.equal(keys(api)[KEY.sandwichDone], true);
  });

  it('unsets "passing" when the nesting breaks again, while the step stays done', async () => {
    await replaceInFile('app/layout.tsx', RIGHT, WRONG);
    await keyBecomes(api, KEY.sandwichPassing, false);
    assert.equal(keys(api)[KEY.sandwichDone], true);
  });

  it("the sandwich step's button swaps the reversed nesting, in the editor and unsaved", async () => {
    const result = await vscode.commands.executeCommand<{ status: string; title?: string }>(
      'clerkConvex.lesson.nestProviders',
    );
    assert.equal(result.status, 'applied', JSON.stringify(result));
    assert.match(result.title ?? '', /so ClerkProvider is outside/);
    const document = await vscode.workspace.openTextDocument(sampleUri('app/layout.tsx'));
    assert.ok(document.getText().includes(RIGHT), document.getText());
    assert.ok(document.isDirty, 'left for the learner to save (or undo)');
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.ok(document.getText().includes(WRONG));
  });

  it("the sandwich step's button swaps even while another code-action provider is cancelling every call", async () => {
    // The TypeScript server cancels every code-action call while it starts, and a cancelled provider cancels the
    // workbench's whole answer: a button that asked the workbench then got nothing (the UI test failed on it under
    // load). The button takes its fix from the extension's own analysis, so another provider cannot stop it.
    const cancelling = vscode.languages.registerCodeActionsProvider(
      { language: 'typescriptreact' },
      {
        provideCodeActions: () => {
          throw new vscode.CancellationError();
        },
      },
    );
    const document = await vscode.workspace.openTextDocument(sampleUri('app/layout.tsx'));
    try {
      const result = await vscode.commands.executeCommand<{ status: string; title?: string }>(
        'clerkConvex.lesson.nestProviders',
      );
      assert.equal(result.status, 'applied', JSON.stringify(result));
      assert.ok(document.getText().includes(RIGHT), document.getText());
      assert.ok(document.isDirty, 'left for the learner to save (or undo)');
    } finally {
      cancelling.dispose();
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    assert.ok(document.getText().includes(WRONG));
  });

  it("the authConfig step's button names what to set on the deployment: for the sample, nothing, and why", async () => {
    const result = await vscode.commands.executeCommand<{ kind: string; issuer?: string }>(
      'clerkConvex.lesson.issuerCommand',
    );
    assert.deepEqual(
      { kind: result.kind, issuer: result.issuer },
      { kind: 'literal', issuer: 'https://exotic-crab-75.clerk.accounts.dev' },
    );
  });

  it('sets the exercise key only after both the anonymous and the valid request', async () => {
    assert.equal(keys(api)[KEY.exerciseDone], false);
    api.fireLessonEvent({ kind: 'exerciseRequest', scenario: 'anonymous', outcome: 'empty' });
    // Refreshing waits for every event already reported, so "still false" is a real answer, not a race.
    await vscode.commands.executeCommand('clerkConvex.refreshLessonChecks');
    assert.equal(keys(api)[KEY.exerciseDone], false, 'one request is not the exercise');
    api.fireLessonEvent({ kind: 'exerciseRequest', scenario: 'valid', outcome: 'data' });
    await keyBecomes(api, KEY.exerciseDone, true);
  });

  it('resets our progress: exercise, decoded token and reached steps', async () => {
    api.fireLessonEvent({ kind: 'tokenDecoded' });
    await keyBecomes(api, KEY.tokenDone, true);
    await vscode.commands.executeCommand('clerkConvex.resetProgress', { confirm: false });
    const after = keys(api);
    assert.equal(after[KEY.exerciseDone], false);
    assert.equal(after[KEY.tokenDone], false);
    // The sample is back to the wrong nesting, so nothing re-earns the sandwich step.
    assert.equal(after[KEY.sandwichDone], false);
  });

  it('ticks the exercise step when the learner runs the real exercise', async () => {
    assert.equal(keys(api)[KEY.exerciseDone], false);
    // As shipped, the sample's auth.config would not push, so a valid token is refused as a real deployment would
    // refuse it; the learner fixes it in step 3 before the exercise can pass.
    const config = sampleUri('convex/auth.config.ts');
    const shipped = await vscode.workspace.fs.readFile(config);
    const exercise = api.exercise as
      | { run?: (s: string[]) => Promise<{ scenario: string; response: { status: number; body: unknown } }[]> }
      | undefined;
    try {
      await vscode.workspace.fs.writeFile(
        config,
        new TextEncoder().encode(
          'export default {\n  providers: [{ domain: "https://exotic-crab-75.clerk.accounts.dev", applicationID: "convex" }],\n};\n',
        ),
      );
      await waitFor('the fixed auth.config to reach the exercise', async () =>
        (await exercise?.run?.(['valid']))?.[0]?.response.status === 200 ? true : undefined,
      );
      await vscode.commands.executeCommand('clerkConvex.runExercise');
      await keyBecomes(api, KEY.exerciseDone, true, 40_000).catch(async (e: unknown) => {
        // Say what the exercise answered, so a failure tells the exercise's problem from the walkthrough's.
        const runs = await exercise?.run?.(['anonymous', 'valid']);
        throw new Error(
          `${String(e)}; the exercise answered ${JSON.stringify(runs?.map((r) => [r.scenario, r.response.status, r.response.body]))}`,
        );
      });
    } finally {
      await vscode.workspace.fs.writeFile(config, shipped);
    }
  });

  it("decodes the exercise's own token in one click, which ticks the decode step", async () => {
    await vscode.commands.executeCommand('clerkConvex.resetProgress', { confirm: false });
    assert.equal(keys(api)[KEY.tokenDone], false);
    await vscode.commands.executeCommand('clerkConvex.decodeExerciseToken');
    await keyBecomes(api, KEY.tokenDone, true);
    const claims = api.tokenPanel.lastRender()?.report?.claims?.map((c) => c.name) ?? [];
    for (const name of ['iss', 'aud', 'sub']) assert.ok(claims.includes(name), `${name} in ${claims.join(', ')}`);
  });

  it('copies the bundled sample project into a new folder, never over an existing one', async () => {
    const parent = vscode.Uri.file(fs.mkdtempSync(path.join(os.tmpdir(), 'clerk-convex-sample-test-')));
    try {
      const first = await vscode.commands.executeCommand<vscode.Uri | undefined>('clerkConvex.openSampleProject', {
        parent: parent.toString(),
        open: false,
      });
      const second = await vscode.commands.executeCommand<vscode.Uri | undefined>('clerkConvex.openSampleProject', {
        parent: parent.toString(),
        open: false,
      });
      assert.ok(first && second);
      assert.deepEqual(
        [path.basename(first.fsPath), path.basename(second.fsPath)],
        ['clerk-convex-sample', 'clerk-convex-sample-2'],
      );
      for (const copy of [first, second]) {
        const layout = new TextDecoder().decode(
          await vscode.workspace.fs.readFile(vscode.Uri.joinPath(copy, 'app/layout.tsx')),
        );
        assert.match(layout, /<ConvexClientProvider>\s*<ClerkProvider>/, 'the copy is the sample as shipped');
      }
    } finally {
      fs.rmSync(parent.fsPath, { recursive: true, force: true });
    }
  });
});
