// The exercise's model: an issuer standing in for Clerk, a request, and a server standing in for Convex.
import type { CheckStatus, FlowStage } from '../token/types';
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

export interface HandoffModel {
  users: SampleUser[];
  /** The `iss` the exercise's tokens carry (the learner's own domain when auth.config gives one). */
  issuerUrl: string;
  /** The loopback address really serving discovery and JWKS (http transport only). */
  serverUrl?: string;
  transport: 'http' | 'memory';
  /** The provider the server model matches tokens against, and where it came from. */
  provider: { domain: string; applicationID: string; source: 'auth.config' | 'exercise' };
  runScenario(id: ScenarioId, userId?: string): Promise<ScenarioRun>;
  /** A valid session token for a sample user, as the "valid" scenario issues it. */
  mintValid(userId: string): Promise<string>;
  /** Convex's checks for an Authorization header value, up to the identity a function would get. */
  authenticate(authorization: string | undefined): Promise<AuthOutcome>;
  close(): Promise<void>;
}

/** Convex's `code` on a rejected request: 401 for the token, 400 for a header that is not a bearer token at all. */
export type AuthErrorCode = 'NoAuthProvider' | 'InvalidAuthHeader' | 'Unauthenticated' | 'InvalidAdminKey';

export type AuthOutcome =
  | { stages: StageResult[]; identity: RunIdentity | null }
  | { stages: StageResult[]; rejected: { status: 400 | 401; code: AuthErrorCode; message: string } };
