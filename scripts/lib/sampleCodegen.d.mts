export function functionModules(dir: string): string[];
export function entryPoints(ctx: unknown, dir: string): Promise<string[]>;
export function sampleCodegen(
  convexDir: string,
  functionsDir: string,
): Promise<{ version: string; modules: string[]; files: Record<string, string> }>;
