// A route layout gated on Clerk alone is a clerk-gate finding only while a route under it calls Convex on mount: the
// layout's gate is a site of its own file, the routes' calls facts of theirs, and the index joins the two. A change of
// a page alone must re-join (a change of what it calls, with the layout not analysed again): the layout's finding
// goes when the page stops calling Convex, comes back when it calls again, and goes when the page is deleted. Failed on main at 4a86ced (the
// layout never had the finding).
import assert from 'node:assert/strict';
import { textFingerprint } from '../../../src/worker/protocol';
import { WorkspaceModel } from '../../../src/workspace/model';
import { diskIO, fileAt as file, FOLDER } from './diskIO';

const STAFF = `import { query } from "./_generated/server";
export const everyone = query({
  handler: async (ctx) => {
    const who = await ctx.auth.getUserIdentity();
    if (!who) throw new Error("not signed in");
    return await ctx.db.query("staff").collect();
  },
});
export const managers = query({
  handler: async (ctx) => {
    const who = await ctx.auth.getUserIdentity();
    if (!who) throw new Error("not signed in");
    return await ctx.db.query("managers").collect();
  },
});
`;
const page = (callsConvex: boolean, fn = 'everyone'): string =>
  callsConvex
    ? `"use client";
import { useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";
export default function Board() {
  const staff = useQuery(api.staff.${fn});
  return <ul>{staff?.map((s) => <li key={s._id}>{s.name}</li>)}</ul>;
}
`
    : `export default function Board() {
  return <p>Nothing from Convex here</p>;
}
`;
const LAYOUT = `import { SignedIn } from "@clerk/nextjs";
export default function SignedLayout({ children }: { children: React.ReactNode }) {
  return <SignedIn><main>{children}</main></SignedIn>;
}
`;

describe('workspace model: route layouts gated on Clerk alone', () => {
  it('the layout’s finding follows the pages under it: what they call, whether they call, whether they exist', async () => {
    const disk = new Map([
      ['convex/staff.ts', STAFF],
      ['app/(signed)/layout.tsx', LAYOUT],
      ['app/(signed)/board/page.tsx', page(true)],
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
    const LAYOUT_PATH = 'app/(signed)/layout.tsx';
    const PAGE_PATH = 'app/(signed)/board/page.tsx';

    await model.scan(FOLDER);
    await model.idle();
    assert.deepEqual(codes(LAYOUT_PATH), ['clerk-convex/clerk-gate'], 'the page calls Convex');

    const message = (): string => model.files().find((f) => f.path === LAYOUT_PATH)?.findings[0]?.message ?? '';
    assert.match(message(), /calls useQuery\(api\.staff\.everyone\)/);

    // What the page calls changes, not whether it calls: the layout's message names the new call. (The layout is
    // analysed again too: what a component calls is in the key of other files' inputs, since a <SignedIn> around it
    // in another file names the call, crossFileOrder.test.ts; the page is analysed once.)
    analysed.length = 0;
    disk.set(PAGE_PATH, page(true, 'managers'));
    await model.fileChanged(file(PAGE_PATH));
    await model.idle();
    assert.equal(analysed.filter((p) => p === PAGE_PATH).length, 1, `analysed: ${analysed.join(', ')}`);
    assert.match(message(), /calls useQuery\(api\.staff\.managers\)/);

    disk.set(PAGE_PATH, page(false));
    await model.fileChanged(file(PAGE_PATH));
    await model.idle();
    assert.deepEqual(codes(LAYOUT_PATH), [], 'the page calls nothing of Convex now');

    disk.set(PAGE_PATH, page(true));
    await model.fileChanged(file(PAGE_PATH));
    await model.idle();
    assert.deepEqual(codes(LAYOUT_PATH), ['clerk-convex/clerk-gate'], 'it calls again');

    disk.delete(PAGE_PATH);
    model.fileDeleted(file(PAGE_PATH).key);
    await model.idle();
    assert.deepEqual(codes(LAYOUT_PATH), [], 'the page is deleted');
  });
});
