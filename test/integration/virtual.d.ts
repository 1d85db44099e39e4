declare module 'virtual:integration-tests' {
  export const testFiles: Record<string, () => unknown>;
}
