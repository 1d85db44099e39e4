// What running one of the learner's own public queries on their deployment came to, in one line: its value, the
// deployment has no such function (not pushed), the function threw, or the token was refused before it ran.
import type { DeploymentAnswer } from './answer';
import type { DeploymentCandidate } from './candidates';

export type RunOutcome = 'value' | 'function-not-found' | 'function-error' | 'rejected' | 'no-verdict';

export function runOutcome(
  answer: DeploymentAnswer,
  path: string,
  candidate: Pick<DeploymentCandidate, 'environment'>,
): { outcome: RunOutcome; line: string } {
  const push = candidate.environment === 'production' ? 'npx convex deploy' : 'npx convex dev';
  switch (answer.kind) {
    case 'value':
      return { outcome: 'value', line: `${path} ran as the token's user and returned the value below.` };
    case 'function-not-found':
      return {
        outcome: 'function-not-found',
        line: `The deployment has no public function ${path}: the token was accepted, but your functions are not pushed there (run ${push}), or ${path} is internal.`,
      };
    case 'function-error':
      return {
        outcome: 'function-error',
        line: answer.redacted
          ? `${path} ran as the token's user and threw; this deployment hides error texts (production): its logs in the Convex dashboard have the message.`
          : `${path} ran as the token's user and threw the error above (a missing argument shows here as an ArgumentValidationError).`,
      };
    case 'rejected':
    case 'discovery-failed':
      return { outcome: 'rejected', line: `The token was refused before ${path} ran.` };
    default:
      return {
        outcome: 'no-verdict',
        line: answer.kind === 'unknown' ? answer.detail : `The request was refused (${answer.code}).`,
      };
  }
}
