// Where a component is rendered is a fact of the files that render it: src/App.tsx loses its query-before-auth
// finding while src/main.tsx renders it only under <Authenticated>. An edit of main.tsx alone (App.tsx untouched, not
// analysed again) must re-join: the finding comes back when the wrapper goes, and goes when it is back.
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
const APP = `import { useQuery } from "convex/react";
import { api } from "../convex/_generated/api";
export default function App() {
  const rows = useQuery(api.messages.list);
  return <ul>{rows?.map((m) => <li key={m._id}>{m.body}</li>)}</ul>;
}
`;
const main = (gated: boolean): string => `import { createRoot } from "react-dom/client";
import { Authenticated } from "convex/react";
import App from "./App";
createRoot(document.getElementById("root")!).render(${gated ? '<Authenticated><App /></Authenticated>' : '<App />'});
`;

describe('workspace model: where the project renders its components', () => {
  it('re-joins a component’s file when only the file rendering it changes', async () => {
    const disk = new Map([
      ['convex/messages.ts', MESSAGES],
      ['src/App.tsx', APP],
      ['src/main.tsx', main(true)],
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
    const codes = (): string[] =>
      (model.files().find((f) => f.path === 'src/App.tsx')?.findings ?? []).map((x) => x.code);

    await model.scan(FOLDER);
    await model.idle();
    assert.deepEqual(codes(), [], 'rendered only under <Authenticated>');

    analysed.length = 0;
    disk.set('src/main.tsx', main(false));
    await model.fileChanged(file('src/main.tsx'));
    await model.idle();
    assert.ok(!analysed.includes('src/App.tsx'), `not analysed again: ${analysed.join(', ')}`);
    assert.deepEqual(codes(), ['clerk-convex/query-before-auth'], 'the wrapper removed');

    disk.set('src/main.tsx', main(true));
    await model.fileChanged(file('src/main.tsx'));
    await model.idle();
    assert.deepEqual(codes(), [], 'wrapped again');

    disk.delete('src/main.tsx');
    model.fileDeleted(file('src/main.tsx').key);
    await model.idle();
    assert.deepEqual(codes(), ['clerk-convex/query-before-auth'], 'nothing known renders it');
  });
});
