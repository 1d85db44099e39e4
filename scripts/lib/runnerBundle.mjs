// The esbuild options of the runner's child process (src/exercise/run/child.ts), shared by the build and by the
// tests that run the child as the extension does (under Node's permission model, which a TypeScript loader that
// starts esbuild processes cannot work in). The child runs the learner's functions against the learner's own
// `convex` install: convex-test's `convex/*` imports become requires resolved from their project at run time.
import path from 'node:path';

export const learnerConvex = {
  name: 'learner-convex',
  setup(build) {
    build.onResolve({ filter: /^convex(\/|$)/ }, (a) => ({ path: a.path, namespace: 'learner-convex' }));
    build.onLoad({ filter: /.*/, namespace: 'learner-convex' }, (a) => ({
      contents: `module.exports = globalThis.__clerkConvexLearnerRequire(${JSON.stringify(a.path)});`,
      loader: 'js',
    }));
  },
};

/** esbuild options for dist/ownFunctionRunner.js (or `outfile` in tests) from the repository at `root`. */
export function runnerBundleOptions(root, { outdir, outfile, minify = false } = {}) {
  return {
    bundle: true,
    minify,
    legalComments: 'none',
    logLevel: 'warning',
    target: 'es2022',
    platform: 'node',
    format: 'cjs',
    supported: { 'dynamic-import': false },
    plugins: [learnerConvex],
    ...(outfile
      ? { entryPoints: [path.join(root, 'src', 'exercise', 'run', 'child.ts')], outfile }
      : { entryPoints: { ownFunctionRunner: path.join(root, 'src', 'exercise', 'run', 'child.ts') }, outdir }),
  };
}
