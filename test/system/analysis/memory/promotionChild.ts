// Run in a child process (with --expose-gc) by promotion.test.ts: prints, as JSON, how much the old generation
// grew across two young-generation collections after ten analyses of a provider file whose results were dropped,
// and after ten parses of it that were kept (the size of ten trees, the reference).
import v8 from 'node:v8';
import { analyse } from '../../../../src/analysis/analyse';
import { parseSource } from '../../../../src/analysis/parse';

const gc = (globalThis as { gc?: (options?: { type: 'minor' | 'major' }) => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

const HEADER = `"use client";
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
`;
const component = (i: number): string => `
export function Item${i}({ id }: { id: string }) {
  const { isAuthenticated } = useConvexAuth();
  const items = useQuery(api.items.list, isAuthenticated ? { id } : "skip");
  return <Authenticated><ul>{items?.map((item) => <li key={item._id}>{item.name}</li>)}</ul></Authenticated>;
}
`;
const text = HEADER + Array.from({ length: 30 }, (_, i) => component(i)).join('');
const fileName = 'components/Providers.tsx';

const oldSpace = (): number =>
  v8.getHeapSpaceStatistics().find((s) => s.space_name === 'old_space')?.space_used_size ?? 0;

/** What a run keeps alive until its growth is read. */
const kept: unknown[] = [];

/** Growth of the old generation over `run` and two young-generation collections (a survivor is promoted by the second). */
function promotedBy(run: () => unknown): number {
  gc!();
  gc!({ type: 'minor' });
  gc!({ type: 'minor' });
  const before = oldSpace();
  kept.push(run());
  gc!({ type: 'minor' });
  gc!({ type: 'minor' });
  const grew = oldSpace() - before;
  kept.length = 0;
  return grew;
}

for (let i = 0; i < 5; i++) analyse(fileName, text); // every module loaded and compiled
const keptTrees = promotedBy(() => Array.from({ length: 10 }, () => parseSource(fileName, text)));
// The least of three rounds: now and then (about one run in seven, on commits months apart) V8 promotes about one
// tree's worth during a round, whatever the code (a collection of its own timing); a cache that keeps the trees
// promotes all ten in every round.
const droppedAnalyses = Math.min(
  ...[0, 1, 2].map(() =>
    promotedBy(() => {
      for (let i = 0; i < 10; i++) analyse(fileName, text);
    }),
  ),
);
process.stdout.write(JSON.stringify({ keptTrees, droppedAnalyses }));
