// The project's Convex functions as the exercise lists them: read by the analyzer from source
// (src/analysis/convexFunctions.ts), without running anything, so the list is there before the learner chooses to
// run one, and in Restricted Mode. Here: which files count as function modules, and which function runs by default.
import type { ConvexFunctionInfo } from '../../analysis/convexFunctions';

export type ListedFunction = Pick<ConvexFunctionInfo, 'path' | 'kind' | 'visibility' | 'readsIdentity'> &
  Partial<Pick<ConvexFunctionInfo, 'hints' | 'args' | 'via'>>;

/** Files under convex/ that Convex would treat as function modules. */
export function isFunctionModule(rel: string): boolean {
  return (
    /\.(m?[jt]sx?|cjs)$/.test(rel) &&
    !/\.d\.[mc]?ts$/.test(rel) &&
    !/\.(test|spec)\.[^.]+$/.test(rel) &&
    !rel.split('/').some((part) => part.startsWith('.') || part === '_generated' || part === 'node_modules') &&
    !/(^|\/)(auth|convex)\.config\.[^.]+$/.test(rel)
  );
}

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
