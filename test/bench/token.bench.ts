// Decode plus every local check (analyseToken) per pasted token, against the 0.5 ms goal.
import { SignJWT, generateKeyPair } from 'jose';
import { analyseToken } from '../../src/token';
import type { Bench } from './types';

const BATCHES = 21;
const PER_BATCH = 200;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const bench: Bench = async () => {
  const { privateKey } = await generateKeyPair('RS256');
  const now = Math.floor(Date.now() / 1000);
  const issuer = 'https://exotic-crab-75.clerk.accounts.dev';
  // A realistic Clerk session token (integration mode) with a few custom claims, pasted with a Bearer prefix.
  const token = await new SignJWT({
    azp: 'http://localhost:5173',
    fva: [0, -1],
    sid: 'sess_2abcdefghijklmnopqrstuvwxyz',
    v: 2,
    org_id: 'org_2abc',
    org_role: 'org:admin',
    name: 'Ada Lovelace',
    email: 'ada@example.com',
  })
    .setProtectedHeader({ alg: 'RS256', kid: 'ins_2abcdefghijklmnop', typ: 'JWT' })
    .setIssuer(issuer)
    .setSubject('user_2abcdefghijklmnopqrstuvw')
    .setAudience('convex')
    .setIssuedAt(now)
    .setNotBefore(now - 10)
    .setExpirationTime(now + 60)
    .sign(privateKey);
  const input = `Bearer ${token}`;
  const opts = {
    providers: [
      { domain: issuer, applicationID: 'convex', envVar: { name: 'CLERK_JWT_ISSUER_DOMAIN', file: '.env.local' } },
    ],
    publishableKeyHost: 'exotic-crab-75.clerk.accounts.dev',
    nowMs: Date.now(),
  };
  let sink = 0;
  for (let i = 0; i < 500; i++) sink += analyseToken(input, opts).checks.length;
  const perToken: number[] = [];
  for (let b = 0; b < BATCHES; b++) {
    const start = performance.now();
    for (let i = 0; i < PER_BATCH; i++) sink += analyseToken(input, opts).checks.length;
    perToken.push((performance.now() - start) / PER_BATCH);
  }
  if (sink === 0) throw new Error('analyseToken produced no checks');
  return [
    { name: 'token panel: decode + all local checks per token', value: median(perToken), unit: 'ms', budget: 0.5 },
  ];
};

export default bench;
