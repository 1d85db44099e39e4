// Reductions for issue 23's last forms (rules3): an identity helper imported from another Convex file, and a Convex
// mutation sent right after Clerk's setActive(). Verdicts written before the analyzer ran on them.
import type { CorpusEntry } from './types';

export const chains: CorpusEntry[] = [
  {
    id: 'chains-imported-require-user-page-under-authenticated',
    sources: [
      { repo: 'Chryaor/convex-app', path: 'convex/helpers.ts', commit: '47e3c263bcd8b73a72ffc3fd2febd5671b065dc8' },
      { repo: 'Chryaor/convex-app', path: 'convex/functions.ts', commit: '47e3c263bcd8b73a72ffc3fd2febd5671b065dc8' },
      { repo: 'Chryaor/convex-app', path: 'src/app/page.tsx', commit: '47e3c263bcd8b73a72ffc3fd2febd5671b065dc8' },
      {
        repo: 'Chryaor/convex-app',
        path: 'src/app/_components/to-do-list.tsx',
        commit: '9656e0d2df2b4887905cdbdae15e884a06893421',
      },
    ],
    dependencies: { next: '15.1.0', '@clerk/nextjs': '^6.9.0', convex: '^1.17.0' },
    files: {
      'convex/helpers.ts': `import type { QueryCtx } from "./_generated/server";

export const requireUser = async (ctx: QueryCtx) => {
  const who = await ctx.auth.getUserIdentity();
  if (!who) {
    throw new Error("Unauthorized");
  }
  return who;
};
`,
      'convex/functions.ts': `import { mutation, query } from "./_generated/server";
import { v } from "convex/values";
import { requireUser } from "./helpers";

export const listTodos = query({
  handler: async (ctx) => {
    const me = await requireUser(ctx);
    return await ctx.db.query("todos").withIndex("by_user_id", (q) => q.eq("userId", me.tokenIdentifier)).collect();
  },
});

export const updateTodo = mutation({
  args: { id: v.id("todos"), completed: v.boolean() },
  handler: async (ctx, args) => {
    const me = await requireUser(ctx);
    const todo = await ctx.db.get(args.id);
    if (todo?.userId !== me.tokenIdentifier) throw new Error("Unauthorized");
    await ctx.db.patch(args.id, { completed: args.completed });
  },
});
`,
      'src/app/_components/to-do-list.tsx': `import { useMutation, useQuery } from "convex/react";
import { api } from "../../../convex/_generated/api";

export function ToDoList() {
  const todos = useQuery(api.functions.listTodos);
  const updateTodo = useMutation(api.functions.updateTodo);
  return (
    <ul>
      {todos?.map((t) => (
        <li key={t._id}>
          <input type="checkbox" checked={t.completed} onChange={(e) => updateTodo({ id: t._id, completed: e.target.checked })} />
        </li>
      ))}
    </ul>
  );
}
`,
      'src/app/page.tsx': `"use client";
import { Authenticated, AuthLoading, Unauthenticated } from "convex/react";
import { SignInButton } from "@clerk/nextjs";
import { ToDoList } from "./_components/to-do-list";

export default function Home() {
  return (
    <div>
      <Authenticated>
        <ToDoList />
      </Authenticated>
      <Unauthenticated>
        <SignInButton />
      </Unauthenticated>
      <AuthLoading>Loading...</AuthLoading>
    </div>
  );
}
`,
    },
    verdict:
      'Clean: the list query needs a signed-in user through requireUser() of convex/helpers.ts, and the page renders the list only inside <Authenticated>.',
    expect: [],
  },
  {
    id: 'chains-mutation-right-after-set-active',
    sources: [
      {
        repo: 'FleetAdmiralJakob/minimal-reproduction-convex-clerk',
        path: 'src/app/page.tsx',
        commit: 'c39045489f8d9953f4e5c14206c8d9acb626990d',
      },
      {
        repo: 'FleetAdmiralJakob/minimal-reproduction-convex-clerk',
        path: 'convex/user.ts',
        commit: 'c39045489f8d9953f4e5c14206c8d9acb626990d',
      },
    ],
    dependencies: { next: '14.1.0', '@clerk/nextjs': '^4.29.10', convex: '^1.11.0' },
    files: {
      'convex/user.ts': `import { mutation } from "./_generated/server";

export const setInitialUserUp = mutation({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (identity === null) throw new Error("Unauthenticated");
    await ctx.db.insert("user", { clerkId: identity.tokenIdentifier });
  },
});
`,
      'src/app/page.tsx': `"use client";
import { useState } from "react";
import { useSignUp } from "@clerk/nextjs";
import { useConvexAuth, useMutation } from "convex/react";
import { api } from "../../convex/_generated/api";

export default function HomePage() {
  const [name, setName] = useState("");
  const { isLoaded, signUp, setActive } = useSignUp();
  const { isLoading, isAuthenticated } = useConvexAuth();
  const createNewUser = useMutation(api.user.setInitialUserUp);

  async function onSubmit(e: React.SyntheticEvent) {
    e.preventDefault();
    if (!isLoaded || isAuthenticated || isLoading) return;
    const completed = await signUp.create({ username: name, password: "x" });
    await setActive({ session: completed.createdSessionId });
    void createNewUser({});
  }

  return <form onSubmit={onSubmit}><input value={name} onChange={(e) => setName(e.target.value)} /></form>;
}
`,
    },
    verdict:
      "Bug: createNewUser() runs setInitialUserUp (throws without an identity) right after setActive(), before Convex has the new session's token.",
    expect: [{ file: 'src/app/page.tsx', code: 'mutation-after-set-active', at: 'createNewUser({})' }],
  },
];
