import assert from 'node:assert/strict';
import { analyse } from '../../../src/analysis/analyse';
import { applyEdits } from '../../../src/analysis/edits';
import { assertFixesResolve, assertParses, codes, only } from './helpers';

const fn = (body: string): string => `import { query } from "./_generated/server";
export const list = query({
  args: {},
  handler: async (ctx) => {
${body}
  },
});
`;

describe('analysis: identity rules', () => {
  describe('identity-not-awaited', () => {
    it('flags a missing await and adds it (mechanical in an async function)', () => {
      const text = fn(
        '    const identity = ctx.auth.getUserIdentity();\n    if (!identity) return [];\n    return identity.subject;',
      );
      const [f] = only('convex/m.ts', text, 'identity-not-awaited');
      assert.equal(f?.severity, 'error');
      assert.equal(f?.fixes[0]?.mechanical, true);
      const [fixed] = assertFixesResolve('convex/m.ts', text, 'identity-not-awaited');
      assert.match(fixed ?? '', /const identity = await ctx\.auth\.getUserIdentity\(\);/);
      assert.deepEqual(codes('convex/m.ts', fixed ?? ''), []);
      assert.equal(analyse('convex/m.ts', fixed ?? '').facts.readsIdentityCorrectly, true);
    });
    it('wraps in parentheses when a field is read straight off the call, and makes a sync function async', () => {
      const text = 'export function f(ctx) {\n  return ctx.auth.getUserIdentity().subject;\n}\n';
      const fix = only('convex/m.ts', text, 'identity-not-awaited')[0]?.fixes[0];
      assert.equal(fix?.mechanical, false);
      const fixed = applyEdits(text, fix?.edits ?? []);
      assert.equal(fixed, 'export async function f(ctx) {\n  return (await ctx.auth.getUserIdentity()).subject;\n}\n');
      assertParses('convex/m.ts', fixed);
    });
    it('near misses: awaited, returned, passed on, chained with then, destructured auth', () => {
      assert.deepEqual(codes('m.ts', fn('    return ctx.auth.getUserIdentity();')), []);
      assert.deepEqual(
        codes('m.ts', fn('    const [a] = await Promise.all([ctx.auth.getUserIdentity()]);\n    return a;')),
        [],
      );
      assert.deepEqual(codes('m.ts', fn('    return ctx.auth.getUserIdentity().then((i) => i?.subject);')), []);
      assert.deepEqual(
        codes(
          'm.ts',
          'export const h = async ({ auth }) => {\n  const identity = await auth.getUserIdentity();\n  return identity?.subject;\n};\n',
        ),
        [],
      );
      assert.deepEqual(codes('m.ts', fn('    const user = ctx.users.getUserIdentity();\n    return user.id;')), []);
    });
  });

  describe('identity-null-check', () => {
    it('warns at the first unchecked field read and offers a guard', () => {
      const text = fn('    const identity = await ctx.auth.getUserIdentity();\n    return identity.subject;');
      const [f] = only('m.ts', text, 'identity-null-check');
      assert.equal(f?.severity, 'warning');
      assert.equal(text.slice(f?.start, f?.end), 'identity.subject');
      const [fixed] = assertFixesResolve('m.ts', text, 'identity-null-check');
      assert.match(
        fixed ?? '',
        /const identity = await ctx\.auth\.getUserIdentity\(\);\n {4}if \(identity === null\) \{\n {6}throw new Error\("Not authenticated"\);\n {4}\}/,
      );
      assert.equal(analyse('m.ts', fixed ?? '').facts.readsIdentityCorrectly, true);
    });
    it('warns when the awaited identity is destructured directly', () => {
      assert.equal(
        only(
          'm.ts',
          fn('    const { subject } = await ctx.auth.getUserIdentity();\n    return subject;'),
          'identity-null-check',
        ).length,
        1,
      );
    });
    it('warns when the check comes after the read', () => {
      assert.equal(
        only(
          'm.ts',
          fn(
            '    const identity = await ctx.auth.getUserIdentity();\n    const s = identity.subject;\n    if (!identity) return null;\n    return s;',
          ),
          'identity-null-check',
        ).length,
        1,
      );
    });
    // Fourth fresh check (flvvius/commit-social, see corpus/SOURCES.md): a guard on one of the identity's fields
    // proves the identity is there; it was read as no check at all, 7 false findings in one repository.
    it('near misses: a guard on a field of the identity (`!identity?.email`, `identity?.email`, `identity.email == null`)', () => {
      const guarded = [
        '    const who = await ctx.auth.getUserIdentity();\n    if (!who?.email) throw new Error("signed out");\n    return ctx.db.query("p").withIndex("m", (q) => q.eq("m", who.email!)).first();',
        '    const who = await ctx.auth.getUserIdentity();\n    if (!who?.email) return null;\n    const mail = who.email;\n    return mail;',
        '    const who = await ctx.auth.getUserIdentity();\n    if (who?.email) {\n      return who.email;\n    }\n    return null;',
        '    const who = await ctx.auth.getUserIdentity();\n    if (who?.email == null) return null;\n    return who.subject;',
        '    const who = await ctx.auth.getUserIdentity();\n    return Boolean(who?.email) ? who.subject : null;',
      ];
      for (const body of guarded) assert.deepEqual(codes('m.ts', fn(body)), [], body);
    });
    it('still warns when the field guard tests another value than the identity', () => {
      const body =
        '    const who = await ctx.auth.getUserIdentity();\n    const other = { email: "x" };\n    if (!other?.email) return null;\n    return who.subject;';
      assert.equal(only('m.ts', fn(body), 'identity-null-check').length, 1);
    });
    it('near misses: every usual way of checking', () => {
      const ok = [
        '    const identity = await ctx.auth.getUserIdentity();\n    if (identity === null) {\n      throw new Error("x");\n    }\n    return identity.subject;',
        '    const identity = await ctx.auth.getUserIdentity();\n    if (!identity) return [];\n    return ctx.db.query("m").withIndex("u", (q) => q.eq("u", identity.subject)).collect();',
        '    const identity = await ctx.auth.getUserIdentity();\n    return identity ? identity.subject : null;',
        '    const identity = await ctx.auth.getUserIdentity();\n    return identity && identity.subject;',
        '    const identity = await ctx.auth.getUserIdentity();\n    return identity?.subject;',
        '    const identity = await ctx.auth.getUserIdentity();\n    if (identity !== null) {\n      return identity.subject;\n    }\n    return null;',
        '    const identity = await ctx.auth.getUserIdentity();\n    if (!identity || identity.subject === "x") return null;\n    return 1;',
      ];
      for (const body of ok) assert.deepEqual(codes('m.ts', fn(body)), [], body);
      assert.equal(analyse('m.ts', fn(ok[0])).facts.readsIdentityCorrectly, true);
    });
  });

  describe('identity-field', () => {
    it('flags fields that do not exist, naming subject / tokenIdentifier', () => {
      const text = fn(
        '    const identity = await ctx.auth.getUserIdentity();\n    if (!identity) return null;\n    return [identity.id, identity.userId, identity.given_name];',
      );
      const found = only('m.ts', text, 'identity-field');
      assert.deepEqual(
        found.map((f) => text.slice(f.start, f.end)),
        ['id', 'userId', 'given_name'],
      );
      assert.match(found[0]?.message ?? '', /subject.*tokenIdentifier/);
      assert.equal(found[2]?.fixes[0]?.mechanical, true);
      assert.equal(found[0]?.fixes[0]?.mechanical, false);
      assertFixesResolve('m.ts', text, 'identity-field');
      assert.equal(analyse('m.ts', text).facts.readsIdentityCorrectly, false);
    });
    it('flags identity.provider, pointing at issuer and tokenIdentifier (a Convex function of a public Expo app, audit7 A18)', () => {
      // Reduced from aaronksaunders/clerk-convex-expo-issue-main convex/whoami.ts: `provider: identity.provider`
      // beside identity.subject and email. Clerk's Convex template sends no provider claim (facts: the claims list).
      const text = fn(
        '    const identity = await ctx.auth.getUserIdentity();\n    if (!identity) return null;\n    return { id: identity.subject, provider: identity.provider, email: identity.email };',
      );
      const [f, ...rest] = only('m.ts', text, 'identity-field');
      assert.equal(rest.length, 0);
      assert.equal(text.slice(f?.start, f?.end), 'provider');
      assert.match(f?.message ?? '', /issuer.*tokenIdentifier/);
      assert.equal(f?.fixes[0]?.mechanical, false, 'issuer is not the same value: no automatic rewrite');
    });
    it('flags them when destructured too', () => {
      assert.equal(
        only(
          'm.ts',
          fn(
            '    const identity = await ctx.auth.getUserIdentity();\n    if (!identity) return null;\n    const { userId } = identity;\n    return userId;',
          ),
          'identity-field',
        ).length,
        1,
      );
    });
    it('near misses: real fields and custom claims; an unrelated object with an id', () => {
      assert.deepEqual(
        codes(
          'm.ts',
          fn(
            '    const identity = await ctx.auth.getUserIdentity();\n    if (!identity) return null;\n    return [identity.subject, identity.tokenIdentifier, identity.email, identity.pictureUrl, identity.org_role];',
          ),
        ),
        [],
      );
      assert.deepEqual(codes('m.ts', fn('    const user = await ctx.db.get(args.id);\n    return user.id;')), []);
    });
  });
});

describe('analysis: an identity read through a non-null assertion (sixth fresh check M3)', () => {
  // Reduced from oddFEELING/SoTA-Data-hack convex/story.ts (audit6 #105): `user!.email` after getUserIdentity().
  // The `!` tells TypeScript the identity is there; at run time an anonymous request still gets null, and the read
  // throws a TypeError instead of the function's own answer.
  for (const name of ['user', 'identity']) {
    it(`\`${name}!.email\` without a check is reported like \`${name}.email\` (failed before)`, () => {
      const text = fn(`    const ${name} = await ctx.auth.getUserIdentity();
    return await ctx.db.query("notes").withIndex("by_email", (q) => q.eq("email", ${name}!.email)).collect();`);
      const [f] = only('convex/notes.ts', text, 'identity-null-check');
      assert.ok(f, 'reported');
      assert.equal(text.slice(f.start, f.end), `${name}!.email`);
      assert.match(f.message, new RegExp(`\`${name}\` is null when nobody is signed in`));
      const [fixed] = assertFixesResolve('convex/notes.ts', text, 'identity-null-check');
      assert.match(fixed ?? '', new RegExp(`if \\(${name} === null\\) \\{`));
    });
  }

  it('after a check, the asserted read says nothing', () => {
    const text = fn(`    const user = await ctx.auth.getUserIdentity();
    if (!user) return [];
    return user!.email;`);
    assert.deepEqual(only('convex/notes.ts', text, 'identity-null-check'), []);
  });
});
