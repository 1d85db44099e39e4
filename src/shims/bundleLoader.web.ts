// The web-worker build bundles every part in (nothing to load from disk), so there is no code cache to keep.
export function setCodeCacheDir(_dir: string | undefined): void {}
