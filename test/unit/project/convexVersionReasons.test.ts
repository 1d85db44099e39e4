// The reasons the convex-version rule and the token panel give (December 2026 facts): releases up to 1.42.1 also
// broke sign-in for users in no Clerk organization (convex-js #171), on the web as on Expo, not only on Expo.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { CONVEX_ISSUE_REASONS } from '../../../src/project/convexVersions';

const bundle = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'l10n', 'bundle.l10n.json'), 'utf8'),
) as Record<string, string>;

describe('convex versions before 1.42.2: the reasons given', () => {
  it('name the users without an organization (convex-js #171) and Clerk’s 404', () => {
    const text = CONVEX_ISSUE_REASONS['new-session-missed'];
    assert.match(text, /no Clerk organization/);
    assert.match(text, /convex-js #171/);
    assert.match(text, /No JWT template exists with name: convex/);
  });

  it('do not tie the failure to Expo alone', () => {
    for (const text of Object.values(CONVEX_ISSUE_REASONS)) assert.doesNotMatch(text, /common on Expo/);
  });

  // The diagnostic and the token panel both show src/project/convexVersions.ts's sentences. A second copy in an
  // adapter would be a vscode.l10n.t message, and the bundle holds every one of those (l10nBundle.test.ts).
  it('are written once, in the core: no adapter message repeats why a release breaks sign-in', () => {
    const copies = Object.keys(bundle).filter((m) => /^ConvexProviderWithClerk (in|before) convex \d/.test(m));
    assert.deepEqual(copies, []);
  });
});
