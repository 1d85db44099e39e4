// Which variant of the lesson the workspace needs: the framework (Next.js or Vite) and the way Clerk hands
// Convex its token (Clerk's Convex integration, or the legacy JWT template named "convex").
import type { ProjectSnapshot } from '../project/types';
import type { LessonStep } from './keys';

/** The learner's own answer; the workspace's files cannot tell the two modes apart. */
export type ClerkModeChoice = 'integration' | 'template';

export interface LessonVariants {
  vite: boolean;
  jwtTemplate: boolean;
}

export function lessonVariants(project: ProjectSnapshot | undefined, mode: ClerkModeChoice | undefined): LessonVariants {
  // Next.js is the lesson's own example, so it is also the variant shown when the framework is unknown.
  return { vite: project?.packages.framework === 'vite', jwtTemplate: mode === 'template' };
}

/**
 * Steps with a second variant in package.json, and the id of that variant. Each pair is guarded by opposite
 * `when` clauses, so exactly one of the two is listed at a time.
 */
const VARIANT_STEPS: Partial<Record<LessonStep, { id: string; applies: (v: LessonVariants) => boolean }>> = {
  handoff: { id: 'handoffTemplate', applies: (v) => v.jwtTemplate },
  sandwich: { id: 'sandwichVite', applies: (v) => v.vite },
  decodeToken: { id: 'decodeTokenTemplate', applies: (v) => v.jwtTemplate },
};

/** The id of the step the learner can see for a lesson step, given the workspace's variants. */
export function visibleStepId(step: LessonStep, variants: LessonVariants): string {
  const variant = VARIANT_STEPS[step];
  return variant && variant.applies(variants) ? variant.id : step;
}

/** Every variant id with the step it stands for (package.json consistency is tested against this). */
export function variantStepIds(): { step: LessonStep; id: string }[] {
  return Object.entries(VARIANT_STEPS).map(([step, v]) => ({ step: step as LessonStep, id: v.id }));
}

/**
 * Whether the workspace is a Clerk or Convex project at all. Only then is it worth analysing its source files
 * for the lesson; in any other repository the walkthrough stays out of the way.
 */
export function usesClerkOrConvex(project: ProjectSnapshot): boolean {
  return project.packages.convexRange !== undefined || project.packages.clerkSdks.length > 0 || project.authConfigs.length > 0;
}
