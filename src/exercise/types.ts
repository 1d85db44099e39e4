// The exercise's model: an issuer standing in for Clerk, a request, and a server standing in for Convex.
import type { CheckStatus, FlowStage, ResolvedProvider } from '../token/types';
import type { RunIdentity } from './run/protocol';

export type ScenarioId =
  'anonymous' | 'valid' | 'expired' | 'wrong-audience' | 'wrong-issuer' | 'tampered' | 'unknown-key';
export const SCENARIOS: readonly ScenarioId[] = [
  'anonymous',
  'valid',
  'expired',
  'wrong-audience',
  'wrong-issuer',
  'tampered',
  'unknown-key',
];

export interface SampleUser {
  /** Clerk-shaped user id, e.g. "user_2abc…". */
  id: string;
  name: string;
  email: string;
}

export interface HandoffRequest {
  method: 'POST';
  url: string;
  headers: Record<string, string>;
  /** Convex's HTTP API body: `{ path, format: "convex_encoded_json", args: [{…}] }`. */
  body: { path: string; format?: 'convex_encoded_json'; args: [Record<string, unknown>] | Record<string, unknown> };
}

export interface StageResult {
  stage: FlowStage;
  status: CheckStatus;
  label: string;
  detail: string;
}

export interface HandoffResponse {
  status: number;
  body: unknown;
  /** Convex's error text when the request was rejected. */
  error?: string;
}

export interface ScenarioRun {
  scenario: ScenarioId;
  user?: SampleUser;
  /** The token as issued (absent for the anonymous request). */
  token?: string;
  request: HandoffRequest;
  stages: StageResult[];
  response: HandoffResponse;
}

/** Where the issuer's URL came from: the publishable key, the auth.config domain's origin, or nowhere (assumed). */
export type IssuerSource = 'publishable-key' | 'auth.config' | 'assumed';

export interface HandoffModel {
  users: SampleUser[];
  /** The `iss` of the exercise's tokens: the learner's Clerk Frontend API URL (or the assumed one). */
  issuerUrl: string;
  issuerSource: IssuerSource;
  /** How Clerk issues the tokens: its Convex integration (session token) or the `convex` JWT template. */
  mode: 'integration' | 'template';
  /** The loopback address really serving discovery and JWKS for the issuer's host (http transport only). */
  serverUrl?: string;
  transport: 'http' | 'memory';
  /** What the stand-in deployment has: the learner's providers unchanged, none, or the official one. */
  deployment: {
    providers: ResolvedProvider[];
    source: 'auth.config' | 'push-failed' | 'official';
    /** What the exercise assumed about values only the deployment knows (a domain set there, an expression). */
    assumptions: string[];
    /** Why the push would fail (`verbatim`: Convex's own text), when it would. */
    pushProblem?: { text: string; verbatim: boolean };
  };
  /** The stand-in deployment's URL (started on first use): 127.0.0.1 over HTTP, a reserved name in memory. */
  deploymentUrl(): Promise<string>;
  /** One request of the real ConvexHttpClient to the stand-in deployment. */
  runScenario(id: ScenarioId, userId?: string): Promise<ScenarioRun>;
  /** A valid token for a sample user, as the "valid" scenario issues it. */
  mintValid(userId: string): Promise<string>;
  /** Convex's checks for an Authorization header value, up to the identity a function would get. */
  authenticate(authorization: string | undefined): Promise<AuthOutcome>;
  close(): Promise<void>;
}

/** Convex's `code` on a rejected request, e.g. NoAuthProvider, InvalidAuthHeader, Unauthenticated, InvalidAdminKey. */
export type AuthErrorCode = string;

export type AuthOutcome =
  | { stages: StageResult[]; identity: RunIdentity | null }
  | { stages: StageResult[]; rejected: { status: number; code: AuthErrorCode; message: string } };
