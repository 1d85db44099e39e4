// Before fetching keys from a token's issuer the host asks whether the address is one the user should confirm:
// a plain-http URL, or a loopback / private / intranet host that a pasted token could aim requests at. The rules
// are the gate's (addressGate.ts), so the question for `iss` and the one for `jwks_uri` never disagree.
import { urlReasons } from './addressGate';

export interface IssuerHost {
  /** The issuer is an https URL (the only kind verification fetches without asking). */
  https: boolean;
  /** The host is localhost, a loopback, private, link-local or single-label (intranet) address. */
  loopbackOrPrivate: boolean;
}

/** Undefined when `iss` is not an http(s) URL: verification refuses it without fetching, so there is nothing to ask. */
export function describeIssuerHost(iss: string): IssuerHost | undefined {
  const reasons = urlReasons(iss);
  if (!reasons) return undefined;
  return { https: !reasons.includes('not-https'), loopbackOrPrivate: reasons.some((r) => r !== 'not-https') };
}
