// The re-check pass after a scan asks the editor whether a file is open (WorkspaceIO.isOpen: in VS Code a walk over
// every open document and every tab) only for files that are stale otherwise. It asked for every indexed file on
// every step, and a monorepo's pass takes one step per Clerk or Convex file it analyses again.
import assert from 'node:assert/strict';
import { WorkspaceModel } from '../../../src/workspace/model';
import { diskIO, FOLDER } from './diskIO';

const PROVIDER = `"use client";
import { ConvexReactClient } from "convex/react";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import { useAuth } from "@clerk/nextjs";
const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);
export default function ConvexClientProvider({ children }: { children: React.ReactNode }) {
  return <ConvexProviderWithClerk client={convex} useAuth={useAuth}>{children}</ConvexProviderWithClerk>;
}
`;
const LAYOUT = `import { ClerkProvider } from "@clerk/nextjs";
import ConvexClientProvider from "../components/ConvexClientProvider";
export default function RootLayout({ children }: { children: React.ReactNode }) {
  return <html><body><ClerkProvider><ConvexClientProvider>{children}</ConvexClientProvider></ClerkProvider></body></html>;
}
`;
const FUNCTIONS = (i: number): string => `import { query } from "./_generated/server";
export const list${i} = query({ args: {}, handler: async (ctx) => await ctx.db.query("items${i}").collect() });
`;

describe('workspace model: the re-check pass after a scan', () => {
  it('asks the editor only about files that are stale otherwise', async () => {
    const plain = Array.from({ length: 30 }, (_, i) => `convex/items${i}.ts`);
    // The layout first: it is analysed before the provider component it takes, so the re-check pass has work.
    const disk = new Map([
      ['app/layout.tsx', LAYOUT],
      ...plain.map((p, i): [string, string] => [p, FUNCTIONS(i)]),
      ['components/ConvexClientProvider.tsx', PROVIDER],
    ]);
    const asked = new Map<string, number>();
    const io = diskIO(disk);
    const model = new WorkspaceModel(
      {
        ...io,
        isOpen: (key) => {
          asked.set(key, (asked.get(key) ?? 0) + 1);
          return false;
        },
      },
      { facts: () => undefined, inputs: () => undefined, identity: () => undefined },
    );
    await model.scan(FOLDER);
    await model.idle();
    assert.equal(model.files().length, 32, 'every file indexed');
    // The scan itself asks twice per file (before and after its analysis); the re-check pass never asks about these.
    const plainAsks = plain.map((p) => asked.get(`${FOLDER}|#|${p}`) ?? 0);
    assert.deepEqual(
      plainAsks,
      plain.map(() => 2),
    );
    assert.ok((asked.get(`${FOLDER}|#|app/layout.tsx`) ?? 0) > 2, 'the stale layout was asked about again');
  });
});
