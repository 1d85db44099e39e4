// The language-model tools' answers, built without VS Code: the token check never carries the token (not even
// a claim holding it), and the lesson checks give each finding its file, line, message and fix titles.
import assert from 'node:assert/strict';
import { findingAnswers, MAX_FINDINGS, positionInText } from '../../../src/agent/lessonChecksAnswer';
import { tokenCheckAnswer, withoutToken } from '../../../src/agent/tokenCheckAnswer';
import type { MeasuredFile } from '../../../src/lessonState/checks';
import { analyseToken } from '../../../src/token';
import { hostileInputs, validToken } from '../../ui/tokenInputs';

function answerText(token: string): string {
  const report = analyseToken(token, {
    providers: [{ domain: 'https://exotic-crab-75.clerk.accounts.dev', applicationID: 'convex' }],
    nowMs: Date.now(),
  });
  const text = JSON.stringify(
    tokenCheckAnswer(report, [
      {
        path: 'convex/auth.config.ts',
        providers: [{ applicationID: 'convex', envVar: { name: 'CLERK_JWT_ISSUER_DOMAIN' } }],
      },
    ]),
  );
  return withoutToken(text, [token, report.input.token]);
}

function assertNoToken(text: string, token: string): void {
  assert.ok(!text.includes(token), 'the whole token is in the answer');
  for (const part of token.split('.'))
    if (part.length >= 16) assert.ok(!text.includes(part), `a segment is in the answer: ${part.slice(0, 12)}…`);
}

describe('the token tool’s answer', () => {
  it('says what Convex would answer, with the checks and claims, and never the token', () => {
    const token = validToken();
    const text = answerText(token);
    assertNoToken(text, token);
    const answer = JSON.parse(text) as {
      decoded: boolean;
      claims: Record<string, unknown>;
      checks: unknown[];
      privacy: string;
    };
    assert.equal(answer.decoded, true);
    assert.ok('sub' in answer.claims && 'iss' in answer.claims);
    assert.ok(answer.checks.length > 5);
    assert.match(answer.privacy, /not sent anywhere/);
  });

  it('a claim that holds the token itself (or one of its segments) is cut out of the answer', () => {
    const inner = validToken();
    const [h, , s] = inner.split('.');
    const payload = JSON.parse(Buffer.from(inner.split('.')[1], 'base64url').toString()) as Record<string, unknown>;
    // A token whose own claims quote a segment of it: the answer must not carry that segment either.
    payload.note = `signature was ${s}`;
    payload.copy = h;
    const token = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
    const text = answerText(token);
    assertNoToken(text, token);
    assert.match(text, /\[token omitted\]/);
  });

  it('hostile inputs are answered without the input coming back', () => {
    for (const input of hostileInputs()) {
      if (input.text.length > 100_000) continue; // the size refusal is its own test in the token suite
      const text = answerText(input.text);
      const normalised = input.text.replace(/^\s*(Bearer\s+)?["']?|["']?\s*$/g, '').replace(/\s+/g, '');
      if (normalised.length >= 16) assert.ok(!text.includes(normalised), input.name);
    }
  });
});

describe('the lesson checks tool’s findings', () => {
  const file = (path: string, findings: MeasuredFile['findings']): MeasuredFile => ({
    path,
    uri: `file:///w/${path}`,
    facts: {
      sandwichCorrect: false,
      rendersConvexProviderWithClerk: false,
      exportsConvexProviderComponents: [],
      readsIdentityCorrectly: false,
      gatesWithConvexAuth: false,
    },
    findings,
  });

  it('gives each finding its file, 1-based line and column, message and fix titles, errors first', async () => {
    const { findings, more } = await findingAnswers(
      [
        file('convex/messages.ts', [
          {
            code: 'clerk-convex/identity-null-check',
            severity: 'warning',
            message: 'check null',
            start: 40,
            end: 50,
            fixes: [],
            lessonStep: 'identity',
          },
        ]),
        file('app/layout.tsx', [
          {
            code: 'clerk-convex/provider-order',
            severity: 'error',
            message: 'outside ClerkProvider',
            start: 10,
            end: 20,
            fixes: [{ title: 'Swap them', edits: [], mechanical: true }],
          },
        ]),
      ],
      (uri, offset) => Promise.resolve({ line: uri.endsWith('layout.tsx') ? 4 : 2, character: offset % 7 }),
    );
    assert.equal(more, 0);
    assert.deepEqual(findings[0], {
      file: 'app/layout.tsx',
      line: 5,
      column: 4,
      code: 'clerk-convex/provider-order',
      severity: 'error',
      message: 'outside ClerkProvider',
      fixes: ['Swap them'],
    });
    assert.equal(findings[1].lessonStep, 'identity');
  });

  it('lists at most MAX_FINDINGS and counts the rest', async () => {
    const many = Array.from({ length: MAX_FINDINGS + 7 }, (_, i) => ({
      code: 'c',
      severity: 'hint' as const,
      message: String(i),
      start: i,
      end: i + 1,
      fixes: [],
    }));
    const { findings, more } = await findingAnswers([file('a.ts', many)], () =>
      Promise.resolve({ line: 0, character: 0 }),
    );
    assert.equal(findings.length, MAX_FINDINGS);
    assert.equal(more, 7);
  });

  it('counts lines as an editor does: \\n, \\r\\n and a lone \\r each end one', () => {
    const text = 'a\nbc\r\nd\re';
    assert.deepEqual(positionInText(text, 0), { line: 0, character: 0 });
    assert.deepEqual(positionInText(text, 3), { line: 1, character: 1 });
    assert.deepEqual(positionInText(text, 6), { line: 2, character: 0 });
    assert.deepEqual(positionInText(text, 8), { line: 3, character: 0 });
    assert.deepEqual(positionInText(text, 99), { line: 3, character: 1 });
  });
});
