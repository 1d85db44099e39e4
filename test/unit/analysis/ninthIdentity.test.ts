import assert from 'node:assert/strict';
import { assertFixesResolve, codes, only } from './helpers';

// Issue 23's ninth fresh check: identity misuses it missed (M7).

const mutationWith = (body: string): string => `import { mutation } from "./_generated/server";
export const generateUploadUrl = mutation({
  args: {},
  handler: async (ctx) => {
${body}
    return await ctx.storage.generateUploadUrl();
  },
});
`;

describe("analysis: the ninth check's identity misses", () => {
  describe('identity-not-called (M7a)', () => {
    it('flags `await ctx.auth.getUserIdentity;` and calls it', () => {
      const text = mutationWith(
        '    const identity = await ctx.auth.getUserIdentity;\n    if (!identity) {\n      throw new Error("User not found");\n    }',
      );
      const [f] = only('convex/app.ts', text, 'identity-not-called');
      assert.ok(f, codes('convex/app.ts', text).join(','));
      assert.equal(f.severity, 'error');
      assert.equal(text.slice(f.start, f.end), 'ctx.auth.getUserIdentity');
      assert.match(f.message, /always truthy/);
      const [fixed] = assertFixesResolve('convex/app.ts', text, 'identity-not-called');
      assert.match(fixed ?? '', /await ctx\.auth\.getUserIdentity\(\);/);
      assert.deepEqual(codes('convex/app.ts', fixed ?? ''), []);
    });
    it('flags it with a destructured auth and through optional chaining', () => {
      const text = mutationWith(
        '    const who = await ctx.auth?.getUserIdentity;\n    if (!who) throw new Error("no");',
      );
      assert.equal(only('convex/app.ts', text, 'identity-not-called').length, 1);
      const destructured = `import { query } from "./_generated/server";
export const me = query({
  args: {},
  handler: async ({ auth }) => {
    const identity = await auth.getUserIdentity;
    return identity ? "yes" : "no";
  },
});
`;
      assert.equal(only('convex/m.ts', destructured, 'identity-not-called').length, 1);
    });
    it('near misses: called, called with a non-null assertion, taken as a value, mentioned in a comment', () => {
      for (const body of [
        '    const identity = await ctx.auth.getUserIdentity();\n    if (!identity) throw new Error("no");',
        '    const identity = await ctx.auth.getUserIdentity ();\n    if (!identity) throw new Error("no");',
        '    const read = ctx.auth.getUserIdentity.bind(ctx.auth);\n    if (!(await read())) throw new Error("no");',
        '    // await ctx.auth.getUserIdentity; was a bug\n    if (!(await ctx.auth.getUserIdentity())) throw new Error("no");',
      ])
        assert.deepEqual(only('convex/app.ts', mutationWith(body), 'identity-not-called'), [], body);
    });
  });
});
