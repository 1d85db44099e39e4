// Cross-file findings do not depend on the order the files are scanned in (crossFileOrder.ts). A few random orders
// here; test/system/workspace/crossFileOrder.test.ts runs many more.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { FILES, fileAt, fixedPoint, scannedInOrder, scanOrderProperty, seen } from './crossFileOrder';

describe('workspace model: cross-file findings do not depend on the order of the scan and of edits', function () {
  this.timeout(60_000);

  it('random scan orders, late analyses and edits end at the fixed point of the final files', async () => {
    await fc.assert(scanOrderProperty, { numRuns: 10 });
  });

  // The property's first counterexample: app/page.tsx takes its query from useMessages(), imported under the
  // tsconfig alias `@hooks/*`. Analysed before hooks/useMessages.ts was indexed, it sent no query the analysis
  // could see and was marked as taking nothing from other files (the pre-filter knows `@/`, not `@hooks/`, and
  // no hook names were indexed yet), so the hook's arrival never checked it again: no query-before-auth finding,
  // where the other order gives one.
  it('a page scanned before the hook it imports under a tsconfig alias gets the hook’s query-before-auth finding', async () => {
    const paths = ['app/page.tsx', 'hooks/useMessages.ts', 'convex/messages.ts'];
    const disk = new Map(paths.map((p) => [p, FILES[p][0]]));
    for (const order of [paths, [...paths].reverse()]) {
      const model = await scannedInOrder(disk, order);
      const page = model.files().find((f) => f.path === 'app/page.tsx');
      assert.deepEqual(
        page?.findings.map((f) => f.code),
        ['clerk-convex/query-before-auth'],
        `scanned ${order.join(' > ')}`,
      );
      assert.deepEqual(seen(model.files()), fixedPoint(disk));
    }
  });

  // The property's second counterexample: a component of the project that calls Convex on mount changes what it
  // calls (components/Board.tsx, messages.list to notes.mine) once the index is quiet. The Clerk gate around it in
  // components/Sidebar.tsx names the call in its message, but the index's key of other files' exports held only
  // the component's name, so the sidebar was never analysed again and kept naming the old query.
  it('a Clerk gate around a project component is checked again when what that component calls changes', async () => {
    const paths = ['components/Board.tsx', 'components/Sidebar.tsx'];
    const disk = new Map(paths.map((p) => [p, FILES[p][0]]));
    const model = await scannedInOrder(disk, paths);
    const sidebar = (): string =>
      model.files().find((f) => f.path === 'components/Sidebar.tsx')?.findings[0]?.message ?? '';
    assert.match(sidebar(), /<Board> \(useQuery\(api\.messages\.list\) in components\/Board\.tsx\)/);
    disk.set('components/Board.tsx', FILES['components/Board.tsx'][1]);
    await model.fileChanged(fileAt('components/Board.tsx'));
    await model.idle();
    assert.match(sidebar(), /<Board> \(useQuery\(api\.notes\.mine\) in components\/Board\.tsx\)/);
    assert.deepEqual(seen(model.files()), fixedPoint(disk));
  });

  // The join of render sites: src/App.tsx (rendered by the framework, were nothing else known) is rendered by
  // src/main.tsx under <Authenticated>, whichever of the three files comes first; without the wrapper it is not.
  it('a component rendered only under <Authenticated> in another file has no query-before-auth, in any scan order', async () => {
    const paths = ['src/App.tsx', 'src/main.tsx', 'convex/messages.ts'];
    for (const gated of [0, 1]) {
      const disk = new Map(paths.map((p) => [p, FILES[p][p === 'src/main.tsx' ? gated : 0]]));
      for (const order of [paths, [...paths].reverse()]) {
        const model = await scannedInOrder(disk, order);
        const app = model.files().find((f) => f.path === 'src/App.tsx');
        assert.deepEqual(
          app?.findings.map((f) => f.code),
          gated === 0 ? [] : ['clerk-convex/query-before-auth'],
          `scanned ${order.join(' > ')}`,
        );
        assert.deepEqual(seen(model.files()), fixedPoint(disk));
      }
    }
  });
});
