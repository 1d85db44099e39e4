// A route layout that waits for Convex's auth is a fact of its own file; the pages under it lose their
// query-before-auth entry findings in the index's join. A change of the layout alone (the page untouched, not
// analysed again) must re-join: the finding comes back when the layout stops gating, and goes when it gates again.
// Failed on branch entries6 (the page kept its finding under the gated layout).
import assert from 'node:assert/strict';
import { textFingerprint } from '../../../src/worker/protocol';
import { WorkspaceModel } from '../../../src/workspace/model';
import { diskIO, fileAt as file, FOLDER } from './diskIO';

const MESSAGES = `import { query } from "./_generated/server";
export const list = query({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) throw new Error("Unauthenticated");
    return await ctx.db.query("messages").collect();
  },
});
`;
const PAGE = `"use client";
import { useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";
export default function Dashboard() {
  const messages = useQuery(api.messages.list);
  return <ul>{messages?.map((m) => <li key={m._id}>{m.body}</li>)}</ul>;
}
`;
const layout = (gated: boolean): string => `"use client";
import { Authenticated } from "convex/react";
export default function SignedLayout({ children }: { children: React.ReactNode }) {
  return ${gated ? '<Authenticated>{children}</Authenticated>' : '<main>{children}</main>'};
}
`;

describe('workspace model: route layouts that wait for Convex auth', () => {
  it('re-joins the pages under a layout when only the layout changes', async () => {
    const disk = new Map([
      ['convex/messages.ts', MESSAGES],
      ['app/(signed)/layout.tsx', layout(true)],
      ['app/(signed)/dashboard/page.tsx', PAGE],
      ['app/page.tsx', PAGE],
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
    const codes = (path: string): string[] =>
      (model.files().find((f) => f.path === path)?.findings ?? []).map((x) => x.code);

    await model.scan(FOLDER);
    await model.idle();
    assert.deepEqual(codes('app/(signed)/dashboard/page.tsx'), [], 'under the gated layout');
    assert.deepEqual(codes('app/page.tsx'), ['clerk-convex/query-before-auth'], 'beside it');

    analysed.length = 0;
    disk.set('app/(signed)/layout.tsx', layout(false));
    await model.fileChanged(file('app/(signed)/layout.tsx'));
    await model.idle();
    assert.ok(!analysed.includes('app/(signed)/dashboard/page.tsx'), `not analysed again: ${analysed.join(', ')}`);
    assert.deepEqual(codes('app/(signed)/dashboard/page.tsx'), ['clerk-convex/query-before-auth'], 'ungated now');

    disk.set('app/(signed)/layout.tsx', layout(true));
    await model.fileChanged(file('app/(signed)/layout.tsx'));
    await model.idle();
    assert.deepEqual(codes('app/(signed)/dashboard/page.tsx'), [], 'gated again');

    disk.delete('app/(signed)/layout.tsx');
    model.fileDeleted(file('app/(signed)/layout.tsx').key);
    await model.idle();
    assert.deepEqual(codes('app/(signed)/dashboard/page.tsx'), ['clerk-convex/query-before-auth'], 'layout deleted');
  });
});
