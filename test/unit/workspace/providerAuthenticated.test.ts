// A provider component that renders `{children}` only inside Convex's <Authenticated> (another file than the root
// layout that renders the routes inside it, it-is-Abhishek/whiteboard's shape, audit5 F1) makes that layout a route
// gate: clerk-gate in a page and a page's own query say nothing. The fact lives in the provider's file, so a change
// of the provider alone must reach the pages through the index: the findings come back when it stops wrapping
// children in <Authenticated>, and go when it wraps them again. Failed on dfb418a (the page kept both findings).
import assert from 'node:assert/strict';
import { textFingerprint } from '../../../src/worker/protocol';
import { WorkspaceModel } from '../../../src/workspace/model';
import { diskIO, fileAt as file, FOLDER } from './diskIO';

const CARDS = `import { v } from "convex/values";
import { query } from "./_generated/server";
export const list = query({
  args: { teamId: v.string() },
  handler: async (ctx, args) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) throw new Error("Unauthorized");
    return await ctx.db.query("cards").withIndex("by_team", (q) => q.eq("teamId", args.teamId)).collect();
  },
});
`;
const provider = (gated: boolean): string => `"use client";
import { ClerkProvider, useAuth } from "@clerk/nextjs";
import { Authenticated, ConvexReactClient } from "convex/react";
import { ConvexProviderWithClerk } from "convex/react-clerk";
const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);
export const ConvexClientProvider = ({ children }: { children: React.ReactNode }) => (
  <ClerkProvider>
    <ConvexProviderWithClerk client={convex} useAuth={useAuth}>
      ${gated ? '<Authenticated>{children}</Authenticated>' : '{children}'}
    </ConvexProviderWithClerk>
  </ClerkProvider>
);
`;
const LAYOUT = `import { ConvexClientProvider } from "@/providers/convex-client-provider";
export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <ConvexClientProvider>{children}</ConvexClientProvider>
      </body>
    </html>
  );
}
`;
const TEAM_PAGE = `"use client";
import { useOrganization } from "@clerk/nextjs";
import { Cards } from "./cards";
export default function TeamPage() {
  const { organization } = useOrganization();
  return <div>{!organization ? <p>Pick a team</p> : <Cards teamId={organization.id} />}</div>;
}
`;
const CARDS_COMPONENT = `"use client";
import { useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";
export const Cards = ({ teamId }: { teamId: string }) => {
  const cards = useQuery(api.cards.list, { teamId });
  return <p>{cards?.length ?? 0}</p>;
};
`;
const RECENT_PAGE = `"use client";
import { useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";
export default function RecentPage() {
  const cards = useQuery(api.cards.list, { teamId: "recent" });
  return <p>{cards?.length ?? 0}</p>;
}
`;

describe('workspace model: a provider component that renders its children under <Authenticated>', () => {
  it('gates every route the root layout renders inside it, and re-joins them when only the provider changes', async () => {
    const disk = new Map([
      ['convex/cards.ts', CARDS],
      ['providers/convex-client-provider.tsx', provider(true)],
      ['app/layout.tsx', LAYOUT],
      ['app/team/page.tsx', TEAM_PAGE],
      ['app/team/cards.tsx', CARDS_COMPONENT],
      ['app/recent/page.tsx', RECENT_PAGE],
    ]);
    const analysed: string[] = [];
    const model = new WorkspaceModel(
      diskIO(disk, (f, text, unless) => {
        if (unless === textFingerprint(text)) return { kind: 'unchanged' };
        analysed.push(f.path);
        return undefined;
      }),
      { facts: () => undefined, inputs: () => undefined, identity: () => undefined },
    );
    // idle() can resolve between a re-check pass and the one its end starts (a provider deleted: the layout is
    // checked again twice, its own fact changing between); rechecked() waits for that one too.
    const settled = async (): Promise<void> => {
      await model.idle();
      await model.rechecked();
      await model.idle();
    };
    const codes = (path: string): string[] =>
      (model.files().find((f) => f.path === path)?.findings ?? []).map((x) => x.code);
    const both = (): string[][] => [codes('app/team/page.tsx'), codes('app/recent/page.tsx')];
    const FLAGGED = [['clerk-convex/clerk-gate'], ['clerk-convex/query-before-auth']];

    await model.scan(FOLDER);
    await settled();
    assert.deepEqual(both(), [[], []], 'every route renders under the provider’s <Authenticated>');

    analysed.length = 0;
    disk.set('providers/convex-client-provider.tsx', provider(false));
    await model.fileChanged(file('providers/convex-client-provider.tsx'));
    await settled();
    assert.ok(!analysed.includes('app/recent/page.tsx'), `not analysed again: ${analysed.join(', ')}`);
    assert.deepEqual(both(), FLAGGED, 'the provider renders children before Convex has the token');

    disk.set('providers/convex-client-provider.tsx', provider(true));
    await model.fileChanged(file('providers/convex-client-provider.tsx'));
    await settled();
    assert.deepEqual(both(), [[], []], 'gated again');

    disk.delete('providers/convex-client-provider.tsx');
    model.fileDeleted(file('providers/convex-client-provider.tsx').key);
    await settled();
    assert.deepEqual(both(), FLAGGED, 'provider deleted: nothing is known to gate the routes');
  });
});
