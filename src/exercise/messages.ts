// The sample app's data: a messages table, and the `messages.list` query that reads it the way a Convex query
// would, scoped to the caller's identity.
import type { SampleUser } from './types';

export interface Message {
  author: string;
  body: string;
}

export const SAMPLE_USERS: readonly SampleUser[] = [
  { id: 'user_2aLice7Kd9QpX4mZ', name: 'Alice Martin', email: 'alice@example.com' },
  { id: 'user_2bBob3Hq8VwN1tRy', name: 'Bob Okafor', email: 'bob@example.com' },
  { id: 'user_2cChen5Ws2LmP6xJ', name: 'Chen Wei', email: 'chen@example.com' },
];

const MESSAGES: readonly Message[] = [
  { author: SAMPLE_USERS[0].id, body: 'Remember to push auth.config with npx convex dev.' },
  { author: SAMPLE_USERS[1].id, body: 'Lunch at noon?' },
  { author: SAMPLE_USERS[0].id, body: 'The token expires after 60 seconds; the client refreshes it.' },
  { author: SAMPLE_USERS[2].id, body: 'Draft: release notes for Friday.' },
  { author: SAMPLE_USERS[1].id, body: 'Bought the concert tickets.' },
];

/**
 * `messages.list`: `const identity = await ctx.auth.getUserIdentity(); if (!identity) return [];` then only
 * the caller's own messages.
 */
export function listMessages(identity: { subject: string } | null): Message[] {
  if (!identity) return [];
  return MESSAGES.filter((m) => m.author === identity.subject).map((m) => ({ ...m }));
}
