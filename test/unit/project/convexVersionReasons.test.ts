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
  const texts = [
    ['token panel', CONVEX_ISSUE_REASONS['new-session-missed']],
    // The diagnostic's text is localised: the bundle holds every vscode.l10n.t message (l10nBundle.test.ts).
    ...Object.keys(bundle)
      .filter((m) => m.startsWith('ConvexProviderWithClerk before convex 1.42.2'))
      .map((m) => ['diagnostic', m]),
  ];

  it('name the users without an organization (convex-js #171) and Clerk’s 404', () => {
    assert.equal(texts.length, 2, texts.map(([w]) => w).join(', '));
    for (const [where, text] of texts) {
      assert.match(text, /no Clerk organization/, where);
      assert.match(text, /convex-js #171/, where);
      assert.match(text, /No JWT template exists with name: convex/, where);
    }
  });

  it('do not tie the failure to Expo alone', () => {
    for (const [where, text] of texts) assert.doesNotMatch(text, /common on Expo/, where);
  });
});
