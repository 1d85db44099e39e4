// The exercise's list of a project's Convex functions, read by the analyzer: every exported query, mutation and
// action, `export default`, re-exports and functions made by wrappers (convex-helpers' customQuery and kin, local
// ones, and ones exported by another file), with the validator as written, the env variables read and the tables.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { convexFolder } from '../../../src/analysis/convexFunctions';
import { defaultFunction } from '../../../src/exercise/run/listFunctions';
import { isFunctionModule, isLoadedModule } from '../../../src/project/sourceFiles';
import { FIXTURES, fixSampleMessages, SAMPLE_CONVEX } from '../exercise/projects';

const read = (dir: string, rel: string) => ({ rel, text: fs.readFileSync(path.join(dir, rel), 'utf8') });
const summary = (fns: ReturnType<typeof convexFolder>['functions']) =>
  fns.map((f) => `${f.path} ${f.kind} ${f.visibility}${f.via ? ` via ${f.via}` : ''}`);

describe("the analyzer's list of a project's Convex functions", () => {
  it("the sample: both functions, the lesson's two mistakes named on list, the default is messages:list", () => {
    const info = convexFolder([read(SAMPLE_CONVEX, 'messages.ts'), read(SAMPLE_CONVEX, 'schema.ts')]);
    assert.deepEqual(summary(info.functions), ['messages:list query public', 'messages:send mutation public']);
    const list = info.functions[0];
    assert.equal(list?.hints?.length, 2);
    assert.match(list?.hints?.[0] ?? '', /await/);
    assert.match(list?.hints?.[1] ?? '', /userId/);
    assert.deepEqual(info.functions[1]?.args, {
      type: 'object',
      value: { body: { fieldType: { type: 'string' }, optional: false } },
    });
    assert.equal(defaultFunction(info.functions)?.path, 'messages:list');
    assert.deepEqual(info.tables, ['messages']);
    const fixed = convexFolder([
      { rel: 'messages.ts', text: fixSampleMessages(read(SAMPLE_CONVEX, 'messages.ts').text) },
    ]);
    assert.equal(fixed.functions[0]?.hints, undefined, "the lesson's fix leaves no hint on list");
  });

  it('export default, export { x as y }, convex-helpers wrappers (local and from another file), generic builders', () => {
    const info = convexFolder([
      {
        rel: 'lib/auth.ts',
        text: `import { customQuery, customMutation, customCtx } from "convex-helpers/server/customFunctions";
import { query, internalMutation } from "../_generated/server";
export const authedQuery = customQuery(query, customCtx(async (ctx) => ({ user: await ctx.auth.getUserIdentity() })));
const adminMutation = customMutation(internalMutation, { args: {}, input: async () => ({ ctx: {}, args: {} }) });
export { adminMutation };`,
      },
      {
        rel: 'notes.ts',
        text: `import { authedQuery, adminMutation } from "./lib/auth";
import { zCustomQuery } from "convex-helpers/server/zod";
import { query as q } from "./_generated/server";
import { actionGeneric } from "convex/server";
import { v } from "convex/values";
const myQuery = zCustomQuery(q, {});
export const list = authedQuery({ args: { tag: v.optional(v.literal("a")) }, handler: async (ctx) => [] });
export const purge = adminMutation({ args: {}, handler: async () => {} });
export default q(async () => 1);
const hidden = myQuery({ args: {}, handler: async () => 2 });
export { hidden as shown };
export const act = actionGeneric({ args: { n: v.number() }, handler: async () => {} });
export const notAFunction = 3;
export const wrongKind = customMutation(q, {});`,
      },
    ]);
    assert.deepEqual(summary(info.functions), [
      'notes:act action public',
      'notes:default query public',
      'notes:list query public via authedQuery',
      'notes:purge mutation internal via adminMutation',
      'notes:shown query public via myQuery',
    ]);
    assert.deepEqual(info.functions.find((f) => f.path === 'notes:list')?.args, {
      type: 'object',
      value: { tag: { fieldType: { type: 'literal', value: 'a' }, optional: true } },
    });
  });

  it('validators as Convex exports them: ids, unions, arrays, records, nested objects, paginationOptsValidator', () => {
    const info = convexFolder([
      {
        rel: 'a.ts',
        text: `import { query } from "./_generated/server";
import { paginationOptsValidator } from "convex/server";
import { v } from "convex/values";
export const f = query({ args: {
  id: v.id("notes"), who: v.union(v.string(), v.null()), tags: v.array(v.string()),
  meta: v.record(v.string(), v.number()), box: v.object({ n: v.int64(), b: v.optional(v.boolean()) }),
  paginationOpts: paginationOptsValidator, shared: someValidator,
}, handler: async () => 1 });
export const g = query({ args: { id: v.id("notes") }, handler: async () => 1 });`,
      },
    ]);
    assert.equal(
      info.functions.find((f) => f.path === 'a:f')?.args,
      undefined,
      'a validator not written out is not guessed',
    );
    assert.deepEqual(info.functions.find((f) => f.path === 'a:g')?.args, {
      type: 'object',
      value: { id: { fieldType: { type: 'id', tableName: 'notes' }, optional: false } },
    });
  });

  it('env variables read, at import or inside a function; tables named in ctx.db calls', () => {
    const info = convexFolder([
      {
        rel: 'ai.ts',
        text: `import { action } from "./_generated/server";
const key = process.env.OPENAI_API_KEY!;
if (!key) throw new Error("OPENAI_API_KEY is not set");
export const ask = action({ args: {}, handler: async (ctx) => { const url = process.env["SITE_URL"]; await ctx.runQuery(x); } });
export const store = action({ args: {}, handler: async (ctx) => { await ctx.db.insert("answers", {}); ctx.db.query("questions"); } });`,
      },
    ]);
    assert.deepEqual(info.env, [
      { name: 'OPENAI_API_KEY', atImport: true, file: 'ai.ts' },
      { name: 'SITE_URL', atImport: false, file: 'ai.ts' },
    ]);
    assert.deepEqual(info.tables, ['answers', 'questions']);
  });

  it('the fixtures: every public function of the attack set is listed', () => {
    const dir = path.join(FIXTURES, 'attackSet');
    const info = convexFolder(fs.readdirSync(dir).map((f) => read(dir, f)));
    assert.equal(info.functions.filter((f) => f.path.startsWith('notes:')).length, 20);
    assert.deepEqual(info.tables, ['notes', 'users']);
  });

  it('never throws on any text, and lists nothing it cannot read', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ rel: fc.constantFrom('a.ts', 'b.tsx', 'c.js'), text: fc.string() }), { maxLength: 3 }),
        (files) => {
          const info = convexFolder(files);
          assert.ok(Array.isArray(info.functions));
        },
      ),
      { numRuns: 200 },
    );
    assert.deepEqual(convexFolder([{ rel: 'x.ts', text: 'export const = query(' }]).functions, []);
  });

  it('which files are function modules', () => {
    for (const rel of [
      '_generated/server.js',
      'auth.config.ts',
      'convex.config.ts',
      'a.d.ts',
      'a.test.ts',
      '.hidden/x.ts',
      'README.md',
    ])
      assert.equal(isFunctionModule(rel), false, rel);
    assert.equal(isFunctionModule('messages.ts'), true);
    assert.equal(isFunctionModule('schema.ts'), false, 'Convex pushes no functions from the schema');
    assert.equal(isLoadedModule('schema.ts'), true, 'the exercise loads it for its tables');
    // convex's bundler (entryPoints in dist/cjs/bundler/index.js) skips every schema.ts; only the root one is the schema.
    assert.equal(isLoadedModule('lib/schema.ts'), false);
    assert.equal(isLoadedModule('schema.d.ts'), false);
    assert.equal(isLoadedModule('auth.config.ts'), false);
  });
});
