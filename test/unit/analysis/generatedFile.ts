// A realistic client file of any length (a provider, then many Convex-gated components): the bench's analysis rows,
// the monorepo's Vite entries and the worker's memory tests analyse it.
const HEADER = `"use client";

import { useState } from "react";
import { ClerkProvider, useAuth } from "@clerk/nextjs";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import { Authenticated, ConvexReactClient, useConvexAuth, useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";

const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);

export function Providers({ children }: { children: React.ReactNode }) {
  return (
    <ClerkProvider>
      <ConvexProviderWithClerk client={convex} useAuth={useAuth}>
        {children}
      </ConvexProviderWithClerk>
    </ClerkProvider>
  );
}
`;

const component = (i: number): string => `
export function Item${i}({ id }: { id: string }) {
  const { isAuthenticated, isLoading } = useConvexAuth();
  const items = useQuery(api.items.list, isAuthenticated ? { id } : "skip");
  const [open, setOpen] = useState(false);
  if (isLoading) return <p>Loading…</p>;
  return (
    <Authenticated>
      <section className="card" onClick={() => setOpen(!open)}>
        <h2>{\`Item \${id} #${i}\`}</h2>
        <ul>{items?.map((item: { _id: string; name: string }) => <li key={item._id}>{item.name}</li>)}</ul>
      </section>
    </Authenticated>
  );
}
`;

export const newlines = (s: string): number => s.split('\n').length - 1;

/** A realistic client file (providers + many gated components) of about `lines` lines. */
export function generateFile(lines: number): string {
  const parts = [HEADER];
  let count = newlines(HEADER) + 1; // lines so far, counted as they are added (re-splitting the text was quadratic)
  for (let i = 0; count < lines; i++) {
    const part = component(i);
    parts.push(part);
    count += newlines(part);
  }
  return parts.join('');
}
