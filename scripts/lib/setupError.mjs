// A set-up problem the user can act on: the scripts print its message alone, without a stack trace.
export class SetupError extends Error {}
