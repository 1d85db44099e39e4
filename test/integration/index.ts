// Placeholder until the integration harness lands.
export async function run(): Promise<void> {}
