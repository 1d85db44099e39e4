// Heavy parts (the Babel parser, jose) live in their own bundles so activation stays cheap.
// In the Node build scripts/build.mjs turns these imports into require() of dist/analysis.js and
// dist/crypto.js, loaded on first use; the browser build bundles them in (there is no file system to load from).
export type AnalysisBundle = typeof import('./bundles/analysis');
export type CryptoBundle = typeof import('./bundles/crypto');

let analysis: Promise<AnalysisBundle> | undefined;
let crypto: Promise<CryptoBundle> | undefined;

export function loadAnalysis(): Promise<AnalysisBundle> {
  return (analysis ??= import('./bundles/analysis'));
}

export function loadCrypto(): Promise<CryptoBundle> {
  return (crypto ??= import('./bundles/crypto'));
}
