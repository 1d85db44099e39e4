// A learner's Convex deployment for "Ask my deployment" tests: the exercise's Convex stand-in
// (src/exercise/convexStandIn.ts) on 127.0.0.1, authenticating with the exercise's model of Convex's authentication
// (convexAuth.ts) (Convex's rules) against an auth config pushed with one Clerk development instance, whose discovery
// and keys are answered in memory. It has one public query, `messages:list`; any other path gets Convex's
// function-lookup error.
import { startConvexStandIn, type ConvexStandIn } from '../../src/exercise/convexStandIn';
import { createIssuer, type Issuer } from '../../src/exercise/issuer';
import { listMessages, SAMPLE_USERS } from '../../src/exercise/messages';
import { createConvexAuth } from '../../src/exercise/convexAuth';
import { createMemoryTransport } from '../../src/exercise/transports';

/** The Clerk development instance of the sample's publishable key (sample/.env.local). */
export const ISSUER = 'https://exotic-crab-75.clerk.accounts.dev';
/** Pushed to the deployment too, but its discovery document cannot be fetched from where the deployment runs. */
export const UNREACHABLE_ISSUER = 'https://quiet-heron-12.clerk.accounts.dev';

export interface DeploymentStandIn {
  standIn: ConvexStandIn;
  issuer: Issuer;
  /** A valid session token of the Convex integration (aud "convex"), for the first sample user. */
  valid(overrides?: Parameters<Issuer['mintToken']>[1]): Promise<string>;
  /** The same keys, under the issuer whose discovery fails. */
  fromUnreachableIssuer(): Promise<string>;
  close(): Promise<void>;
}

export async function startDeploymentStandIn(
  pushed: { domain: string; applicationID: string }[] = [
    { domain: ISSUER, applicationID: 'convex' },
    { domain: UNREACHABLE_ISSUER, applicationID: 'convex' },
  ],
): Promise<DeploymentStandIn> {
  const issuer = await createIssuer({ issuerUrl: ISSUER });
  const model = createConvexAuth({
    providers: pushed,
    fetchImpl: createMemoryTransport(issuer),
    nowMs: Date.now,
    timeoutMs: 3000,
  });
  const standIn = await startConvexStandIn({
    authenticate: (h) => model.authenticate(h),
    run: (_kind, path, _args, identity) =>
      Promise.resolve(
        path === 'messages:list'
          ? { ok: true as const, value: listMessages(identity), logLines: [] }
          : { ok: false as const, message: `Could not find public function for '${path}'.`, logLines: [] },
      ),
  });
  return {
    standIn,
    issuer,
    // The issuer mints Clerk's bare session token; the Convex integration adds aud "convex".
    valid: (overrides) =>
      issuer.mintToken(SAMPLE_USERS[0], {
        ...overrides,
        claims: { aud: 'convex', ...overrides?.claims },
      }),
    fromUnreachableIssuer: () =>
      issuer.withUrl(UNREACHABLE_ISSUER).mintToken(SAMPLE_USERS[0], { claims: { aud: 'convex' } }),
    close: () => standIn.close(),
  };
}
