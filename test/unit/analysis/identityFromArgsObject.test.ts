// identity-from-args through an object argument: the seventh fresh check's M5 (devagrawal09/clerk-convex-liveboard
// @28df702e9fe5 convex/users.ts `upsertUser`/`upsertSession`, my own lines). A public mutation taking the Clerk user
// (or session) whole, `user: v.object({ id, … })`, writes the row of whichever id the caller sends. The first two
// tests fail on main @5b9594b (no finding); the near misses pass on both.
import assert from 'node:assert/strict';
import { analyse } from '../../../src/analysis/analyse';

const run = (text: string): { at: string; message: string; fixes: number }[] =>
  analyse('convex/users.ts', text, {})
    .findings.filter((f) => f.code === 'clerk-convex/identity-from-args')
    .map((f) => ({ at: text.slice(f.start, f.end), message: f.message, fixes: f.fixes.length }));

const save = (field: string, object: string, handler: string): string => `import { v } from "convex/values";
import { mutation } from "./_generated/server";
export const save = mutation({
  args: { ${field}: v.object({ ${object} }) },
  handler: async (ctx, args) => {
${handler}
  },
});
`;

const upsert = (
  table: string,
  variable: string,
): string => `    const { ${variable.replace(/^clerk(\w)/, (_, c: string) => c.toLowerCase())}: ${variable} } = args;
    const row = await ctx.db
      .query("${table}")
      .withIndex("by_clerk_id", (q) => q.eq("${variable}.id", ${variable}.id))
      .unique();
    if (row === null) await ctx.db.insert("${table}", { ${variable} });
    else await ctx.db.patch(row._id, { ${variable} });`;

describe('analysis: identity-from-args with the user one level down in a v.object argument', () => {
  it('reports the user passed whole, on its id, naming the path (failed before)', () => {
    const text = save('user', 'id: v.string(), email: v.string(), name: v.string()', upsert('users', 'clerkUser'));
    const [f, ...rest] = run(text);
    assert.equal(rest.length, 0);
    assert.equal(f?.at, 'id: v.string()');
    assert.match(
      f?.message ?? '',
      /^`user\.id` comes from the caller, so any client can send another user's id, and this mutation writes rows for it \(ctx\.db\.insert\("users", …\)\)/,
    );
    assert.equal(f?.fixes, 0, 'no single edit takes a field of a stored object from ctx.auth');
  });

  it('reports an object whose field names the user (session.user_id) (failed before)', () => {
    const text = save(
      'session',
      'id: v.string(), user_id: v.string(), status: v.string()',
      upsert('sessions', 'clerkSession'),
    );
    const [f, ...rest] = run(text);
    assert.equal(rest.length, 0);
    assert.equal(f?.at, 'user_id: v.string()');
    assert.match(f?.message ?? '', /^`session\.user_id` comes from the caller/);
  });

  it('near misses: no user field; an id of something else; the id bound to the caller', () => {
    assert.deepEqual(
      run(save('session', 'id: v.string(), status: v.string()', upsert('sessions', 'clerkSession'))),
      [],
    );
    assert.deepEqual(run(save('board', 'id: v.string(), title: v.string()', upsert('boards', 'clerkBoard'))), []);
    const bound = `    const identity = await ctx.auth.getUserIdentity();
    if (!identity || identity.subject !== args.user.id) throw new Error("not you");
${upsert('users', 'clerkUser')}`;
    assert.deepEqual(run(save('user', 'id: v.string(), email: v.string()', bound)), []);
  });
});
