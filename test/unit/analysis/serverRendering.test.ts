import assert from 'node:assert/strict';
import { applyEdits } from '../../../src/analysis/edits';
import { assertFixesResolve, codes, only } from './helpers';

const page = (call: string, extraImport = ''): string => `import { auth } from "@clerk/nextjs/server";
import { preloadQuery, fetchQuery, fetchMutation } from "convex/nextjs";
import { api } from "@/convex/_generated/api";
${extraImport}
export default async function Page() {
  const { userId } = await auth();
  const data = await ${call};
  return <Tasks data={data} userId={userId} />;
}
`;

describe('analysis: server rendering without the Clerk token (server-token)', () => {
  for (const call of [
    'preloadQuery(api.tasks.list, {})',
    'fetchQuery(api.tasks.list)',
    'fetchMutation(api.tasks.add, { text: "x" })',
    'fetchQuery(api.tasks.list, {}, {})',
  ]) {
    it(`flags ${call} and offers both token sources`, () => {
      const text = page(call);
      const [f] = only('app/page.tsx', text, 'server-token');
      assert.equal(f?.severity, 'warning');
      assert.match(f?.message ?? '', /runs on the server, where no ConvexProviderWithClerk attaches the Clerk token/);
      assert.equal(f?.fixes.length, 2);
      const fixed = assertFixesResolve('app/page.tsx', text, 'server-token');
      assert.match(fixed[0] ?? '', /token: \(await \(await auth\(\)\)\.getToken\(\)\) \?\? undefined/);
      assert.match(fixed[1] ?? '', /getToken\(\{ template: "convex" \}\)/);
      for (const t of fixed) assert.deepEqual(codes('app/page.tsx', t), []);
    });
  }

  it('reads a reference written with optional chaining (api.tasks?.list) as api.tasks.list (tenth fresh check D40)', () => {
    const [f] = only('app/page.tsx', page('preloadQuery(api.tasks?.list, {})'), 'server-token');
    assert.match(f?.message ?? '', /api\.tasks\.list/);
  });

  it('adds the auth import when the file uses another @clerk/nextjs/server export', () => {
    const text = page('fetchQuery(api.tasks.list, {})')
      .replace('import { auth } from "@clerk/nextjs/server";', 'import { currentUser } from "@clerk/nextjs/server";')
      .replace('const { userId } = await auth();', 'const userId = (await currentUser())?.id;');
    const fix = only('app/page.tsx', text, 'server-token')[0]?.fixes[0];
    const fixed = applyEdits(text, fix?.edits ?? []);
    assert.match(fixed, /import \{ currentUser, auth \} from "@clerk\/nextjs\/server";/);
  });

  it('sees aliased imports (fetchQuery as convexFetch)', () => {
    const text = `import { auth } from "@clerk/nextjs/server";
import { fetchQuery as convexFetch } from "convex/nextjs";
export async function GET() {
  return Response.json(await convexFetch(api.tasks.list, {}));
}
`;
    assert.equal(only('app/api/tasks/route.ts', text, 'server-token').length, 1);
  });

  it('near misses: the token passed (shorthand or spread options), no Clerk on the server, client-side fetchQuery from another package', () => {
    assert.deepEqual(
      codes('app/page.tsx', page('preloadQuery(api.tasks.list, {}, { token })', 'const token = "t";')),
      [],
    );
    assert.deepEqual(
      codes('app/page.tsx', page('preloadQuery(api.tasks.list, {}, { token: await getAuthToken() })')),
      [],
    );
    assert.deepEqual(codes('app/page.tsx', page('fetchQuery(api.tasks.list, {}, options)')), []);
    assert.deepEqual(
      codes(
        'app/page.tsx',
        `import { fetchQuery } from "convex/nextjs";\nexport default async function P() { return await fetchQuery(api.public.list); }\n`,
      ),
      [],
    );
    assert.deepEqual(
      codes(
        'app/page.tsx',
        `import { auth } from "@clerk/nextjs/server";\nimport { fetchQuery } from "./lib/fetch";\nexport default async function P() { await auth(); return await fetchQuery(api.public.list); }\n`,
      ),
      [],
    );
  });
});

// December 2026: Convex's docs call getToken() with no template on the server since February 2026, which works only
// with Clerk's Convex integration; an app on the "convex" JWT template needs getToken({ template: "convex" }).
describe('analysis: server-token names the template for template-mode apps', () => {
  it('says which getToken call fits which Clerk setup', () => {
    const [f] = only('app/page.tsx', page('fetchQuery(api.tasks.list, {})'), 'server-token');
    assert.match(f?.message ?? '', /getToken\(\{ template: "convex" \}\) if your app uses the "convex" JWT template/);
    assert.match(f?.message ?? '', /getToken\(\) with no template only when Clerk's Convex integration is active/);
  });

  it('a file that already asks for the template gets the template first, in the message and the fixes', () => {
    const text = page(
      'fetchQuery(api.tasks.list, {})',
      'export async function other() { return (await auth()).getToken({ template: "convex" }); }',
    );
    const [f] = only('app/page.tsx', text, 'server-token');
    assert.match(f?.message ?? '', /This file asks Clerk for the "convex" JWT template/);
    assert.match(f?.fixes[0]?.title ?? '', /"convex" JWT template/);
    const fixed = assertFixesResolve('app/page.tsx', text, 'server-token');
    assert.match(
      fixed[0] ?? '',
      /token: \(await \(await auth\(\)\)\.getToken\(\{ template: "convex" \}\)\) \?\? undefined/,
    );
  });
});
