import assert from 'node:assert/strict';
import { parseJsonc } from '../../../src/project/jsonc';
import { aliasCandidates, moduleAliasesFor, type ModuleAliases } from '../../../src/project/tsconfigPaths';

/** An in-memory workspace; also records what was read, to show lookups stop where they should. */
function files(map: Record<string, string>): { read: (p: string) => Promise<string | undefined>; reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    read: (p) => {
      reads.push(p);
      return Promise.resolve(map[p]);
    },
  };
}

async function aliasesOf(map: Record<string, string>, file: string): Promise<ModuleAliases | undefined> {
  return moduleAliasesFor(file, files(map).read);
}

async function candidates(map: Record<string, string>, file: string, specifier: string): Promise<string[]> {
  const aliases = await aliasesOf(map, file);
  assert.ok(aliases, `a config for ${file}`);
  return aliasCandidates(aliases, specifier);
}

describe('project: tsconfig/jsconfig module aliases', () => {
  it('plain paths: `@/*` maps to ./src/* relative to the config, with baseUrl absent', async () => {
    const aliases = await aliasesOf(
      { 'tsconfig.json': '{"compilerOptions":{"paths":{"@/*":["./src/*"]}}}' },
      'src/app/layout.tsx',
    );
    assert.deepEqual(aliases, { paths: { '@/*': ['./src/*'] }, pathsBase: '' });
    assert.deepEqual(aliasCandidates(aliases as ModuleAliases, '@/components/Provider'), ['src/components/Provider']);
    assert.deepEqual(aliasCandidates(aliases as ModuleAliases, 'react'), []);
  });

  // [what it shows, the workspace's files, [importing file, specifier, the module paths it may name][]]
  const CASES: [string, Record<string, string>, [string, string, string[]][]][] = [
    [
      'finds the nearest config walking up (a monorepo app), and jsconfig.json when there is no tsconfig',
      {
        'tsconfig.json': '{"compilerOptions":{"paths":{"@/*":["./*"]}}}',
        'apps/web/jsconfig.json': '{"compilerOptions":{"paths":{"@/*":["./src/*"]}}}',
      },
      [
        ['apps/web/src/app/layout.jsx', '@/x', ['apps/web/src/x']],
        ['packages/ui/a.tsx', '@/x', ['x']],
      ],
    ],
    // A baseUrl set in the child re-roots inherited paths (TypeScript resolves paths against baseUrl when set).
    [
      'extends: a relative chain; paths stay relative to the config that declared them, baseUrl to its own',
      {
        'tsconfig.base.json': '{"compilerOptions":{"paths":{"~/*":["./shared/*"]}}}',
        'apps/web/tsconfig.json': '{"extends":"../../tsconfig.base","compilerOptions":{"strict":true}}',
        'apps/site/tsconfig.json': '{"extends":"../../tsconfig.base.json","compilerOptions":{"baseUrl":"."}}',
      },
      [
        ['apps/web/app/layout.tsx', '~/providers', ['shared/providers']],
        ['apps/site/app/layout.tsx', '~/providers', ['apps/site/shared/providers', 'apps/site/~/providers']],
      ],
    ],
    [
      'extends: a package from node_modules (bare name → its tsconfig.json; a file path inside it), looked up upwards',
      {
        'node_modules/@acme/tsconfig/tsconfig.json': '{"compilerOptions":{"baseUrl":"../../../src"}}',
        'node_modules/@acme/tsconfig/nextjs.json': '{"compilerOptions":{"paths":{"#/*":["./lib/*"]}}}',
        'apps/a/tsconfig.json': '{"extends":"@acme/tsconfig"}',
        'apps/b/tsconfig.json': '{"extends":"@acme/tsconfig/nextjs"}',
      },
      [
        ['apps/a/x.tsx', 'components/P', ['src/components/P']],
        ['apps/b/x.tsx', '#/p', ['node_modules/@acme/tsconfig/lib/p']],
      ],
    ],
    [
      'an array of extends (TypeScript 5): later bases override earlier ones, the config itself overrides all',
      {
        'a.json': '{"compilerOptions":{"paths":{"@/*":["./a/*"]},"baseUrl":"./from-a"}}',
        'b.json': '{"compilerOptions":{"paths":{"@/*":["./b/*"]}}}',
        'tsconfig.json': '{"extends":["./a.json","./b.json"]}',
        'pkg/tsconfig.json': '{"extends":["../a.json","../b.json"],"compilerOptions":{"paths":{"@/*":["./own/*"]}}}',
      },
      [
        ['x.tsx', '@/p', ['from-a/b/p', 'from-a/@/p']],
        ['pkg/x.tsx', '@/p', ['from-a/own/p', 'from-a/@/p']],
      ],
    ],
  ];
  for (const [title, map, expectations] of CASES) {
    it(title, async () => {
      for (const [file, specifier, expected] of expectations)
        assert.deepEqual(await candidates(map, file, specifier), expected, `${file}: ${specifier}`);
    });
  }

  it('comments and trailing commas, as TypeScript accepts (and `//` inside a string is kept)', async () => {
    const text = `{
  // Next.js writes this one
  "compilerOptions": {
    /* the alias */ "paths": { "@/*": ["./src/*",], "u": ["http://x//y",], },
  },
}`;
    const aliases = await aliasesOf({ 'tsconfig.json': text }, 'a.ts');
    assert.deepEqual(aliases?.paths, { '@/*': ['./src/*'], u: ['http://x//y'] });
  });

  it('baseUrl only: bare specifiers resolve under it', async () => {
    assert.deepEqual(
      await candidates(
        { 'jsconfig.json': '{"compilerOptions":{"baseUrl":"src"}}' },
        'src/app/layout.jsx',
        'components/ConvexClientProvider',
      ),
      ['src/components/ConvexClientProvider'],
    );
  });

  it('several targets in order, the longest prefix wins over `*`-only patterns, an exact pattern over any wildcard', async () => {
    const aliases = await aliasesOf(
      {
        'tsconfig.json':
          '{"compilerOptions":{"paths":{"*":["./types/*"],"@/*":["./src/*","./generated/*"],"@/ui/*":["./packages/ui/*"],"@/ui/button":["./b.tsx"]}}}',
      },
      'a.ts',
    );
    const a = aliases as ModuleAliases;
    assert.deepEqual(aliasCandidates(a, '@/lib/p'), ['src/lib/p', 'generated/lib/p']);
    assert.deepEqual(aliasCandidates(a, '@/ui/card'), ['packages/ui/card']);
    assert.deepEqual(aliasCandidates(a, '@/ui/button'), ['b.tsx']);
    assert.deepEqual(aliasCandidates(a, 'react'), ['types/react']);
  });

  it('no config: undefined, after looking in each directory up to the root', async () => {
    const { read, reads } = files({});
    assert.equal(await moduleAliasesFor('a/b/c.tsx', read), undefined);
    assert.deepEqual(reads, [
      'a/b/tsconfig.json',
      'a/b/jsconfig.json',
      'a/tsconfig.json',
      'a/jsconfig.json',
      'tsconfig.json',
      'jsconfig.json',
    ]);
  });

  it('a broken config is "no config" (it is not skipped for a config further up), and never throws', async () => {
    const map = {
      'tsconfig.json': '{"compilerOptions":{"paths":{"@/*":["./*"]}}}',
      'app/tsconfig.json': '{"compilerOptions": {',
    };
    assert.equal(await aliasesOf(map, 'app/x.tsx'), undefined);
    assert.equal(await aliasesOf({ 'tsconfig.json': '[1,2]' }, 'x.tsx'), undefined);
    // Ill-typed entries are dropped, as TypeScript ignores them (with an error of its own).
    assert.deepEqual(
      await aliasesOf(
        { 'tsconfig.json': '{"compilerOptions":{"baseUrl":3,"paths":{"@/*":"./src/*","x":[1,"./y"]}}}' },
        'x.tsx',
      ),
      { paths: { x: ['./y'] }, pathsBase: '' },
    );
    const failing = (): Promise<string | undefined> => Promise.reject(new Error('EIO'));
    assert.equal(await moduleAliasesFor('x.tsx', failing), undefined);
  });

  it('a cycle of extends ends (the repeated base is ignored), and a missing base leaves the rest of the config', async () => {
    const map = {
      'tsconfig.json': '{"extends":"./b.json","compilerOptions":{"paths":{"@/*":["./src/*"]}}}',
      'b.json': '{"extends":"./tsconfig.json","compilerOptions":{"baseUrl":"lib"}}',
      'm/tsconfig.json': '{"extends":"./missing.json","compilerOptions":{"paths":{"@/*":["./s/*"]}}}',
    };
    const aliases = await aliasesOf(map, 'x.tsx');
    assert.deepEqual(aliases, { baseUrl: 'lib', paths: { '@/*': ['./src/*'] }, pathsBase: 'lib' });
    assert.deepEqual(await candidates(map, 'm/x.tsx', '@/p'), ['m/s/p']);
  });

  it('parseJsonc answers undefined for text that is not JSON, whatever it is', () => {
    for (const text of ['', '{', '/*', '"', '{"a":1,,}', '\u0000', '{"a": "unterminated}'])
      assert.equal(parseJsonc(text), undefined, text);
    assert.deepEqual(parseJsonc('\uFEFF{"a":[1,],}'), { a: [1] });
  });
});
