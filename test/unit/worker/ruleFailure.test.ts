import assert from 'node:assert/strict';
import { analyse } from '../../../src/analysis/analyse';

// Provider nesting (providers rule) and an un-awaited getUserIdentity (identity rule) in one file.
const TEXT = `import { ClerkProvider, useAuth } from "@clerk/nextjs";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import { ConvexReactClient } from "convex/react";
import { query } from "./_generated/server";
const convex = new ConvexReactClient("https://x.convex.cloud");
export function P({ children }) {
  return <ConvexProviderWithClerk client={convex} useAuth={useAuth}><ClerkProvider>{children}</ClerkProvider></ConvexProviderWithClerk>;
}
export const q = query({ handler: async (ctx) => { const identity = ctx.auth.getUserIdentity(); if (!identity) return null; return identity.subject; } });
`;

describe('a rule that throws (analyse)', () => {
  it('drops only its own findings and reports which rule failed', () => {
    const whole = analyse('app/p.tsx', TEXT);
    const codes = whole.findings.map((f) => f.code);
    assert.ok(codes.includes('clerk-convex/provider-order'), codes.join(','));
    assert.ok(codes.includes('clerk-convex/identity-not-awaited'), codes.join(','));
    assert.equal(whole.ruleErrors, undefined);

    const broken = analyse('app/p.tsx', TEXT, { failRule: 'identity' });
    const left = broken.findings.map((f) => f.code);
    assert.ok(left.includes('clerk-convex/provider-order'), 'the providers rule still reports');
    assert.ok(!left.some((c) => c.startsWith('clerk-convex/identity')), left.join(','));
    assert.deepEqual(
      broken.ruleErrors?.map((e) => e.rule),
      ['identity'],
    );
    assert.match(broken.ruleErrors?.[0]?.message ?? '', /identity/);
  });
});
