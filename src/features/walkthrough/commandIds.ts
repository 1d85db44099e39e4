// Command ids the Lesson Checks view links to; registered at activation (register.ts), used by the view's items.
export const FOLLOW_CHECK_COMMAND = 'clerkConvex.lesson.followCheck';
export const CHOOSE_MODE_COMMAND = 'clerkConvex.lesson.chooseClerkMode';
/** Used by the walkthrough's "show the other variant" links, which pass the mode as their argument. */
export const USE_MODE_COMMAND = 'clerkConvex.lesson.useClerkMode';
