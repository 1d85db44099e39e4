export function buildAndPackage(): string;
export function withBuildLock<T>(fn: () => T): T;
