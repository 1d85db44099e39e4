export function buildAndPackage(): string;
