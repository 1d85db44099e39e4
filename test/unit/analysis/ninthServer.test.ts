import assert from 'node:assert/strict';
import { applyEdits } from '../../../src/analysis/edits';
import type { AnalysisContext, IdentityFunction } from '../../../src/analysis/types';
import { assertParses, codes, only, project } from './helpers';

// Issue 23's ninth fresh check: server-side token mistakes it missed (M5).

function identityFunction(
  exportName: string,
  kind: IdentityFunction['kind'],
  path = 'convex/queries.ts',
): NonNullable<AnalysisContext['identityFunctions']>[number] {
  return {
    exportName,
    kind,
    start: 0,
    end: 1,
    position: { line: 0, character: 0, endLine: 0, endCharacter: 1 },
    without: 'returns-nothing',
    path,
  };
}

const NEXT = project({ packages: { framework: 'next', clerkSdks: ['@clerk/nextjs'] } });
const known: AnalysisContext = {
  project: NEXT,
  identityFunctions: [identityFunction('getUserPatterns', 'query')],
  projectHasIdentityFunctions: true,
};

const route = (client: string, body: string, auth = 'import { auth } from "@clerk/nextjs/server";'): string => `${auth}
import { ConvexHttpClient } from "convex/browser";
import { api } from "@/convex/_generated/api";
${client}
export async function POST(req: Request) {
  const { userId } = await auth();
  if (!userId) return Response.json({ error: "Unauthorized" }, { status: 401 });
${body}
  return Response.json({ patterns });
}
`;
const ROUTE = 'app/api/generate-meta/route.ts';
const MODULE_CLIENT = 'const convex = new ConvexHttpClient(process.env.NEXT_PUBLIC_CONVEX_URL!);';

describe("analysis: the ninth check's server-token misses", () => {
  describe('a ConvexHttpClient in a Next.js route never given the token (M5a)', () => {
    it('flags a call of a function that needs a user through a module-scope client, and says to make it per request', () => {
      const text = route(MODULE_CLIENT, '  const patterns = await convex.query(api.queries.getUserPatterns);');
      const [f] = only(ROUTE, text, 'server-token', known);
      assert.ok(f, codes(ROUTE, text, known).join(','));
      assert.equal(text.slice(f.start, f.end), 'convex.query');
      assert.match(f.message, /never given Clerk's token/);
      assert.match(f.message, /api\.queries\.getUserPatterns needs a signed-in user/);
      assert.match(f.message, /made at module scope and shared by every request/);
      assert.deepEqual(f.fixes, []);
    });
    it('a client made in the handler gets a fix that hands it the token with setAuth', () => {
      const text = route(
        '',
        '  const convex = new ConvexHttpClient(process.env.NEXT_PUBLIC_CONVEX_URL!);\n  const patterns = await convex.query(api.queries.getUserPatterns, {});',
      );
      const [f] = only(ROUTE, text, 'server-token', known);
      assert.ok(f);
      assert.equal(f.fixes.length, 2);
      for (const fix of f.fixes) {
        const fixed = applyEdits(text, fix.edits);
        assertParses(ROUTE, fixed);
        assert.match(fixed, /convex\.setAuth\(token\)/);
        assert.deepEqual(only(ROUTE, fixed, 'server-token', known), [], fixed);
      }
    });
    it('near misses: setAuth called, a function not known to need a user, no function index, an auth option', () => {
      const body = '  const patterns = await convex.query(api.queries.getUserPatterns);';
      const quiet: [string, string, AnalysisContext][] = [
        [ROUTE, route(MODULE_CLIENT, `  convex.setAuth((await (await auth()).getToken())!);\n${body}`), known],
        [
          ROUTE,
          route(
            MODULE_CLIENT,
            '  const patterns = await convex.query(api.queries.getUserByClerkId, { clerkId: userId });',
          ),
          known,
        ],
        [ROUTE, route(MODULE_CLIENT, body), { project: NEXT }],
        [
          ROUTE,
          route(
            'const convex = new ConvexHttpClient(process.env.NEXT_PUBLIC_CONVEX_URL!, { auth: process.env.T });',
            body,
          ),
          known,
        ],
      ];
      for (const [file, text, context] of quiet) assert.deepEqual(only(file, text, 'server-token', context), [], text);
    });
  });
});
