// The two language-model tools in the real VS Code, invoked the way an agent's host invokes them
// (vscode.lm.invokeTool, outside a chat request: toolInvocationToken undefined), against the sample project.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestHooks } from '../../src/features/testHooks';
import { hostileInputs, validToken } from '../ui/tokenInputs';
import { activateExtension, sampleUri, waitFor } from './helpers';

const LESSON_CHECKS = 'clerkConvex_lessonChecks';
const CHECK_TOKEN = 'clerkConvex_checkToken';

async function invoke(name: string, input: object): Promise<string> {
  const result = await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined });
  return result.content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join('');
}

interface LessonAnswer {
  summary: string;
  steps: {
    step: string;
    status: string;
    detail?: string;
    fix?: { file: string; line: number } | { command: string };
  }[];
  findings: { file: string; line: number; column: number; code: string; message: string; fixes: string[] }[];
}

describe('language-model tools in a real VS Code (sample project)', () => {
  let api: TestHooks;
  before(async () => {
    api = await activateExtension();
  });

  it('both tools are registered with their schemas (vscode.lm.tools)', async () => {
    const tools = await waitFor('the tools', () => {
      const found = vscode.lm.tools.filter((t) => t.name === LESSON_CHECKS || t.name === CHECK_TOKEN);
      return found.length === 2 ? found : undefined;
    });
    const token = tools.find((t) => t.name === CHECK_TOKEN);
    assert.deepEqual((token?.inputSchema as { required?: string[] }).required, ['token']);
    assert.match(token?.description ?? '', /never repeated in the answer/);
  });

  it('Lesson Checks answers with the sample’s current checks and its findings, each with file, line and fixes', async () => {
    const answer = JSON.parse(await invoke(LESSON_CHECKS, {})) as LessonAnswer;
    const measured = api.lessonChecks();
    assert.ok(measured, 'the lesson measured the workspace');
    assert.deepEqual(
      answer.steps.map((s) => [s.step, s.status === 'not checked yet' ? 'unknown' : s.status]),
      measured.map((c) => [c.id, c.status]),
    );
    // The sample nests the providers the wrong way round: the editor shows that error on the same line.
    const layout = answer.findings.find((f) => f.file === 'app/layout.tsx' && f.code === 'clerk-convex/provider-order');
    assert.ok(layout, JSON.stringify(answer.findings.map((f) => `${f.file} ${f.code}`)));
    // The editor's diagnostics are for open documents: open it here rather than rely on an earlier test having.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(sampleUri('app/layout.tsx')));
    const diagnostics = await waitFor(
      'the layout diagnostics',
      () => {
        const d = vscode.languages
          .getDiagnostics(sampleUri('app/layout.tsx'))
          .filter((x) => typeof x.code === 'object' && x.code.value === 'clerk-convex/provider-order');
        return d.length > 0 ? d : undefined;
      },
      60_000,
    );
    assert.equal(layout.line, diagnostics[0].range.start.line + 1);
    assert.equal(layout.message, diagnostics[0].message);
    assert.ok(
      layout.fixes.some((t) => /Swap/.test(t)),
      layout.fixes.join(', '),
    );
    const sandwich = answer.steps.find((s) => s.step === 'sandwich');
    assert.equal(sandwich?.status, 'missing');
    assert.deepEqual(sandwich?.fix, { file: 'app/layout.tsx', line: layout.line });
  });

  it('Lesson Checks for one step lists only that step and its findings', async () => {
    const answer = JSON.parse(await invoke(LESSON_CHECKS, { step: 'authConfig' })) as LessonAnswer;
    assert.deepEqual(
      answer.steps.map((s) => s.step),
      ['authConfig'],
    );
    assert.ok(
      answer.findings.every((f) => f.file.endsWith('auth.config.ts')),
      JSON.stringify(answer.findings),
    );
    assert.ok(answer.findings.length > 0, 'the sample’s auth.config has findings');
  });

  it('Check Token answers offline against the sample’s auth.config, and its answer never holds the token', async () => {
    const token = validToken();
    const text = await invoke(CHECK_TOKEN, { token: `Bearer ${token}` });
    assert.ok(!text.includes(token), 'the token is in the answer');
    for (const part of token.split('.')) assert.ok(!text.includes(part), 'a segment of the token is in the answer');
    const answer = JSON.parse(text) as {
      convexWouldSay?: { code: string; message: string };
      claims: Record<string, unknown>;
      authConfig: { path: string }[];
    };
    // The sample writes the JWKS URL as the domain and misspells applicationID: Convex finds no provider.
    assert.equal(answer.convexWouldSay?.code, 'NoAuthProvider');
    assert.equal(answer.authConfig[0]?.path, 'convex/auth.config.ts');
    assert.equal(typeof answer.claims.sub, 'string');
    for (const input of hostileInputs().filter((h) => h.text.length < 100_000)) {
      const hostile = await invoke(CHECK_TOKEN, { token: input.text });
      const trimmed = input.text.trim();
      if (trimmed.length >= 16) assert.ok(!hostile.includes(trimmed), input.name);
    }
  });
});
