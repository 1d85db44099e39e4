// The request the client sends: a query call over Convex's HTTP API (the body ConvexHttpClient sends), with or
// without the token attached.
import type { HandoffRequest } from './types';

/** A stand-in deployment address; the exercise's server model answers it without a network. */
export const EXERCISE_DEPLOYMENT_URL = 'https://your-deployment.convex.cloud';

export function buildRequest(token?: string, opts: { deploymentUrl?: string } = {}): HandoffRequest {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (token !== undefined) headers.Authorization = `Bearer ${token}`;
  return {
    method: 'POST',
    url: `${opts.deploymentUrl ?? EXERCISE_DEPLOYMENT_URL}/api/query`,
    headers,
    body: { path: 'messages:list', format: 'convex_encoded_json', args: [{}] },
  };
}
