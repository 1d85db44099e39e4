import { strict as assert } from 'node:assert';
import { authConfigSource, proposedAuthConfig } from '../../../src/snippets/authConfigTemplate';
import { readAuthConfig } from '../../../src/analysis/authConfig';

describe('auth.config template', () => {
  it('writes a TypeScript config that satisfies AuthConfig and trusts applicationID "convex"', () => {
    const ts = authConfigSource('ts');
    assert.match(ts, /^import type \{ AuthConfig \} from "convex\/server";/);
    assert.match(ts, /\} satisfies AuthConfig;\n$/);
    const info = readAuthConfig(ts, 'convex/auth.config.ts', 'file:///w/convex/auth.config.ts');
    assert.equal(info.problem, undefined);
    assert.deepEqual(
      info.providers.map((p) => [p.domain, p.applicationID]),
      [[{ kind: 'env', name: 'CLERK_JWT_ISSUER_DOMAIN' }, 'convex']],
    );
  });

  it('writes plain JavaScript for auth.config.js', () => {
    const js = authConfigSource('js');
    assert.ok(!/satisfies|import type|!,/.test(js), js);
    assert.match(js, /domain: process\.env\.CLERK_JWT_ISSUER_DOMAIN,/);
  });

  it('keeps the variable name the learner already uses and their line endings', () => {
    const existing =
      'export default {\r\n  providers: [{ domain: process.env.CLERK_FRONTEND_API_URL, applicationId: "convex" }],\r\n};\r\n';
    const proposed = proposedAuthConfig(existing, 'js');
    assert.match(proposed, /process\.env\.CLERK_FRONTEND_API_URL,/);
    assert.match(proposed, /applicationID: "convex"/);
    assert.ok(!/[^\r]\n/.test(proposed));
  });

  it('proposes the default variable for a literal domain (such as a pasted JWKS URL)', () => {
    const proposed = proposedAuthConfig(
      'export default { providers: [{ domain: "https://x.clerk.accounts.dev/.well-known/jwks.json", applicationId: "convex" }] };',
      'ts',
    );
    assert.match(proposed, /process\.env\.CLERK_JWT_ISSUER_DOMAIN!/);
    assert.ok(!proposed.includes('jwks'));
  });
});
