import type { GateReason } from './addressGate';
import type { GetOptions } from './boundedGet';

export interface VerifyOptions {
  timeoutMs: number;
  fetchImpl?: typeof fetch;
  /**
   * The exercise's own loopback issuer and tests: no gate at all (http and loopback allowed). Never set for a
   * pasted token; the panel passes `ask` instead.
   */
  allowInsecureHttp?: boolean;
  /**
   * Asked for every URL the gate would not fetch on its own (http, a private or loopback host by name, literal or
   * by what it resolves to). Without it such URLs are refused. Time spent waiting for the answer is not counted
   * against `timeoutMs`.
   */
  ask?: (request: GateRequest) => Promise<boolean>;
  /** Resolver for host names (tests stand in a rebinding name). */
  resolve?: GetOptions['resolve'];
}

export interface GateRequest {
  url: string;
  what: 'discovery document' | 'key set (JWKS)';
  reasons: GateReason[];
  /** When the name resolved to a private address at connect time: that address. */
  address?: string;
}

export type PublicJwk = Record<string, unknown>;
