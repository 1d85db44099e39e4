export const CODE_SERVER_VERSION: string;
export const repoRoot: string;
export const cacheRoot: string;
export { SetupError } from './setupError.mjs';
export function cleanEnv(env?: Record<string, string | undefined>): Record<string, string>;
export function ensureCodeServer(opts?: { systemPackages?: (needs: unknown[]) => unknown; lockWaitMs?: number }): {
  node: string;
  entry: string;
};
export function checkPortFree(port: number): Promise<void>;
export function freePort(): Promise<number>;
export function writeUserSettings(userDataDir: string, settings?: Record<string, unknown>): void;
