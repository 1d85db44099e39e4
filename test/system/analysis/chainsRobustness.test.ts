import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mutate, mutation } from '../../unit/analysis/mutations';
import { together } from '../../unit/analysis/together';

// The chains followed across files (identity helpers, hooks calling hooks, the calls after setActive()) under random
// damage: every file of a small workspace mutated, analysed together to the index's fixed point. No rule may throw,
// findings stay inside their text, and hooks or helpers that end up calling each other still end.
const WORKSPACE: Record<string, string> = {
  'convex/lib/auth.ts': `import type { QueryCtx } from "../_generated/server";
export async function getCurrentUser(ctx: QueryCtx) {
  const identity = await ctx.auth.getUserIdentity();
  if (identity === null) return null;
  return identity;
}
export async function requireUser(ctx: QueryCtx) {
  const user = await getCurrentUser(ctx);
  if (!user) throw new Error("Unauthenticated");
  return user;
}
`,
  'convex/tasks.ts': `import { mutation, query } from "./_generated/server";
import { requireUser } from "./lib/auth";
export const mine = query({ args: {}, handler: async (ctx) => { const me = await requireUser(ctx); return me.subject; } });
export const setUp = mutation({ args: {}, handler: async (ctx) => { await requireUser(ctx); } });
`,
  'hooks/useTasksQuery.ts': `import { useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";
import { useMyTasks } from "./useMyTasks";
export function useTasksQuery() { useTasksQuery; return useQuery(api.tasks.mine); }
export function usePing() { return useMyTasks(); }
`,
  'hooks/useMyTasks.ts': `import { useTasksQuery, usePing } from "./useTasksQuery";
export function useMyTasks() { usePing(); const t = useTasksQuery(); return t ?? []; }
`,
  'app/page.tsx': `"use client";
import { useSignUp } from "@clerk/nextjs";
import { useMutation } from "convex/react";
import { api } from "@/convex/_generated/api";
import { useMyTasks } from "@/hooks/useMyTasks";
export default function Page() {
  const tasks = useMyTasks();
  const { setActive } = useSignUp();
  const setUp = useMutation(api.tasks.setUp);
  async function go(id: string) { await setActive!({ session: id }); await setUp({}); }
  return <button onClick={() => go("s")}>{tasks.length}</button>;
}
`,
};
const NAMES = Object.keys(WORKSPACE);

describe('analysis: chains across files under random damage (property test)', function () {
  // 3 s on a quiet machine; at load 10 (a lint and another suite beside it) it ran past mocha's 20 s default.
  this.timeout(120_000);

  it('never throws and ends on 400 random mutations of a workspace with helper and hook chains', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: NAMES.length - 1 }), mutation), { minLength: 1, maxLength: 6 }),
        (edits) => {
          const files = { ...WORKSPACE };
          for (const [index, m] of edits) {
            const name = NAMES[index];
            files[name] = mutate(files[name] ?? '', [m]);
          }
          for (const [name, result] of together(files, {}, 4)) {
            assert.deepEqual(result.ruleErrors ?? [], [], name);
            const length = files[name]?.length ?? 0;
            for (const f of result.findings) assert.ok(f.start >= 0 && f.start <= f.end && f.end <= length, f.code);
          }
        },
      ),
      { numRuns: 400, seed: 20261207 },
    );
  });

  it('the unmutated workspace: the page is flagged for the hook chain and for the call after setActive()', () => {
    const codes = (together(WORKSPACE, {}, 4).get('app/page.tsx')?.findings ?? []).map((f) => f.code).sort();
    assert.deepEqual(codes, ['clerk-convex/mutation-after-set-active', 'clerk-convex/query-before-auth']);
  });
});
