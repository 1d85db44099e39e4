// Where the product quotes Convex about an unset auth.config variable, it quotes convex 1.48+'s push verbatim:
// "Environment variable X is used in auth config file but its value was not set." (src/cli/lib/config.ts).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { authConfigEnvUnset } from '../../../src/project/convexPushTexts';
import { only } from '../analysis/helpers';

const root = path.resolve(__dirname, '..', '..', '..');

describe('Convex’s push text for an unset auth.config variable', () => {
  it('is the installed convex CLI’s text, variable name and full stop included', () => {
    const cli = fs.readFileSync(path.join(root, 'node_modules', 'convex', 'src', 'cli', 'lib', 'config.ts'), 'utf8');
    // The CLI builds it as `Environment variable ${bold(name)} is used in auth config file but ` + `its value…`.
    const built =
      /`Environment variable \$\{chalkStderr\.bold\(\s*variableName,?\s*\)\} (is used in auth config file but )` \+ `(its value was not set\.)`/.exec(
        cli,
      );
    assert.ok(built, 'the CLI still builds the message this way');
    assert.equal(
      authConfigEnvUnset('CLERK_JWT_ISSUER_DOMAIN'),
      `Environment variable CLERK_JWT_ISSUER_DOMAIN ${built[1]}${built[2]}`,
    );
  });

  it('is what auth-config-env-hidden quotes', () => {
    const text = `export default { providers: [{ domain: process.env.CLERK_FRONTEND_API_URL ?? "YOUR_CLERK_ISSUER_URL", applicationID: "convex" }] };`;
    const [f] = only('convex/auth.config.ts', text, 'auth-config-env-hidden');
    assert.ok(f);
    assert.ok(f.message.includes(`"${authConfigEnvUnset('CLERK_FRONTEND_API_URL')}"`), f.message);
  });

  it('no product text quotes it without its full stop (the pre-1.48 wording)', () => {
    const texts = [
      fs.readFileSync(path.join(root, 'l10n', 'bundle.l10n.json'), 'utf8'),
      fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8'),
      fs.readFileSync(path.join(root, 'README.md'), 'utf8'),
      fs.readFileSync(path.join(root, 'docs', 'reference.md'), 'utf8'),
    ];
    for (const t of texts) assert.doesNotMatch(t, /is used in auth config file but its value was not set(?!\.)/);
  });
});
