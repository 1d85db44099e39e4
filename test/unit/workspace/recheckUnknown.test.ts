// A re-check that could not tell (a busy machine, a worker restarted for another file) must not drop the file: what
// other files take from it (a provider component) would go with it, and their verdicts would pass on nothing.
// Seen in the real VS Code under load: the sample's ConvexClientProvider.tsx was dropped from the index and
// app/layout.tsx then read as a correct sandwich.
import assert from 'node:assert/strict';
import { WorkspaceModel } from '../../../src/workspace/model';
import { diskIO, fileAt as file, FOLDER } from './diskIO';

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
  return <html><body><ConvexClientProvider><ClerkProvider>{children}</ClerkProvider></ConvexClientProvider></body></html>;
}
`;
// A second provider component arriving later changes what every Clerk file was checked against: all are re-checked.
const OTHER = PROVIDER.replace('ConvexClientProvider', 'OtherProvider');

describe('workspace model: a re-check that could not tell', () => {
  it('keeps the file it had, so files that take its provider component keep their findings', async () => {
    const disk = new Map([
      ['components/ConvexClientProvider.tsx', PROVIDER],
      ['app/layout.tsx', LAYOUT],
    ]);
    let busy = false;
    const model = new WorkspaceModel(
      // The machine too busy for the provider's re-check: the worker gave no answer in time.
      diskIO(disk, (f) =>
        busy && f.path.startsWith('components/') ? { kind: 'unknown', reason: 'the machine was too busy' } : undefined,
      ),
      { facts: () => undefined, inputs: () => undefined, identity: () => undefined },
    );
    const order = () =>
      model
        .files()
        .find((f) => f.path === 'app/layout.tsx')
        ?.findings.some((x) => x.code === 'clerk-convex/provider-order');

    await model.scan(FOLDER);
    await model.idle();
    assert.equal(order(), true, 'the reversed nesting is found once the provider component is indexed');

    busy = true;
    disk.set('app/OtherProvider.tsx', OTHER);
    await model.fileChanged(file('app/OtherProvider.tsx'));
    await model.idle();

    const paths = model.files().map((f) => f.path);
    assert.ok(paths.includes('components/ConvexClientProvider.tsx'), `still indexed: ${paths.join(', ')}`);
    assert.equal(order(), true, 'the layout keeps its finding');
    assert.deepEqual(
      model.unmeasured().map((u) => u.path),
      ['components/ConvexClientProvider.tsx'],
      'and the provider is reported as not measured this time',
    );
  });
});
