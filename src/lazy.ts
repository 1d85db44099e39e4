// The heavy pure parts load on first use: the Babel parser with the analyzer (dist/analysis.js) and jose with the
// token checks (dist/crypto.js). In the Node build scripts/build.mjs turns these imports into a plain require() of
// the sibling file; the browser build bundles them in (there is no file system to load from).
export type AnalysisBundle = typeof import('./bundles/analysis');
export type CryptoBundle = typeof import('./bundles/crypto');

let analysis: Promise<AnalysisBundle> | undefined;
let crypto: Promise<CryptoBundle> | undefined;

export function loadAnalysis(): Promise<AnalysisBundle> {
  return (analysis ??= import('./bundles/analysis').catch((err: unknown) => {
    analysis = undefined; // the next caller tries again
    throw err;
  }));
}

export function loadCrypto(): Promise<CryptoBundle> {
  return (crypto ??= import('./bundles/crypto').catch((err: unknown) => {
    crypto = undefined;
    throw err;
  }));
}
