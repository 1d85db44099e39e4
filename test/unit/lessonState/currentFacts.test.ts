// The lesson's words against the December 2026 facts (shared reference, "Changes up to December 2026"), checked
// where the product states them: the walkthrough (package.nls.json), the localised messages, the snippets, the
// README and the reference page.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { expandSnippet } from '../../support/snippetBody';
import { analyse } from '../../../src/analysis/analyse';

const root = path.resolve(__dirname, '..', '..', '..');
const read = (f: string) => fs.readFileSync(path.join(root, f), 'utf8');
const nls = JSON.parse(read('package.nls.json')) as Record<string, string>;
type Snippets = Record<string, { prefix: string | string[]; body: string[] }>;
const snippets = (f: string) => JSON.parse(read(`snippets/${f}`)) as Snippets;
const snippet = (file: string, prefix: string) =>
  Object.values(snippets(file)).find((s) => [s.prefix].flat().includes(prefix));

const PRODUCT_TEXTS = [
  'package.nls.json',
  'l10n/bundle.l10n.json',
  'README.md',
  'docs/reference.md',
  ...fs.readdirSync(path.join(root, 'snippets')).map((f) => `snippets/${f}`),
];

describe('the lesson’s facts as of December 2026', () => {
  it('Expo: a session with pending tasks counts as signed out, and ConvexProviderWithClerk passes no option', () => {
    assert.match(nls['walkthrough.sandwichExpo.description'], /treatPendingAsSignedOut: false/);
    for (const file of ['react-ts.code-snippets', 'react-js.code-snippets'])
      assert.match(snippet(file, 'clerk-convex-provider-expo')?.body.join('\n') ?? '', /treatPendingAsSignedOut/, file);
    const provider = read('node_modules/convex/src/react-clerk/ConvexProviderWithClerk.tsx');
    assert.match(provider, /\} = useAuth\(\);/, 'the installed provider calls useAuth() without options');
  });

  it('nothing says auth.config cannot import (it is bundled at push time; Convex Auth 2.0 imports its provider)', () => {
    for (const f of PRODUCT_TEXTS)
      assert.doesNotMatch(
        read(f),
        /(cannot|can't|can not|must not|no) import|imports? (are|is) not (allowed|supported)/i,
        f,
      );
    const convexAuth = `import { convexAuthProvider } from "@convex-dev/auth/server";
import type { AuthConfig } from "convex/server";
export default { providers: [convexAuthProvider()] } satisfies AuthConfig;
`;
    assert.deepEqual(
      analyse('convex/auth.config.ts', convexAuth).findings.map((f) => f.code),
      [],
      'an auth.config that imports its provider gets no finding',
    );
  });

  it('where middleware.ts is named, proxy.ts (Clerk’s name on Next.js 16) is named too', () => {
    for (const f of PRODUCT_TEXTS) {
      const text = read(f);
      if (/middleware\.(ts|js)/.test(text)) assert.match(text, /proxy\.(ts|js)/, f);
    }
  });

  it('the server fetchQuery snippet asks for the template unless the session carries the integration’s aud', async () => {
    const body = expandSnippet(snippet('react.code-snippets', 'convex-fetch-query-clerk')?.body ?? []);
    const line = /const token = (.*);/.exec(body)?.[1];
    assert.ok(line, body);
    // The snippet's own expression, run against Clerk's auth() result in both setups.
    const tokenFor = async (sessionClaims: Record<string, unknown> | null) => {
      const asked: unknown[] = [];
      const getToken = (options?: unknown) => (asked.push(options), Promise.resolve('t'));
      await (vm.runInNewContext(`(async () => ${line})()`, { getToken, sessionClaims }) as Promise<unknown>);
      // Objects made in the other context: compared by their JSON.
      return asked.map((a) => (a === undefined ? a : (JSON.parse(JSON.stringify(a)) as unknown)));
    };
    assert.deepEqual(await tokenFor({ aud: 'convex' }), [undefined], 'integration: the session token');
    assert.deepEqual(await tokenFor({}), [{ template: 'convex' }], 'template mode: the "convex" template');
    assert.deepEqual(await tokenFor({ aud: ['convex'] }), [{ template: 'convex' }], 'aud array: as the provider does');
  });
});
