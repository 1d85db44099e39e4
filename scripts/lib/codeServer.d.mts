export const CODE_SERVER_VERSION: string;
export const repoRoot: string;
export const cacheRoot: string;
export class SetupError extends Error {}
export function ensureCodeServer(): { node: string; entry: string };
export function checkPortFree(port: number): Promise<void>;
export function freePort(): Promise<number>;
export function writeUserSettings(userDataDir: string, settings?: Record<string, unknown>): void;
