// A first analysis in a fresh worker pays for V8 compiling (lazily, function by function) and first running Babel's
// parser and the rules; Node's compile cache keeps only the code compiled when a module loads, so that cost is paid
// by every new worker. The worker starts when a document is scheduled, so it is idle during the edit's debounce:
// analysing two small files of the lesson's shape then makes the learner's first analysis a warm one.
import { analyse } from '../analysis/analyse';

/** A provider file and a component gated on Convex's auth: the parser's TSX paths and the client rules. */
export const WARM_UP_CLIENT = `"use client";
import { ClerkProvider, useAuth } from "@clerk/nextjs";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import { Authenticated, ConvexReactClient, useConvexAuth, useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";

const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);

export function Providers({ children }: { children: React.ReactNode }) {
  return (
    <ClerkProvider>
      <ConvexProviderWithClerk client={convex} useAuth={useAuth}>{children}</ConvexProviderWithClerk>
    </ClerkProvider>
  );
}

export function List({ id }: { id: string }) {
  const { isAuthenticated, isLoading } = useConvexAuth();
  const items = useQuery(api.items.list, isAuthenticated ? { id } : "skip");
  if (isLoading) return <p>Loading…</p>;
  return <Authenticated><ul>{items?.map((i: { _id: string; name: string }) => <li key={i._id}>{\`\${i.name}\`}</li>)}</ul></Authenticated>;
}
`;

/** A Convex function reading the identity: the parser's TypeScript paths and the identity rules. */
export const WARM_UP_FUNCTIONS = `import { query } from "./_generated/server";
import { v } from "convex/values";

export const list = query({
  args: { id: v.string() },
  handler: async (ctx, args) => {
    const identity = await ctx.auth.getUserIdentity();
    if (identity === null) throw new Error("Not signed in");
    return await ctx.db.query("items").filter((q) => q.eq(q.field("owner"), identity.subject)).collect();
  },
});
`;

/** Analyses the two files once (their results are dropped). */
export function warmUp(): void {
  analyse('components/Providers.tsx', WARM_UP_CLIENT, {});
  analyse('convex/items.ts', WARM_UP_FUNCTIONS, {});
}

/**
 * For a worker whose requests reach it only once its own script has run (the Web Worker, whose one bundle holds
 * the analyzer): warm up after the requests already waiting, unless one came, since that request is itself the
 * first analysis and must not wait behind the warm-up.
 */
export function warmUpUnlessAsked(
  onRequest: (listener: () => void) => void,
  later: (run: () => void) => void,
  warm: () => void = warmUp,
): void {
  let asked = false;
  onRequest(() => {
    asked = true;
  });
  later(() => {
    if (!asked) warm();
  });
}
