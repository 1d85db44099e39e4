// How a step of verification stops: with the failed check it produces (`Failure`), or with a timeout or network
// error that becomes the `timeout` or `network` check.
import { discoveryError } from './convexRules';
import { Timeout } from './deadline';
import { networkCause } from './networkCause';
import type { TokenCheck } from './types';

export class Failure extends Error {
  constructor(readonly check: TokenCheck) {
    super(check.title);
  }
}

export function fail(
  id: string,
  stage: TokenCheck['stage'],
  title: string,
  detail: string,
  convexError?: string,
): Failure {
  return new Failure({ id, stage, status: 'fail', title, detail, ...(convexError ? { convexError } : {}) });
}

export function transportFailure(err: unknown, timeoutMs: number, iss: string): TokenCheck {
  const convexError = discoveryError(iss);
  if (err instanceof Timeout || (err instanceof Error && err.name === 'AbortError')) {
    return {
      id: 'timeout',
      stage: 'discover',
      status: 'fail',
      convexError,
      title: 'The issuer did not answer in time',
      detail: `No complete answer within ${timeoutMs / 1000} s. The issuer may be down or unreachable from here.`,
    };
  }
  return {
    id: 'network',
    stage: 'discover',
    status: 'fail',
    convexError,
    title: 'The issuer could not be reached',
    detail: `The request failed (${networkCause(err)}). Check the issuer URL and your network connection.`,
  };
}
