import path from 'node:path';
import { build } from 'esbuild';

/** The real Node worker entry (src/bundles/analysisWorker.ts) bundled to `outfile` with its analyzer inlined. */
export async function buildAnalysisWorker(outfile: string): Promise<void> {
  await build({
    entryPoints: [path.resolve(__dirname, '../../../src/bundles/analysisWorker.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'es2022',
    outfile,
    logLevel: 'silent',
  });
}
