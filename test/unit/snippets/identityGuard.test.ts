import { strict as assert } from 'node:assert';
import { planIdentityGuard, type GuardPlan } from '../../../src/snippets/identityGuard';
import { applyEdits } from '../../../src/analysis/edits';
import { parseSource } from '../../../src/analysis/parse';
import { analyse } from '../../../src/analysis/analyse';

function at(text: string, marker: string): number {
  const i = text.indexOf(marker);
  assert.ok(i >= 0, `marker ${marker} not found`);
  return i;
}

function apply(text: string, plan: GuardPlan): string {
  assert.equal(plan.status, 'changed', JSON.stringify(plan));
  if (plan.status !== 'changed') throw new Error('unreachable');
  const out = applyEdits(text, plan.edits);
  const ast = parseSource('x.ts', out) as { errors?: unknown[] } | undefined;
  assert.ok(ast && !ast.errors?.length, `does not parse:\n${out}`);
  return out;
}

const mutation = [
  'import { mutation } from "./_generated/server";',
  '',
  'export const send = mutation({',
  '  args: {},',
  '  handler: async (ctx, args) => {',
  '    await ctx.db.insert("messages", { body: "hi" });',
  '  },',
  '});',
  '',
].join('\n');

describe('planIdentityGuard', () => {
  it('inserts the awaited call and the null guard at the top of the handler', () => {
    const plan = planIdentityGuard(mutation, 'convex/messages.ts', at(mutation, 'ctx.db'), '  ');
    assert.equal(plan.status, 'changed');
    assert.equal(plan.status === 'changed' && plan.name, 'send');
    const out = apply(mutation, plan);
    assert.ok(
      out.includes(
        [
          '  handler: async (ctx, args) => {',
          '    const identity = await ctx.auth.getUserIdentity();',
          '    if (!identity) {',
          '      throw new Error("Not authenticated");',
          '    }',
          '    await ctx.db.insert',
        ].join('\n'),
      ),
      out,
    );
  });

  it("finds the handler when the cursor is on the builder's args, not in the body", () => {
    const plan = planIdentityGuard(mutation, 'convex/messages.ts', at(mutation, 'args: {}'), '  ');
    assert.ok(apply(mutation, plan).includes('const identity = await ctx.auth.getUserIdentity();'));
  });

  it('says the check is already there instead of adding a second one', () => {
    const once = apply(mutation, planIdentityGuard(mutation, 'm.ts', at(mutation, 'ctx.db'), '  '));
    const again = planIdentityGuard(once, 'm.ts', at(once, 'ctx.db'), '  ');
    assert.deepEqual(again, { status: 'present', kind: 'mutation', name: 'send' });
  });

  it("adds the missing await and null check to an existing declaration (the sample's bug)", () => {
    const text =
      'export const list = query({\n  args: {},\n  handler: async (ctx) => {\n    const identity = ctx.auth.getUserIdentity();\n    return identity.subject;\n  },\n});\n';
    const plan = planIdentityGuard(text, 'q.ts', at(text, 'return identity'), '  ');
    assert.equal(plan.status === 'changed' && plan.added.join(','), 'await,null-check');
    const out = apply(text, plan);
    assert.ok(
      out.includes(
        '    const identity = await ctx.auth.getUserIdentity();\n    if (!identity) {\n      throw new Error("Not authenticated");\n    }\n    return identity.subject;',
      ),
      out,
    );
  });

  it('adds only the null check when the call is awaited but unchecked', () => {
    const text =
      'export const s = mutation({ handler: async (ctx) => {\n  const me = await ctx.auth.getUserIdentity();\n  return me.subject;\n} });\n';
    const plan = planIdentityGuard(text, 'q.ts', at(text, 'return me'), '  ');
    assert.equal(plan.status === 'changed' && plan.added.join(','), 'null-check');
    assert.ok(apply(text, plan).includes('if (!me) {'));
  });

  it('makes the handler async and fills an empty body', () => {
    const text = 'export const q = query({\n  handler: (ctx) => {},\n});\n';
    const out = apply(text, planIdentityGuard(text, 'q.ts', at(text, '{}'), '  '));
    assert.ok(
      out.includes(
        '  handler: async (ctx) => {\n    const identity = await ctx.auth.getUserIdentity();\n    if (!identity) {\n      throw new Error("Not authenticated");\n    }\n  },',
      ),
      out,
    );
  });

  it('gives an expression-bodied arrow a block and keeps its value', () => {
    const text = 'export const q = query({ handler: async (ctx) => ctx.db.query("t").collect() });\n';
    const out = apply(text, planIdentityGuard(text, 'q.ts', at(text, 'collect'), '  '));
    assert.match(out, /return ctx\.db\.query\("t"\)\.collect\(\);/);
    assert.match(out, /const identity = await ctx\.auth\.getUserIdentity\(\);/);
  });

  it('reads auth from a destructured context, and adds it when missing', () => {
    const withAuth = 'export const q = query({ handler: async ({ auth, db }) => {\n  return db;\n} });\n';
    assert.match(
      apply(withAuth, planIdentityGuard(withAuth, 'q.ts', at(withAuth, 'return'), '  ')),
      /await auth\.getUserIdentity\(\)/,
    );
    const withoutAuth = 'export const q = query({ handler: async ({ db }) => {\n  return db;\n} });\n';
    const out = apply(withoutAuth, planIdentityGuard(withoutAuth, 'q.ts', at(withoutAuth, 'return'), '  '));
    assert.match(out, /\(\{ auth, db \}\)/);
    assert.match(out, /await auth\.getUserIdentity\(\)/);
  });

  it('adds a ctx parameter to a handler that has none', () => {
    const text = 'export const q = query({ handler: async () => {\n  return 1;\n} });\n';
    assert.match(
      apply(text, planIdentityGuard(text, 'q.ts', at(text, 'return'), '  ')),
      /async \(ctx\) => \{\n {2}const identity = await ctx\.auth/,
    );
  });

  it('handles method handlers, old-style function arguments and internal builders', () => {
    const method = 'export const a = internalAction({ async handler(ctx) {\n  return 1;\n} });\n';
    const p1 = planIdentityGuard(method, 'a.ts', at(method, 'return'), '  ');
    assert.equal(p1.status === 'changed' && p1.kind, 'action');
    apply(method, p1);
    const oldStyle = 'export const b = mutation(async (ctx) => {\n  return 1;\n});\n';
    apply(oldStyle, planIdentityGuard(oldStyle, 'b.ts', at(oldStyle, 'return'), '  '));
  });

  it('answers an HTTP action with a 401 response instead of throwing', () => {
    const text = 'export const h = httpAction(async (ctx, request) => {\n  return new Response("ok");\n});\n';
    const out = apply(text, planIdentityGuard(text, 'http.ts', at(text, 'return'), '  '));
    assert.match(out, /return new Response\("Unauthorized", \{ status: 401 \}\);/);
  });

  it('works in a helper that takes ctx', () => {
    const text = 'async function currentUser(ctx: QueryCtx) {\n  return ctx.db.query("users").first();\n}\n';
    const plan = planIdentityGuard(text, 'users.ts', at(text, 'return'), '  ');
    assert.equal(plan.status === 'changed' && plan.kind, 'helper');
  });

  it('picks the function around the cursor when a file has several', () => {
    const text = mutation + 'export const other = query({ handler: async (ctx) => {\n  return 2;\n} });\n';
    const plan = planIdentityGuard(text, 'm.ts', at(text, 'return 2'), '  ');
    assert.equal(plan.status === 'changed' && plan.name, 'other');
  });

  it('uses another name when the handler already declares `identity`', () => {
    const text =
      'export const q = query({ handler: async (ctx) => {\n  const identity = 1;\n  return identity;\n} });\n';
    assert.match(
      apply(text, planIdentityGuard(text, 'q.ts', at(text, 'return'), '  ')),
      /const userIdentity = await ctx\.auth\.getUserIdentity\(\);\n {2}if \(!userIdentity\)/,
    );
  });

  it('tells when the cursor is outside any Convex function, or the file does not parse', () => {
    assert.deepEqual(planIdentityGuard(mutation, 'm.ts', 0, '  '), { status: 'not-in-function' });
    assert.deepEqual(planIdentityGuard('', 'm.ts', 0, '  '), { status: 'not-in-function' });
    assert.deepEqual(planIdentityGuard('export const q = query({', 'm.ts', 20, '  '), { status: 'unparsable' });
    const noHandler = 'export const q = query(config);\n';
    assert.deepEqual(planIdentityGuard(noHandler, 'm.ts', 20, '  '), { status: 'no-handler', kind: 'query' });
  });

  it('leaves a function the analyzer counts as reading identity correctly, with no identity findings', () => {
    const sample =
      'import { query } from "./_generated/server";\n\nexport const list = query({\n  args: {},\n  handler: async (ctx) => {\n    const identity = ctx.auth.getUserIdentity();\n    return identity.subject;\n  },\n});\n';
    const before = analyse('convex/messages.ts', sample);
    assert.ok(
      before.findings.some((f) => f.lessonStep === 'identity'),
      'the missing await is flagged before',
    );
    const out = apply(sample, planIdentityGuard(sample, 'convex/messages.ts', at(sample, 'return'), '  '));
    const after = analyse('convex/messages.ts', out);
    assert.deepEqual(
      after.findings.map((f) => f.code),
      [],
    );
    assert.equal(after.facts.readsIdentityCorrectly, true);
  });
});
