import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { defaultFunction, isFunctionModule, listFunctions } from '../../../src/handoff/run/listFunctions';
import { FIXTURES, fixSampleMessages, SAMPLE_CONVEX } from './projects';

const read = (dir: string, rel: string) => ({ rel, text: fs.readFileSync(path.join(dir, rel), 'utf8') });

describe("listing a project's Convex functions from source", () => {
  it('the sample: messages:list (a query reading identity) and messages:send; the default is messages:list', () => {
    const fns = listFunctions([
      read(SAMPLE_CONVEX, 'messages.ts'),
      read(SAMPLE_CONVEX, 'schema.ts'),
      read(SAMPLE_CONVEX, 'auth.config.ts'),
    ]);
    assert.deepEqual(fns, [
      {
        path: 'messages:list',
        kind: 'query',
        visibility: 'public',
        readsIdentity: true,
        hints: [
          'identity = ctx.auth.getUserIdentity() is not awaited: identity is a Promise, always truthy, so the null check never stops an anonymous caller, and its fields are undefined.',
          "identity.userId does not exist on Convex's UserIdentity (it is undefined): use identity.subject (Clerk's user id) or identity.tokenIdentifier.",
        ],
      },
      { path: 'messages:send', kind: 'mutation', visibility: 'public', readsIdentity: true },
    ]);
    assert.equal(defaultFunction(fns)?.path, 'messages:list');
  });

  it('every registrar, internal ones marked; nested modules get folder paths; the default prefers a query reading identity', () => {
    const fns = listFunctions([
      read(path.join(FIXTURES, 'shapes'), 'notes.ts'),
      { rel: 'admin/stats.ts', text: 'export const count = query({ handler: async () => 1 });' },
    ]);
    assert.deepEqual(
      fns.map((f) => `${f.path} ${f.kind} ${f.visibility} ${f.readsIdentity}`),
      [
        'notes:mine query public true',
        'notes:everyone query public true',
        'notes:add mutation public true',
        'notes:whoami query public true',
        'notes:hook httpAction public false',
        'notes:allNotes query internal false',
        'admin/stats:count query public false',
      ],
    );
    assert.equal(defaultFunction(fns)?.path, 'notes:mine');
    assert.equal(defaultFunction(fns.filter((f) => f.readsIdentity === false))?.path, 'admin/stats:count');
  });

  it("the lesson's fix leaves no hint", () => {
    assert.deepEqual(
      listFunctions([{ rel: 'messages.ts', text: fixSampleMessages(read(SAMPLE_CONVEX, 'messages.ts').text) }])[0]
        ?.hints,
      undefined,
    );
  });

  it('skips what is not a function module', () => {
    for (const rel of [
      '_generated/server.js',
      'schema.ts',
      'auth.config.ts',
      'convex.config.ts',
      'a.d.ts',
      'a.test.ts',
      '.hidden/x.ts',
      'README.md',
    ]) {
      assert.equal(isFunctionModule(rel), false, rel);
    }
    assert.equal(isFunctionModule('messages.ts'), true);
  });
});
