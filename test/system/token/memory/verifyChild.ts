// Run in a child process by memory.test.ts and the bench: one warm-up verification against a good issuer, then
// one against `argv[3]`, printing the process's peak RSS before and after (KiB) and the checks as JSON.
// `argv[2]` is the token module to load, so the same script measures the old code in a temporary clone.
import { generateKeyPair, SignJWT } from 'jose';

interface TokenModule {
  verifySignature(
    token: string,
    opts: { timeoutMs: number; allowInsecureHttp?: boolean },
  ): Promise<{ id: string; status: string; title: string; detail: string }[]>;
}

async function main(): Promise<void> {
  const [modulePath, goodIss, hostileIss] = process.argv.slice(2);
  // require, not import(): tsx/cjs compiles the module tree on the fly, TypeScript files included.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { verifySignature } = require(modulePath) as TokenModule;
  const { privateKey } = await generateKeyPair('RS256');
  const sign = (iss: string) =>
    new SignJWT({ sub: 'user_1', aud: 'convex' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k', typ: 'JWT' })
      .setIssuer(iss)
      .setIssuedAt()
      .setExpirationTime('1m')
      .sign(privateKey);
  // The loopback servers speak plain http, so the gate is off here: this measures the body limits alone.
  await verifySignature(await sign(goodIss), { timeoutMs: 10_000, allowInsecureHttp: true });
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.resourceUsage().maxRSS;
  const started = performance.now();
  const checks = await verifySignature(await sign(hostileIss), { timeoutMs: 20_000, allowInsecureHttp: true });
  const ms = performance.now() - started;
  const after = process.resourceUsage().maxRSS;
  process.stdout.write(JSON.stringify({ beforeKiB: before, afterKiB: after, ms, checks }));
}

main().catch((err: unknown) => {
  process.stdout.write(JSON.stringify({ error: String(err) }));
  process.exitCode = 1;
});
