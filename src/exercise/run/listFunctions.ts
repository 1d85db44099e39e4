// The project's Convex functions as the exercise lists them: read by the analyzer from source
// (src/analysis/convexFunctions.ts), without running anything, so the list is there before the learner chooses to
// run one, and in Restricted Mode. Here: which function runs by default (which files
// are modules is the workspace's one file policy, src/project/sourceFiles.ts).
import type { ConvexFunctionInfo } from '../../analysis/convexFunctions';

export type ListedFunction = Pick<ConvexFunctionInfo, 'path' | 'kind' | 'visibility' | 'readsIdentity'> &
  Partial<Pick<ConvexFunctionInfo, 'hints' | 'args' | 'via'>>;

/** What "Run it" runs unless the learner picks another: a public query reading identity, `messages:list` first. */
export function defaultFunction(fns: readonly ListedFunction[]): ListedFunction | undefined {
  const runnable = fns.filter((f) => f.visibility === 'public' && f.kind !== 'httpAction');
  return (
    runnable.find((f) => f.path === 'messages:list') ??
    runnable.find((f) => f.kind === 'query' && f.readsIdentity) ??
    runnable.find((f) => f.kind === 'query') ??
    runnable[0]
  );
}
