// Command ids the Lesson Checks view links to; registered at activation (register.ts), used by the view's items.
export const FOLLOW_CHECK_COMMAND = 'clerkConvex.lesson.followCheck';
export const CHOOSE_MODE_COMMAND = 'clerkConvex.lesson.chooseClerkMode';
/** Used by the walkthrough's "show the other variant" links, which pass the mode as their argument. */
export const USE_MODE_COMMAND = 'clerkConvex.lesson.useClerkMode';
/** The step buttons that follow the project's state (stepActions.ts, issuerVariable.ts) and the closing recap. */
export const NEST_PROVIDERS_COMMAND = 'clerkConvex.lesson.nestProviders';
export const GATE_ON_CONVEX_AUTH_COMMAND = 'clerkConvex.lesson.gateOnConvexAuth';
export const ISSUER_COMMAND = 'clerkConvex.lesson.issuerCommand';
export const RECAP_COMMAND = 'clerkConvex.recap';
