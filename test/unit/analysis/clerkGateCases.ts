// Shapes of the clerk-gate mistake that its quick fix must leave right: the unit test renders each fixed component
// in every Convex auth state (clerkGateFix.test.ts), scripts/typecheck-snippets.mjs type-checks each against the real
// Clerk and Convex packages. One list, so both check the same code.
import fs from 'node:fs';
import path from 'node:path';

export interface ClerkGateCase {
  id: string;
  /** Where it lands in the type-check fixture app (a Next.js app with convex/messages.ts: list, send). */
  file: string;
  exportName: string;
  text: string;
}

// The repository's root: from this file under CommonJS (mocha); the working directory when the type-check script
// loads it as an ES module (it runs from the root).
const root = path.isAbsolute(__dirname) ? path.resolve(__dirname, '..', '..', '..') : process.cwd();

const head = (imports: string): string => `"use client";

${imports}
import { api } from "@/convex/_generated/api";
`;

export const CLERK_GATE_CASES: ClerkGateCase[] = [
  {
    id: 'sample page',
    file: 'fixes/clerk-gate/page.tsx',
    exportName: 'default',
    text: fs.readFileSync(path.join(root, 'sample', 'app', 'page.tsx'), 'utf8'),
  },
  {
    id: 'skip',
    file: 'fixes/clerk-gate/skip.tsx',
    exportName: 'MessageCount',
    text: `${head('import { useAuth } from "@clerk/nextjs";\nimport { useQuery } from "convex/react";')}
export function MessageCount() {
  const { isSignedIn } = useAuth();
  const messages = useQuery(api.messages.list, isSignedIn ? {} : "skip");
  return <p>{messages?.length ?? 0} messages</p>;
}
`,
  },
  {
    id: 'ternary',
    file: 'fixes/clerk-gate/ternary.tsx',
    exportName: 'Inbox',
    text: `${head('import { SignInButton, useAuth } from "@clerk/nextjs";\nimport { useQuery } from "convex/react";')}
export function Inbox() {
  const { isSignedIn } = useAuth();
  const messages = useQuery(api.messages.list);
  return <main>{isSignedIn ? <ul>{messages?.map((m) => <li key={m._id}>{m.body}</li>)}</ul> : <SignInButton />}</main>;
}
`,
  },
  {
    id: 'and',
    file: 'fixes/clerk-gate/and.tsx',
    exportName: 'Nav',
    text: `${head('import { SignInButton, useUser } from "@clerk/nextjs";\nimport { useQuery } from "convex/react";')}
export function Nav() {
  const { isSignedIn } = useUser();
  const messages = useQuery(api.messages.list, isSignedIn ? {} : "skip");
  return <nav>{!isSignedIn && <SignInButton />}<span>{messages?.length}</span></nav>;
}
`,
  },
  {
    id: 'effect',
    file: 'fixes/clerk-gate/effect.tsx',
    exportName: 'Greeter',
    text: `${head('import { useEffect } from "react";\nimport { useUser } from "@clerk/nextjs";\nimport { useMutation } from "convex/react";')}
export function Greeter() {
  const { isSignedIn } = useUser();
  const send = useMutation(api.messages.send);
  useEffect(() => {
    if (isSignedIn) void send({ body: "hello" });
  }, [isSignedIn, send]);
  return null;
}
`,
  },
  {
    id: 'loaded',
    file: 'fixes/clerk-gate/loaded.tsx',
    exportName: 'Orgs',
    text: `${head('import { SignInButton, useAuth } from "@clerk/nextjs";\nimport { useQuery } from "convex/react";')}
export function Orgs() {
  const { isLoaded, isSignedIn } = useAuth();
  const messages = useQuery(api.messages.list, isLoaded && isSignedIn ? {} : "skip");
  if (!isLoaded) return <p>Loading…</p>;
  if (!isSignedIn) return <SignInButton />;
  return <p>{messages?.length}</p>;
}
`,
  },
  {
    id: 'show',
    file: 'fixes/clerk-gate/show.tsx',
    exportName: 'Feed',
    text: `${head('import { Show } from "@clerk/nextjs";\nimport { useQuery } from "convex/react";')}
function Messages() {
  const messages = useQuery(api.messages.list);
  return <ul>{messages?.map((m) => <li key={m._id}>{m.body}</li>)}</ul>;
}

export function Feed() {
  return (
    <Show when="signed-in">
      <Messages />
    </Show>
  );
}
`,
  },
];
