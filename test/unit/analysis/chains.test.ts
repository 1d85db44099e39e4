import assert from 'node:assert/strict';
import { analyse } from '../../../src/analysis/analyse';
import { dependsOnOtherFiles } from '../../../src/analysis/prefilter';
import type { FileAnalysis } from '../../../src/analysis/types';
import { codesOf, together } from './together';

// query-before-auth through chains: an identity helper of another file (`requireUser` in convex/lib/auth.ts, the
// convex-helpers `getCurrentUserOrThrow` → `getCurrentUser` pair), and a project hook calling another project hook.

const queryBeforeAuth = (r: FileAnalysis | undefined) =>
  (r?.findings ?? []).filter((f) => f.code === 'clerk-convex/query-before-auth');

const requireUserFile = `import type { QueryCtx } from "../_generated/server";
export async function requireUser(ctx: QueryCtx) {
  const identity = await ctx.auth.getUserIdentity();
  if (!identity) throw new Error("Unauthenticated");
  return identity;
}
`;
const todosFile = (from: string, helper = 'requireUser'): string => `import { query } from "./_generated/server";
import { ${helper} } from "${from}";
export const mine = query({
  args: {},
  handler: async (ctx) => {
    const me = await ${helper}(ctx);
    return await ctx.db.query("todos").withIndex("by_owner", (q) => q.eq("owner", me.subject)).collect();
  },
});
`;
const page = (hook = 'useQuery(api.todos.mine)', imports = ''): string => `"use client";
import { useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";
${imports}
export default function TodosPage() {
  const todos = ${hook};
  return <ul>{todos?.map((t) => <li key={t._id}>{t.text}</li>)}</ul>;
}
`;
// The convex-helpers pattern of Convex's "Storing users" docs: one returns null without an identity, one throws.
const usersFile = `import { QueryCtx } from "./_generated/server";
export async function getCurrentUserOrThrow(ctx: QueryCtx) {
  const userRecord = await getCurrentUser(ctx);
  if (!userRecord) throw new Error("Can't get current user");
  return userRecord;
}
export async function getCurrentUser(ctx: QueryCtx) {
  const identity = await ctx.auth.getUserIdentity();
  if (identity === null) {
    return null;
  }
  return await ctx.db.query("users").withIndex("byExternalId", (q) => q.eq("externalId", identity.subject)).unique();
}
`;

describe('analysis: query-before-auth through chains of helpers and hooks', () => {
  it('an identity helper imported from another file: the page sending the query is flagged, pointing at the helper', () => {
    const r = together({
      'convex/lib/auth.ts': requireUserFile,
      'convex/todos.ts': todosFile('./lib/auth'),
      'app/todos/page.tsx': page(),
    });
    const [finding, ...rest] = queryBeforeAuth(r.get('app/todos/page.tsx'));
    assert.equal(rest.length, 0);
    assert.ok(finding);
    assert.match(finding.message, /api\.todos\.mine needs a signed-in user: its handler in convex\/todos\.ts/);
    assert.match(finding.message, /through requireUser\(\)/);
    assert.equal(finding.related?.[0]?.path, 'convex/lib/auth.ts');
    assert.equal(finding.related?.[0]?.position?.line, 2);
    assert.deepEqual(codesOf(r.get('convex/todos.ts')), []);
  });

  it('follows the project path alias, and the convex-helpers pair getCurrentUserOrThrow → getCurrentUser', () => {
    const moduleAliases = { paths: { '@/*': ['./*'] }, pathsBase: '' };
    const r = together(
      {
        'convex/users.ts': usersFile,
        'convex/todos.ts': todosFile('@/convex/users', 'getCurrentUserOrThrow'),
        'app/todos/page.tsx': page(),
      },
      { moduleAliases },
    );
    const [finding] = queryBeforeAuth(r.get('app/todos/page.tsx'));
    assert.ok(finding);
    assert.match(finding.message, /through getCurrentUserOrThrow\(\)\) and throws without one/);
    assert.equal(finding.related?.[0]?.path, 'convex/users.ts');
  });

  it('a handler that checks a null-returning helper and returns nothing: flagged as returning nothing', () => {
    const todos = `import { query } from "./_generated/server";
import { getCurrentUser } from "./users";
export const mine = query({
  args: {},
  handler: async (ctx) => {
    const user = await getCurrentUser(ctx);
    if (!user) return [];
    return await ctx.db.query("todos").collect();
  },
});
`;
    const r = together({ 'convex/users.ts': usersFile, 'convex/todos.ts': todos, 'app/todos/page.tsx': page() });
    const [finding] = queryBeforeAuth(r.get('app/todos/page.tsx'));
    assert.ok(finding);
    assert.match(finding.message, /returns nothing without one/);
  });

  it('near misses: under <Authenticated>, a null-returning helper the handler does not stop on, a package helper', () => {
    const gated = `"use client";
import { Authenticated, useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";
function Todos() { const todos = useQuery(api.todos.mine); return <p>{todos?.length}</p>; }
export default function Page() { return <Authenticated><Todos /></Authenticated>; }
`;
    const r1 = together({
      'convex/lib/auth.ts': requireUserFile,
      'convex/todos.ts': todosFile('./lib/auth'),
      'app/page.tsx': gated,
    });
    assert.deepEqual(codesOf(r1.get('app/page.tsx')), []);
    const optional = `import { query } from "./_generated/server";
import { getCurrentUser } from "./users";
export const mine = query({
  args: {},
  handler: async (ctx) => {
    const user = await getCurrentUser(ctx);
    return user ? await ctx.db.query("todos").collect() : [];
  },
});
`;
    const r2 = together({ 'convex/users.ts': usersFile, 'convex/todos.ts': optional, 'app/todos/page.tsx': page() });
    assert.deepEqual(queryBeforeAuth(r2.get('app/todos/page.tsx')), []);
    // Same name, but from a package: what it does is not known here.
    const r3 = together({
      'convex/lib/auth.ts': requireUserFile,
      'convex/todos.ts': todosFile('some-auth-lib'),
      'app/todos/page.tsx': page(),
    });
    assert.deepEqual(queryBeforeAuth(r3.get('app/todos/page.tsx')), []);
  });

  const tasksFn = `import { query } from "./_generated/server";
export const mine = query({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) throw new Error("Not signed in");
    return await ctx.db.query("tasks").withIndex("by_owner", (q) => q.eq("owner", identity.subject)).collect();
  },
});
`;
  const innerHook = (skip = false): string => `import { useConvexAuth, useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";
export function useTasksQuery() {
  ${skip ? 'const { isAuthenticated } = useConvexAuth();\n  return useQuery(api.tasks.mine, isAuthenticated ? {} : "skip");' : 'return useQuery(api.tasks.mine);'}
}
`;
  const outerHook = `import { useTasksQuery } from "./useTasksQuery";
export function useMyTasks() {
  const tasks = useTasksQuery();
  return tasks ?? [];
}
`;
  const tasksPage = (wrap: boolean): string => `"use client";
import { Authenticated } from "convex/react";
import { useMyTasks } from "@/hooks/useMyTasks";
function Tasks() { const tasks = useMyTasks(); return <p>{tasks.length}</p>; }
export default function Page() { return ${wrap ? '<Authenticated><Tasks /></Authenticated>' : '<Tasks />'}; }
`;

  it('a hook calling a hook calling useQuery, across files: the page that renders it ungated is flagged', () => {
    const r = together(
      {
        'convex/tasks.ts': tasksFn,
        'hooks/useTasksQuery.ts': innerHook(),
        'hooks/useMyTasks.ts': outerHook,
        'app/tasks/page.tsx': tasksPage(false),
      },
      {},
      4,
    );
    const [finding, ...rest] = queryBeforeAuth(r.get('app/tasks/page.tsx'));
    assert.equal(rest.length, 0);
    assert.ok(finding);
    assert.match(finding.message, /api\.tasks\.mine \(sent by useMyTasks\(\)\) needs a signed-in user/);
  });

  it('the gated forms stay clean: the page under <Authenticated>, the inner hook skipping until isAuthenticated', () => {
    const files = { 'convex/tasks.ts': tasksFn, 'hooks/useMyTasks.ts': outerHook };
    const underGate = together(
      { ...files, 'hooks/useTasksQuery.ts': innerHook(), 'app/tasks/page.tsx': tasksPage(true) },
      {},
      4,
    );
    assert.deepEqual(codesOf(underGate.get('app/tasks/page.tsx')), []);
    const skipped = together(
      { ...files, 'hooks/useTasksQuery.ts': innerHook(true), 'app/tasks/page.tsx': tasksPage(false) },
      {},
      4,
    );
    assert.deepEqual(codesOf(skipped.get('app/tasks/page.tsx')), []);
  });

  it('a chain in one file, a hook calling itself and two hooks calling each other: found, and the analysis ends', () => {
    const text = `"use client";
import { useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";
function useTasksQuery() { return useQuery(api.tasks.mine); }
function useLoop(n: number): unknown { return n > 0 ? useLoop(n - 1) : null; }
function usePing(): unknown { usePong(); return useTasksQuery(); }
function usePong(): unknown { return usePing(); }
export default function Page() {
  useLoop(3);
  const tasks = usePong();
  return <p>{String(tasks)}</p>;
}
`;
    const r = together({ 'convex/tasks.ts': tasksFn, 'app/tasks/page.tsx': text });
    const findings = queryBeforeAuth(r.get('app/tasks/page.tsx'));
    assert.equal(findings.length, 1);
    assert.match(findings[0]?.message ?? '', /sent by usePong\(\)/);
    // Two files whose hooks call each other reach a fixed point too (the facts stop changing).
    const a = `import { useQuery } from "convex/react";\nimport { api } from "@/convex/_generated/api";\nimport { useB } from "./b";\nexport function useA() { useB(); return useQuery(api.tasks.mine); }\n`;
    const b = `import { useA } from "./a";\nexport function useB() { return useA(); }\n`;
    const round3 = together({ 'hooks/a.ts': a, 'hooks/b.ts': b }, {}, 3);
    const round6 = together({ 'hooks/a.ts': a, 'hooks/b.ts': b }, {}, 6);
    assert.deepEqual(JSON.stringify([...round6]), JSON.stringify([...round3]));
    assert.equal(analyse('hooks/b.ts', b).findings.length, 0);
  });

  it('a file that may take a helper or a hook from a module of the project is checked again when other files change', () => {
    // Before the other file is indexed too: the index must come back to it once that file's facts arrive.
    assert.equal(dependsOnOtherFiles(todosFile('./lib/auth')), true);
    assert.equal(dependsOnOtherFiles(outerHook), true);
    assert.equal(dependsOnOtherFiles('import useTasks from "@/hooks/useTasks";\n'), true);
    assert.equal(dependsOnOtherFiles(tasksFn), false);
    assert.equal(dependsOnOtherFiles('import { useState } from "react";\nimport { cn } from "@/lib/utils";\n'), false);
  });
});
