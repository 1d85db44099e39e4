// Tokens for the panel's browser checks: one well-formed Clerk-shaped token and every hostile input from the
// facts file. Built by hand (base64url of chosen bytes) so each one is exactly the malformed thing it names;
// signatures are placeholders because these checks decode and render, they do not verify.

const b64url = (bytes: Uint8Array | string): string =>
  Buffer.from(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes).toString('base64url');
const json = (o: unknown): string => b64url(JSON.stringify(o));
const SIG = b64url('not-a-real-signature-but-the-right-shape-for-a-jwt');
const ISS = 'https://exotic-crab-75.clerk.accounts.dev';

export function clerkClaims(nowS: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    azp: 'http://localhost:3000',
    exp: nowS + 3600,
    iat: nowS - 10,
    nbf: nowS - 15,
    iss: ISS,
    sid: 'sess_2abcDEF',
    sub: 'user_2abcdefGHIJKLmnop',
    aud: 'convex',
    v: 2,
    ...extra,
  };
}

export function validToken(nowS = Math.floor(Date.now() / 1000)): string {
  return `${json({ alg: 'RS256', kid: 'ins_2abc', typ: 'JWT' })}.${json(clerkClaims(nowS))}.${SIG}`;
}

export interface HostileInput {
  name: string;
  text: string;
}

export function hostileInputs(nowS = Math.floor(Date.now() / 1000)): HostileInput[] {
  const header = json({ alg: 'RS256', kid: 'ins_2abc', typ: 'JWT' });
  const withClaims = (extra: Record<string, unknown>): string => `${header}.${json(clerkClaims(nowS, extra))}.${SIG}`;
  const rawPayload = (text: string): string => `${header}.${b64url(text)}.${SIG}`;
  const deep = `${'{"a":'.repeat(20000)}1${'}'.repeat(20000)}`;
  return [
    {
      name: 'html-in-claims',
      text: withClaims({ name: '<img src=x onerror=alert(1)>', note: '</script><script>alert(2)</script>' }),
    },
    { name: 'alg-none', text: `${json({ alg: 'none', typ: 'JWT' })}.${json(clerkClaims(nowS))}.` },
    {
      name: 'hs256-with-kid',
      text: `${json({ alg: 'HS256', kid: 'ins_2abc', typ: 'JWT' })}.${json(clerkClaims(nowS))}.${SIG}`,
    },
    { name: 'jwe-five-parts', text: `${json({ alg: 'RSA-OAEP', enc: 'A256GCM' })}.${SIG}.${SIG}.${SIG}.${SIG}` },
    { name: 'two-megabytes', text: 'e'.repeat(2 * 1024 * 1024) },
    { name: 'nested-20000', text: rawPayload(deep) },
    { name: 'payload-not-json', text: rawPayload('this is not json') },
    { name: 'payload-array', text: rawPayload('[]') },
    { name: 'payload-null', text: rawPayload('null') },
    {
      name: 'payload-invalid-utf8',
      text: `${header}.${b64url(new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]))}.${SIG}`,
    },
    {
      name: 'unicode-bidi-control',
      text: withClaims({ name: '山田 太郎 🦀', org: 'evil\u202Egnp.exe', ctl: 'a\u0000b\u0007c\u200Bd' }),
    },
    {
      name: 'proto-key',
      text: rawPayload(
        `{"__proto__":{"admin":true},"sub":"user_x","iss":"${ISS}","aud":"convex","iat":${nowS},"exp":${nowS + 60}}`,
      ),
    },
    { name: 'bearer-quoted-split', text: `"Bearer ${validToken(nowS).replace(/(.{40})/g, '$1\n')}"` },
    {
      name: 'standard-base64',
      text: `${Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT' })).toString('base64')}.${Buffer.from(JSON.stringify({ sub: 'a?>b' })).toString('base64')}.ab+/cd==`,
    },
    { name: 'exp-string', text: withClaims({ exp: 'tomorrow' }) },
    { name: 'exp-1e309', text: rawPayload(`{"sub":"user_x","iss":"${ISS}","aud":"convex","iat":${nowS},"exp":1e309}`) },
    {
      name: 'iss-javascript-jku',
      text: `${json({ alg: 'RS256', typ: 'JWT', jku: 'https://attacker.example/jwks', x5u: 'https://attacker.example/x5u' })}.${json(clerkClaims(nowS, { iss: 'javascript:alert(1)' }))}.${SIG}`,
    },
    { name: 'iss-localhost', text: withClaims({ iss: 'http://localhost:8080' }) },
  ];
}
