// The token panel's and the exercise's shared vocabulary. Plain JSON-serialisable data: it crosses the
// webview boundary inside the protocol messages (src/protocol/panel.ts).

/** The stages of the handoff, in the order the diagram draws them. */
export type FlowStage = 'issue' | 'attach' | 'match' | 'discover' | 'verify' | 'identity' | 'data';
export const FLOW_STAGES: readonly FlowStage[] = ['issue', 'attach', 'match', 'discover', 'verify', 'identity', 'data'];

/** The stage the flow reaches first of the two (either may be absent). */
export function earlierStage(a: FlowStage | undefined, b: FlowStage | undefined): FlowStage | undefined {
  if (!a) return b;
  if (!b) return a;
  return FLOW_STAGES.indexOf(a) <= FLOW_STAGES.indexOf(b) ? a : b;
}

export type CheckStatus = 'pass' | 'fail' | 'warn' | 'info' | 'skipped';

export interface TokenCheck {
  /** Stable id, e.g. "aud-mismatch"; tests and the walkthrough key on it. */
  id: string;
  stage: FlowStage;
  status: CheckStatus;
  /** One short line. */
  title: string;
  /** Plain explanation of what is wrong and what to do. */
  detail: string;
  /** The exact error text Convex would return at this point, when it would reject the token. */
  convexError?: string;
}

export interface NormalisedInput {
  /** The token to decode and verify; empty when the paste was refused as oversized (it is not echoed back). */
  token: string;
  /** What normalisation removed, in plain words ("the "Bearer " prefix", "3 line breaks", …). */
  removed: string[];
}

/** A claim ready to display: the raw JSON value plus what the panel says about it. */
export interface ClaimView {
  name: string;
  value: unknown;
  /** Short explanation of the claim ("Subject: the Clerk user ID"). */
  explanation?: string;
  /** True for the claims Convex reads itself (`sub`, `iss`, `aud`, `exp`, `iat`, `nbf`). */
  standard?: boolean;
  /** For time claims: ISO date and a relative phrase computed at decode time ("expires in 42 s"). */
  time?: { iso: string; relative: string };
  /** The whole value as JSON text, when it is too big or too deep to be shown in full (for "Copy value"). */
  full?: string;
}

/**
 * `session-template-path`: a Clerk session token whose `aud` is not exactly the string "convex" (an array, another
 * name); ConvexProviderWithClerk then asks for the "convex" JWT template instead of sending it.
 * `convex-deployment`: signed by a Convex deployment itself (`ctx.auth.signJwt`, ES256), not by Clerk.
 */
export type ClerkMode =
  'integration' | 'template' | 'session-without-aud' | 'session-template-path' | 'convex-deployment' | 'unknown';

export interface TokenReport {
  input: NormalisedInput;
  /** Missing when the input could not be decoded at all; `checks` then says why. */
  header?: Record<string, unknown>;
  claims?: ClaimView[];
  checks: TokenCheck[];
  /** First stage at which Convex would reject the token (the animation stops there), if any. */
  failedStage?: FlowStage;
  /** The error Convex would return first for this token (Convex's own text), when it would reject it. */
  convexError?: string;
  /** What `ctx.auth.getUserIdentity()` would return, when the token would be accepted locally. */
  identity?: Record<string, unknown>;
  clerkMode: ClerkMode;
  /**
   * Invisible, bidi and control characters found in the decoded header and claims. In `header`, `claims` and
   * `identity` every such character is already replaced by a visible `[U+202E]` marker, so text renders as
   * what it is; this list says where they were.
   */
  hiddenCharacters: HiddenCharacter[];
}

export interface HiddenCharacter {
  /** Where: "header.kid", "claims.name", "claims.org.__proto__[2]". */
  path: string;
  /** "U+202E". */
  codePoint: string;
  /** "right-to-left override". */
  name: string;
}

/** A provider from auth.config with its domain resolved as far as the workspace allows. */
export interface ResolvedProvider {
  /** The domain value, when known (literal, or read from a local env file). */
  domain?: string;
  /** When the domain comes from an env var: its name, and the local file that sets it (if any). */
  envVar?: { name: string; file?: string };
  applicationID?: string;
  /** `customJwt` providers are printed and matched differently (`domain` then holds their `issuer`). */
  type?: 'oidc' | 'customJwt';
  /** A customJwt provider's `jwks` URL and `algorithm`, when known. */
  jwks?: string;
  /** A customJwt provider's `algorithm` ("RS256" or "ES256"), when it is a literal. */
  algorithm?: string;
}

export interface AnalyseOptions {
  /** Providers from the workspace's convex/auth.config; absent when the workspace has none. */
  providers?: ResolvedProvider[];
  /** Frontend API host decoded from the Clerk publishable key, e.g. "exotic-crab-75.clerk.accounts.dev". */
  publishableKeyHost?: string;
  nowMs: number;
}
