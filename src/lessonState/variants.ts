// Which variant of the lesson the workspace needs: the framework (Next.js or Vite) and the way Clerk hands
// Convex its token (Clerk's Convex integration, or the legacy JWT template named "convex").
import type { ProjectSnapshot } from '../project/types';
import { EXPO_KEY, JWT_TEMPLATE_KEY, TANSTACK_KEY, VITE_KEY, type LessonStep } from './keys';

/** The learner's own answer; the workspace's files cannot tell the two modes apart. */
export type ClerkModeChoice = 'integration' | 'template';

export interface LessonVariants {
  vite: boolean;
  jwtTemplate: boolean;
  /** Expo (React Native), TanStack Start: their own sandwich step. */
  expo?: boolean;
  tanstackStart?: boolean;
}

export function lessonVariants(
  project: ProjectSnapshot | undefined,
  mode: ClerkModeChoice | undefined,
): LessonVariants {
  // Next.js is the lesson's own example, so it is also the variant shown when the framework is unknown.
  const framework = project?.packages.framework;
  return {
    vite: framework === 'vite',
    jwtTemplate: mode === 'template',
    expo: framework === 'expo',
    tanstackStart: framework === 'tanstack-start',
  };
}

interface Variant {
  id: string;
  /** The context key its `when` clause reads; the base step is shown when none of its variants' keys is set. */
  key: string;
  applies: (v: LessonVariants) => boolean;
}

/**
 * Steps with other variants in package.json, in manifest order. The keys of one step's variants are never set
 * together (one framework, one Clerk mode), so exactly one of the step's entries is listed at a time.
 */
const VARIANT_STEPS: Partial<Record<LessonStep, Variant[]>> = {
  handoff: [{ id: 'handoffTemplate', key: JWT_TEMPLATE_KEY, applies: (v) => v.jwtTemplate }],
  sandwich: [
    { id: 'sandwichVite', key: VITE_KEY, applies: (v) => v.vite },
    { id: 'sandwichExpo', key: EXPO_KEY, applies: (v) => v.expo === true },
    { id: 'sandwichTanstackStart', key: TANSTACK_KEY, applies: (v) => v.tanstackStart === true },
  ],
  decodeToken: [{ id: 'decodeTokenTemplate', key: JWT_TEMPLATE_KEY, applies: (v) => v.jwtTemplate }],
};

/** The id of the step the learner can see for a lesson step, given the workspace's variants. */
export function visibleStepId(step: LessonStep, variants: LessonVariants): string {
  return VARIANT_STEPS[step]?.find((v) => v.applies(variants))?.id ?? step;
}

/** Every variant id with the step it stands for and its context key (package.json consistency is tested against this). */
export function variantStepIds(): { step: LessonStep; id: string; key: string }[] {
  return Object.entries(VARIANT_STEPS).flatMap(([step, list]) =>
    (list ?? []).map((v) => ({ step: step as LessonStep, id: v.id, key: v.key })),
  );
}

/**
 * Whether the workspace is a Clerk or Convex project at all. Only then is it worth analysing its source files
 * for the lesson; in any other repository the walkthrough stays out of the way.
 */
export function usesClerkOrConvex(project: ProjectSnapshot): boolean {
  return (
    project.packages.convexRange !== undefined ||
    project.packages.clerkSdks.length > 0 ||
    project.authConfigs.length > 0
  );
}
