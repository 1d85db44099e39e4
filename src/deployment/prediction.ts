// The panel's own prediction for a decoded token, in the terms of Convex's HTTP answer: accepted, refused with
// this code and text, or "cannot tell" from the local files. Small and pure: the panel shows it before any
// deployment is asked.
import { CONVEX_ERRORS } from '../token/convexRules';
import type { TokenCheck } from '../token/types';
import type { AuthCode } from './answer';

export type PredictedCode = AuthCode | 'AuthProviderDiscoveryFailed';

export type Prediction =
  /** Nothing local stops the token; `signatureChecked`: Verify Signature ran and passed. */
  | { kind: 'accept'; signatureChecked: boolean }
  | { kind: 'reject'; code: PredictedCode; message: string }
  /** The local files cannot tell: no auth.config, or its domain comes from a variable set only on the deployment. */
  | { kind: 'uncertain'; why: 'no-config' | 'env-unknown' };

/** Which code Convex's HTTP API gives each of its auth texts (crates/authentication/src/lib.rs). */
export function codeOfConvexError(error: string): PredictedCode {
  if (error === CONVEX_ERRORS.verify) return 'Unauthenticated';
  if (error.startsWith('No auth provider found')) return 'NoAuthProvider';
  if (error.startsWith('Auth provider discovery')) return 'AuthProviderDiscoveryFailed';
  return 'InvalidAuthHeader';
}

/**
 * The prediction from the local checks (and Verify Signature's, when it ran). `convexError` is the report's: the
 * first error Convex would give.
 */
export function predictionOf(
  checks: readonly TokenCheck[],
  convexError: string | undefined,
  verified: readonly TokenCheck[] | undefined,
): Prediction {
  const verifyFailure = verified?.find((c) => c.status === 'fail' && c.convexError);
  const error = convexError ?? verifyFailure?.convexError;
  if (error) return { kind: 'reject', code: codeOfConvexError(error), message: error };
  const issuerMatch = checks.find((c) => c.id === 'issuer-match');
  if (!issuerMatch || issuerMatch.status === 'skipped') return { kind: 'uncertain', why: 'no-config' };
  if (issuerMatch.status === 'warn') return { kind: 'uncertain', why: 'env-unknown' };
  return {
    kind: 'accept',
    signatureChecked: verified !== undefined && verified.length > 0 && !verified.some((c) => c.status === 'fail'),
  };
}
