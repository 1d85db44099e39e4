import type { BuildOptions, Plugin } from 'esbuild';
export declare const learnerConvex: Plugin;
export declare function runnerBundleOptions(
  root: string,
  opts?: { outdir?: string; outfile?: string; minify?: boolean },
): BuildOptions;
