// plain-convex-provider needs evidence that Convex needs the user (issue 23, ninth check F3): an auth.config that
// names a provider, or a Convex function the index knows reads the identity. Without it, a plain ConvexProvider in a
// Clerk app (a hackathon's public task list) gets only an information hint worded on the condition; a file that does
// not use Clerk gets a warning only where a function reads the identity (an auth.config alone does not place it in a
// Clerk app: a root rendered before Clerk is wired in).
import assert from 'node:assert/strict';
import { readAuthConfig } from '../../../src/analysis/authConfig';
import type { AnalysisContext } from '../../../src/analysis/types';
import { only, project } from './helpers';

const CLERK_FILE = `import { ClerkProvider } from "@clerk/clerk-react";
import { ConvexProvider, ConvexReactClient } from "convex/react";
const convex = new ConvexReactClient(import.meta.env.VITE_CONVEX_URL);
export const Root = () => (
  <ConvexProvider client={convex}>
    <ClerkProvider publishableKey="pk"><div /></ClerkProvider>
  </ConvexProvider>
);
`;
const PLAIN_FILE = `import type { ReactNode } from "react";
import { ConvexReactClient, ConvexProvider as ConvexReactProvider } from "convex/react";
const convex = new ConvexReactClient(import.meta.env.VITE_CONVEX_URL);
export function ConvexProvider({ children }: { children: ReactNode }) {
  return <ConvexReactProvider client={convex}>{children}</ConvexReactProvider>;
}
`;
const clerkApp = project({ packages: { framework: 'vite', clerkSdks: ['@clerk/clerk-react'] } });
const configured = {
  ...clerkApp,
  authConfigs: [
    readAuthConfig(
      'export default { providers: [{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN, applicationID: "convex" }] };',
      'convex/auth.config.ts',
      'file:///p/convex/auth.config.ts',
    ),
  ],
};
const readsIdentity: Pick<AnalysisContext, 'identityFunctions'> = {
  identityFunctions: [
    {
      path: 'convex/notes.ts',
      exportName: 'mine',
      kind: 'query',
      start: 0,
      end: 0,
      position: { line: 3, character: 0, endLine: 3, endCharacter: 0 },
      without: 'throws',
    },
  ],
};
const severities = (file: string, text: string, context: AnalysisContext): string[] =>
  only(file, text, 'plain-convex-provider', context).map((f) => f.severity);

describe('analysis: plain-convex-provider wants evidence that Convex needs the user (ninth check F3)', () => {
  it('a Clerk file with nothing in the project needing the user gets an information hint (failed on main)', () => {
    const [f] = only('src/main.tsx', CLERK_FILE, 'plain-convex-provider', { project: clerkApp });
    assert.equal(f?.severity, 'information');
    assert.match(f?.message ?? '', /If your Convex functions need the signed-in user, use <ConvexProviderWithClerk/);
    assert.match(f?.message ?? '', /if they serve everyone alike, the plain provider is fine/);
    assert.doesNotMatch(f?.message ?? '', /\. Use </);
    // The switch is still offered, never applied by "Fix all".
    assert.equal(f?.fixes[0]?.mechanical, false);
  });

  it('the same file warns where an auth.config names a provider or a function reads the identity (passes on main too)', () => {
    assert.deepEqual(severities('src/main.tsx', CLERK_FILE, { project: configured }), ['warning']);
    assert.deepEqual(severities('src/main.tsx', CLERK_FILE, { project: clerkApp, ...readsIdentity }), ['warning']);
  });

  it('a file without Clerk and only an auth.config gets an information hint (failed on main)', () => {
    assert.deepEqual(severities('src/components/ConvexProvider.tsx', PLAIN_FILE, { project: configured }), [
      'information',
    ]);
  });

  it('a file without Clerk warns where a function reads the identity, and says nothing with no evidence (passes on main too)', () => {
    assert.deepEqual(
      severities('src/components/ConvexProvider.tsx', PLAIN_FILE, { project: clerkApp, ...readsIdentity }),
      ['warning'],
    );
    assert.deepEqual(severities('src/components/ConvexProvider.tsx', PLAIN_FILE, { project: clerkApp }), []);
  });
});
