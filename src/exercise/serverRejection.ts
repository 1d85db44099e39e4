// The refusals of Convex's authentication as the stand-in answers them: the stage that stopped, the status, code
// and message the backend sends, and the detail the exercise shows.
export type ServerStage = 'match' | 'discover' | 'verify' | 'identity';

/** Marks a stage passed, with what the exercise shows of it. */
export type StageDone = (stage: ServerStage, detail: string) => void;

/** Statuses and codes of the errors below (errors/src/lib.rs: unauthenticated 401, bad_request 400). */
export const INTERNAL_ERROR = {
  status: 500,
  code: 'InternalServerError',
  message: "Your request couldn't be completed. Try again later.",
} as const;

/** A refusal on the way: thrown from wherever the backend would stop, answered as the HTTP error it gives. */
export class Rejection extends Error {
  constructor(
    readonly stage: ServerStage,
    readonly status: number,
    readonly code: string,
    message: string,
    readonly detail: string,
  ) {
    super(message);
  }
}

export const unauthenticated = (stage: ServerStage, code: string, message: string, detail: string): Rejection =>
  new Rejection(stage, 401, code, message, detail);
