// Issue 23's ninth fresh check: reductions of my own lines carrying the idioms of its missed server-token and
// identity forms (M5, M7, M8). Each verdict was written down before the analyzer ran on the reduction.
import type { CorpusEntry } from './types';

// M7a: manikandareas/starter-kit @2a41ff2fb138 — convex/app.ts's generateUploadUrl awaits `ctx.auth.getUserIdentity`
// without calling it, then checks the result for null (a function: the check always passes).
const STARTER = 'manikandareas/starter-kit';
const STARTER_AT = '2a41ff2fb138';

export const ninthMisses: CorpusEntry[] = [
  {
    id: 'ninth-m7a-identity-method-not-called',
    sources: [{ repo: STARTER, path: 'convex/app.ts', commit: STARTER_AT }],
    dependencies: { convex: '^1.21.0', '@clerk/clerk-react': '^5.24.0', react: '^19.0.0' },
    files: {
      'convex/app.ts': `import { mutation } from "./_generated/server";

export const generateUploadUrl = mutation({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity;
    if (!identity) {
      throw new Error("User not found");
    }
    return await ctx.storage.generateUploadUrl();
  },
});
`,
    },
    verdict:
      'Bug (identity-not-called): generateUploadUrl awaits ctx.auth.getUserIdentity without calling it; the value is the method itself, always truthy, so the null check never stops an anonymous caller from getting an upload URL',
    expect: [{ file: 'convex/app.ts', code: 'identity-not-called', at: 'ctx.auth.getUserIdentity;' }],
  },
];
