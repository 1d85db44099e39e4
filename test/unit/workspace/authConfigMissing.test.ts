// auth-config-missing is judged from the index too: an auth.config the index holds silences it even while the
// project reader's snapshot is stale (still without one), and its deletion brings the finding back. The provider
// file is not edited: it is analysed again because what other files say changed (componentKey). Any order of the
// files' news ends in the state the final files call for (fast-check).
// Failed on main @4a86ced (no such rule: the provider file was never flagged).
import { withIdentityFunctions } from '../../../src/analysis/crossFile';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyse } from '../../../src/analysis/analyse';
import { dependsOnOtherFiles } from '../../../src/analysis/prefilter';
import type { ProjectSnapshot } from '../../../src/project/types';
import { textFingerprint } from '../../../src/worker/protocol';
import { WorkspaceModel } from '../../../src/workspace/model';
import type { DiskAnalysis, WorkspaceIO } from '../../../src/workspace/types';
import { fileAt as file, FOLDER } from './diskIO';

const PROVIDER = `"use client";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import { ConvexReactClient } from "convex/react";
import { useAuth } from "@clerk/nextjs";
const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);
export function Providers({ children }: { children: React.ReactNode }) {
  return <ConvexProviderWithClerk client={convex} useAuth={useAuth}>{children}</ConvexProviderWithClerk>;
}
`;
const PICKS = `import { mutation } from "./_generated/server";
export const add = mutation({
  args: {},
  handler: async (ctx) => {
    const who = await ctx.auth.getUserIdentity();
    if (!who) throw new Error("Unauthorized");
    return await ctx.db.insert("picks", { author: who.subject });
  },
});
`;
const CONFIG = `export default {
  providers: [{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN, applicationID: "convex" }],
};
`;
/** What the project reader said before any auth.config existed, never updated: the index alone must tell. */
const STALE: ProjectSnapshot = {
  authConfigs: [],
  env: [],
  packages: { framework: 'next', clerkSdks: ['@clerk/nextjs'] },
  convexLayout: { projectRoot: '', functionsDir: 'convex', source: 'default' },
};
const MISSING = 'clerk-convex/auth-config-missing';

function io(disk: ReadonlyMap<string, string>): WorkspaceIO {
  return {
    async *scan() {
      yield [...disk.keys()].map(file);
    },
    analyse: (f, inputs): Promise<DiskAnalysis> => {
      const text = disk.get(f.path);
      if (text === undefined) return Promise.resolve({ kind: 'absent' });
      return Promise.resolve({
        kind: 'analysed',
        analysis: analyse(f.path, text, { ...inputs, project: STALE }),
        fingerprint: textFingerprint(text),
        crossFile: dependsOnOtherFiles(text),
      });
    },
    isDirty: () => false,
    isOpen: () => false,
    join: withIdentityFunctions,
  };
}

const quiet = { facts: () => undefined, inputs: () => undefined, identity: () => undefined };
const codesOf = (model: WorkspaceModel, path: string): string[] =>
  (model.files().find((f) => f.path === path)?.findings ?? []).map((x) => x.code);

describe('workspace model: a provider with no auth.config in the Convex folder', () => {
  it('drops the finding when the index holds an auth.config, and brings it back when it is deleted', async () => {
    const disk = new Map([
      ['app/providers.tsx', PROVIDER],
      ['convex/picks.ts', PICKS],
    ]);
    const model = new WorkspaceModel(io(disk), quiet);
    await model.scan(FOLDER);
    await model.idle();
    assert.deepEqual(codesOf(model, 'app/providers.tsx'), [MISSING]);

    disk.set('convex/auth.config.ts', CONFIG);
    await model.fileChanged(file('convex/auth.config.ts'));
    await model.idle();
    assert.deepEqual(codesOf(model, 'app/providers.tsx'), [], 'an auth.config now');

    disk.delete('convex/auth.config.ts');
    model.fileDeleted(file('convex/auth.config.ts').key);
    await model.idle();
    assert.deepEqual(codesOf(model, 'app/providers.tsx'), [MISSING], 'deleted again');
  });

  it('ends as the final files call for, whatever order the news of the config and the function arrive in', async () => {
    type Step = { path: 'convex/auth.config.ts' | 'convex/picks.ts'; present: boolean };
    const step = fc.record({
      path: fc.constantFrom<Step['path']>('convex/auth.config.ts', 'convex/picks.ts'),
      present: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 8 }), fc.boolean(), async (steps, settleBetween) => {
        const disk = new Map([['app/providers.tsx', PROVIDER]]);
        const model = new WorkspaceModel(io(disk), quiet);
        await model.scan(FOLDER);
        const pending: Promise<void>[] = [];
        for (const s of steps) {
          if (s.present) {
            disk.set(s.path, s.path === 'convex/picks.ts' ? PICKS : CONFIG);
            pending.push(model.fileChanged(file(s.path)));
          } else {
            disk.delete(s.path);
            model.fileDeleted(file(s.path).key);
          }
          if (settleBetween) await model.idle();
        }
        await Promise.all(pending);
        await model.idle();
        const expected = disk.has('convex/picks.ts') && !disk.has('convex/auth.config.ts') ? [MISSING] : [];
        assert.deepEqual(codesOf(model, 'app/providers.tsx'), expected, JSON.stringify(steps));
      }),
      { numRuns: 60 },
    );
  });
});
