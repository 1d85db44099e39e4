import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { findConvexDir } from '../../../src/project/convexDir';
import { nodeEngineNotice, nodeNoticeOf, nodeSatisfies, parseNodeVersion } from '../../../src/project/nodeEngine';
import { buildSnapshot } from '../../../src/project/snapshot';

describe('project: the installed convex and the Node on PATH', () => {
  it('reads what node --version prints', () => {
    assert.deepEqual(parseNodeVersion('v20.20.2\n'), [20, 20, 2]);
    assert.deepEqual(parseNodeVersion('22.12.0'), [22, 12, 0]);
    assert.deepEqual(parseNodeVersion('v23.0.0-nightly20240101'), [23, 0, 0]);
    assert.equal(parseNodeVersion('node: command not found'), undefined);
  });

  const cases: Array<[string, string, boolean | undefined]> = [
    ['>=22.0.0', 'v20.20.2', false],
    ['>=22.0.0', 'v22.0.0', true],
    ['>=22.0.0', 'v24.11.1', true],
    ['>=22', 'v21.99.99', false],
    ['>= 22', 'v22.1.0', true],
    ['>18.0.0', 'v18.0.0', false],
    ['>18', 'v18.5.0', false],
    ['>18', 'v19.0.0', true],
    ['^20.19.0 || >=22.12.0', 'v20.20.2', true],
    ['^20.19.0 || >=22.12.0', 'v22.11.0', false],
    ['^20.19.0 || >=22.12.0', 'v21.0.0', false],
    ['>=18 <23', 'v22.9.0', true],
    ['>=18 <23', 'v23.0.0', false],
    ['<=20', 'v20.9.0', true],
    ['<=20', 'v21.0.0', false],
    ['22.x', 'v22.3.0', true],
    ['22.x', 'v23.0.0', false],
    ['~22.3', 'v22.3.9', true],
    ['~22.3', 'v22.4.0', false],
    ['*', 'v12.0.0', true],
    ['', 'v12.0.0', true],
    ['18 - 22', 'v20.0.0', undefined],
    ['>=lts', 'v20.0.0', undefined],
    ['>=22', 'not a version', undefined],
  ];
  for (const [range, version, expected] of cases) {
    it(`engines "${range}" with node ${version}: ${String(expected)}`, () =>
      assert.equal(nodeSatisfies(range, version), expected));
  }

  it('places the notice on the convex dependency and suggests the next major that fits', () => {
    const text = '{\n  "dependencies": {\n    "convex": "^1.49.0",\n    "next": "16.0.0"\n  }\n}\n';
    const notice = nodeEngineNotice(text, { version: '1.49.0', enginesNode: '>=22.0.0' }, 'v20.20.2\n');
    assert.ok(notice);
    assert.equal(text.slice(notice.start, notice.end), '^1.49.0');
    assert.deepEqual(
      { ...notice, start: undefined, end: undefined },
      {
        convexVersion: '1.49.0',
        required: '>=22.0.0',
        found: 'v20.20.2',
        suggestedMajor: 22,
        start: undefined,
        end: undefined,
      },
    );
  });

  it('says nothing when Node fits or the range is not read', () => {
    assert.equal(nodeEngineNotice('{}', { version: '1.49.0', enginesNode: '>=22.0.0' }, 'v22.12.0'), undefined);
    assert.equal(nodeEngineNotice('{}', { version: '1.49.0', enginesNode: '18 - 22' }, 'v16.0.0'), undefined);
  });

  it('still notices without a convex entry in that package.json (a monorepo root), unplaced', () => {
    const notice = nodeEngineNotice('{"workspaces":["apps/*"]}', { version: '1.49.0', enginesNode: '>=22' }, 'v18.0.0');
    assert.ok(notice);
    assert.equal(notice.start, undefined);
    assert.equal(notice.suggestedMajor, 22);
  });

  it('reads the sample as installed: the pinned convex (1.51) with its real engines field, under Node 20', () => {
    const root = path.join(__dirname, '../../..');
    const installed = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/convex/package.json'), 'utf8')) as {
      version: string;
      engines: { node: string };
    };
    const pkg = { path: 'package.json', text: fs.readFileSync(path.join(root, 'sample/package.json'), 'utf8') };
    const snapshot = buildSnapshot({
      folderUri: 'file:///w',
      files: [pkg],
      layout: findConvexDir({ packageJsons: [pkg], convexJsons: [] }),
      uriOf: (p) => `file:///w/${p}`,
      convexInstalled: installed.version,
      convexEnginesNode: installed.engines.node,
      nodeVersion: 'v20.20.2',
    });
    assert.equal(snapshot.packages.convexEnginesNode, installed.engines.node);
    const notice = nodeNoticeOf(snapshot, pkg.text);
    assert.ok(notice, `convex ${installed.version} declares ${installed.engines.node}`);
    assert.equal(
      pkg.text.slice(notice.start, notice.end),
      (JSON.parse(pkg.text) as { dependencies: { convex: string } }).dependencies.convex,
    );
    assert.equal(nodeNoticeOf({ ...snapshot, nodeVersion: 'v24.11.1' }, pkg.text), undefined);
    const { nodeVersion: _dropped, ...unprobed } = snapshot;
    assert.equal(nodeNoticeOf(unprobed, pkg.text), undefined, 'no probe (untrusted or web): no claim');
  });
});
