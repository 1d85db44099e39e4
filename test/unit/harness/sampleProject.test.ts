// The practice project reads like a real one: pinned packages with their lockfile, and convex/_generated
// committed as Convex projects do, listing exactly the sample's function modules.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { analyse } from '../../../src/analysis/analyse';

const sample = path.resolve(__dirname, '..', '..', '..', 'sample');
const read = (f: string) => fs.readFileSync(path.join(sample, f), 'utf8');

describe('the sample project as a real project', () => {
  const manifest = JSON.parse(read('package.json')) as {
    name: string;
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };
  const lock = JSON.parse(read('package-lock.json')) as {
    packages: Record<
      string,
      { version?: string; dependencies?: Record<string, string>; devDependencies?: Record<string, string> }
    >;
  };

  it('pins every package exactly, and its lockfile agrees with package.json', () => {
    const all = { ...manifest.dependencies, ...manifest.devDependencies };
    for (const [name, version] of Object.entries(all)) {
      assert.match(version, /^\d+\.\d+\.\d+$/, `${name} is pinned`);
      assert.equal(lock.packages[`node_modules/${name}`]?.version, version, `${name} in package-lock.json`);
    }
    assert.deepEqual(lock.packages[''].dependencies, manifest.dependencies);
    assert.deepEqual(lock.packages[''].devDependencies, manifest.devDependencies);
  });

  it('uses the current releases (December 2026): Next.js 16.5, Clerk Core 3 (@clerk/nextjs 7.9), convex 1.51', () => {
    assert.equal(manifest.dependencies.next, '16.5.0');
    assert.equal(manifest.dependencies['@clerk/nextjs'], '7.9.17');
    assert.equal(manifest.dependencies.convex, '1.51.0');
  });

  it("pins the same convex as the repository's tools (which the snippet check and the exercise use)", () => {
    // An optional dependency of the repository: it declares Node 22 (README, Which Node).
    const repo = JSON.parse(fs.readFileSync(path.join(sample, '..', 'package.json'), 'utf8')) as {
      optionalDependencies: Record<string, string>;
    };
    const fixture = JSON.parse(
      fs.readFileSync(path.join(sample, '..', 'test', 'fixtures', 'typecheck', 'package.json'), 'utf8'),
    ) as { devDependencies: Record<string, string> };
    assert.equal(repo.optionalDependencies.convex, manifest.dependencies.convex);
    assert.equal(fixture.devDependencies.convex, manifest.dependencies.convex);
    assert.equal(fixture.devDependencies.next, manifest.dependencies.next);
    assert.equal(fixture.devDependencies['@clerk/nextjs'], manifest.dependencies['@clerk/nextjs']);
  });

  it('commits convex/_generated for exactly its function modules, as `npx convex codegen` writes it', () => {
    assert.deepEqual(fs.readdirSync(path.join(sample, 'convex', '_generated')).sort(), [
      'api.d.ts',
      'api.js',
      'dataModel.d.ts',
      'server.d.ts',
      'server.js',
    ]);
    const functionModules = fs
      .readdirSync(path.join(sample, 'convex'))
      .filter((f) => /^[^.]+\.ts$/.test(f) && f !== 'schema.ts');
    assert.deepEqual(functionModules, ['messages.ts']);
    const api = read('convex/_generated/api.d.ts');
    assert.match(api, /import type \* as messages from "\.\.\/messages\.js";/);
    assert.equal([...api.matchAll(/import type \* as /g)].length, functionModules.length);
    assert.match(read('convex/_generated/dataModel.d.ts'), /import schema from "\.\.\/schema\.js";/);
    for (const f of ['server.js', 'server.d.ts'])
      assert.match(read(`convex/_generated/${f}`), /THIS CODE IS AUTOMATICALLY GENERATED/);
  });

  it('the generated files give the lesson no findings of their own', () => {
    for (const f of ['api.js', 'server.js'])
      assert.deepEqual(analyse(`convex/_generated/${f}`, read(`convex/_generated/${f}`)).findings, [], f);
  });
});
