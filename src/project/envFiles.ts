import type { Framework } from './types';

// Which local env files the tools that matter here load during development, highest precedence first.
// Next.js (@next/env): .env.development.local, .env.local, .env.development, .env.
// Vite: .env.[mode].local, .env.[mode], .env.local, .env (mode-specific files beat .env.local).
// Convex CLI (`npx convex dev`): .env.local, then .env.
// Production files come last: they are not loaded by a dev server, but a variable set only there is still
// "in a local env file" and worth naming.

const NEXT_ORDER = ['.env.development.local', '.env.local', '.env.development', '.env'];
const VITE_ORDER = ['.env.development.local', '.env.development', '.env.local', '.env'];
const PRODUCTION_FILES = ['.env.production.local', '.env.production'];

/** Every env file name we read, in the precedence order used when the framework is unknown (Next.js's). */
export const LOCAL_ENV_FILE_NAMES: readonly string[] = [...NEXT_ORDER, ...PRODUCTION_FILES];

/** Env file names in the order the framework's dev server gives them precedence (first wins). */
export function envFilePrecedence(framework: Framework): readonly string[] {
  // TanStack Start builds on Vite; Expo's CLI loads env files in Next.js's order.
  return framework === 'vite' || framework === 'tanstack-start'
    ? [...VITE_ORDER, ...PRODUCTION_FILES]
    : LOCAL_ENV_FILE_NAMES;
}

/** True for the base name of a file that a dev server loads (not `.env.example`, `.envrc`, …). */
export function isLocalEnvFileName(baseName: string): boolean {
  return LOCAL_ENV_FILE_NAMES.includes(baseName);
}
