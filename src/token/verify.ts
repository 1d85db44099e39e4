// What Convex does with the network, run only when the user asks: discovery and keys from the token's own `iss`
// (fetchKeys.ts), then the signature (signature.ts), all within one deadline of `timeoutMs` (deadline.ts). Every
// URL passes the gate (verifyGate.ts); `jku`/`x5u` are never fetched. The exercise's model of Convex's
// authentication (convexAuth.ts) runs the same steps.
import { ALLOWED_ALGORITHMS, CONVEX_ERRORS, isIssuerUrl } from './convexRules';
import { Deadline } from './deadline';
import { decodeJsonObject } from './decode';
import { describeValue } from './display';
import { fetchKeys } from './fetchKeys';
import { normaliseToken } from './normalise';
import { checkSignature } from './signature';
import type { TokenCheck } from './types';
import { Failure, fail, transportFailure } from './verifyFailure';
import { Gate } from './verifyGate';
import type { PublicJwk, VerifyOptions } from './verifyOptions';

export async function verifySignature(token: string, opts: VerifyOptions): Promise<TokenCheck[]> {
  const input = signatureInput(normaliseToken(token).token);
  if (!input.ok) return [input.check];
  const deadline = new Deadline(opts.timeoutMs);
  try {
    const found = await findKeys(input.iss, opts, deadline);
    if (!found.keys) return found.checks;
    try {
      return [
        ...found.checks,
        ...(await deadline.race(checkSignature(input.token, input.alg, input.kid, found.keys, deadline.signal))),
      ];
    } catch (err) {
      return [...found.checks, transportFailure(err, opts.timeoutMs, input.iss)];
    }
  } finally {
    deadline.dispose();
  }
}

export type SignatureInput =
  { ok: true; token: string; alg: string; kid: unknown; iss: string } | { ok: false; check: TokenCheck };

/** What can be refused before any request: unreadable tokens, disallowed algorithms, no issuer URL. */
export function signatureInput(token: string): SignatureInput {
  try {
    const parts = token.split('.');
    const header = parts.length === 3 ? decodeJsonObject(parts[0]) : undefined;
    const payload = parts.length === 3 ? decodeJsonObject(parts[1]) : undefined;
    if (!header?.ok || !payload?.ok) {
      throw fail(
        'verify-input',
        'match',
        'The token cannot be decoded',
        'Fix what the local checks report first: a signature can only be checked on a readable header.payload.signature token.',
        CONVEX_ERRORS.parse,
      );
    }
    const alg = Object.hasOwn(header.value, 'alg') ? header.value.alg : undefined;
    if (typeof alg !== 'string' || !ALLOWED_ALGORITHMS.includes(alg) || parts[2] === '') {
      const hmac = typeof alg === 'string' && /^HS\d+$/.test(alg);
      throw fail(
        'verify-algorithm',
        'verify',
        hmac ? `${alg} is never checked against public keys` : 'Not an RS256 or EdDSA signature',
        hmac
          ? `${alg} uses a shared secret. Checking it with the issuer's public key would let anyone holding that (public) key forge tokens, so it is refused, as Convex refuses it.`
          : `The header says alg ${describeValue(alg ?? null)}${parts[2] === '' ? ' and the signature is empty' : ''}. Convex only accepts RS256 and EdDSA.`,
        CONVEX_ERRORS.verify,
      );
    }
    const iss = Object.hasOwn(payload.value, 'iss') ? payload.value.iss : undefined;
    if (typeof iss !== 'string' || !isIssuerUrl(iss)) {
      throw fail(
        'verify-input',
        'match',
        'No issuer URL to ask for keys',
        "The keys come from the token's own issuer (iss), which must be an https URL.",
        iss === undefined ? CONVEX_ERRORS.missingIssuer : CONVEX_ERRORS.oidcParse,
      );
    }
    return { ok: true, token, alg, kid: Object.hasOwn(header.value, 'kid') ? header.value.kid : undefined, iss };
  } catch (err) {
    if (err instanceof Failure) return { ok: false, check: err.check };
    throw err;
  }
}

/** Checks `discovery`, `discovery-issuer` and `jwks` alone, for an issuer without a token. Never throws. */
export async function discoverKeys(
  iss: string,
  opts: VerifyOptions,
): Promise<{ checks: TokenCheck[]; keys?: PublicJwk[] }> {
  const deadline = new Deadline(opts.timeoutMs);
  try {
    return await findKeys(iss, opts, deadline);
  } finally {
    deadline.dispose();
  }
}

async function findKeys(
  iss: string,
  opts: VerifyOptions,
  deadline: Deadline,
): Promise<{ checks: TokenCheck[]; keys?: PublicJwk[] }> {
  const checks: TokenCheck[] = [];
  try {
    const gate = new Gate(iss, opts, deadline);
    const keys = await deadline.race(fetchKeys(iss, opts, gate, deadline.signal, checks));
    return { checks, keys };
  } catch (err) {
    checks.push(err instanceof Failure ? err.check : transportFailure(err, opts.timeoutMs, iss));
    return { checks };
  }
}
