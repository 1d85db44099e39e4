import assert from 'node:assert/strict';
import type * as t from '@babel/types';
import { analyseParsed } from '../../../src/analysis/analyse';
import { parseSource } from '../../../src/analysis/parse';
import { walk } from '../../../src/analysis/traverse';
import { only } from '../../unit/analysis/helpers';

// Analysis must cost a bounded number of visits per node: inputs that double in size may at most double its
// time. It is timed in CPU time against a plain walk of the same tree (linear by construction, and slowed by the
// same machine load), so the test asserts a ratio of ratios, never a wall-clock limit. A quadratic rule doubles the
// ratio at each step.

const SIZE_CAP = 512 * 1024;
const STEPS = 6; // 16 KB … 512 KB
const RUNS = 5;
/** Allowed growth of (analysis / walk) over all five doublings: linear stays near 1, quadratic reaches 32. */
const TOTAL_SLACK = 2.5;
/** Allowed growth of (analysis / walk) from one size to the next: linear stays near 1, quadratic nears 2. */
const STEP_SLACK = 1.8;

/**
 * CPU time of this thread (microseconds) where Node can tell it, else of the process: other work on the machine
 * stretches wall-clock time (the thread waits for a core) but not the CPU time the analysis itself spends.
 */
const cpuNow: () => number = (() => {
  const thread = (process as { threadCpuUsage?: () => NodeJS.CpuUsage }).threadCpuUsage?.bind(process);
  const read = thread ?? ((): NodeJS.CpuUsage => process.cpuUsage());
  return () => {
    const u = read();
    return u.user + u.system;
  };
})();

function timed(fn: () => void, reps: number): number {
  const start = cpuNow();
  for (let r = 0; r < reps; r++) fn();
  return Math.max(1, cpuNow() - start);
}

/** Repeats `unit(i)` between `head` and `tail` until the text reaches `bytes`. */
function grow(bytes: number, head: string, unit: (i: number) => string, tail: string): string {
  const parts = [head];
  let length = head.length + tail.length;
  for (let i = 0; length < bytes; i++) {
    const u = unit(i);
    parts.push(u);
    length += u.length;
  }
  parts.push(tail);
  return parts.join('');
}

/**
 * Median over RUNS back-to-back pairs of (analysis / one plain walk) of the same parsed tree: load on the
 * machine slows both halves of a pair alike. The trees are parsed beforehand and have had time to age: a fresh
 * tree is copied by the collector whenever the analysis allocates, a cost that jumps once with the size of the
 * young generation, and that is not the rules' doing. (No forced collection: changing V8's flags in-process
 * would make V8 reject the code caches another suite checks.) Small inputs run more often, so every timing is
 * about as long.
 */
function costRatio(fileName: string, text: string, file: t.File): number {
  const reps = Math.max(1, Math.round(SIZE_CAP / text.length));
  let nodes = 0;
  const ratios: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const baseline = timed(
      () =>
        walk(file.program, {
          enter: () => {
            nodes++;
          },
        }),
      reps,
    );
    ratios.push(timed(() => analyseParsed(fileName, text, file), reps) / baseline);
  }
  assert.ok(nodes > 0);
  return ratios.sort((x, y) => x - y)[RUNS >> 1];
}

function assertLinear(fileName: string, make: (bytes: number) => string): void {
  const sizes = Array.from({ length: STEPS }, (_, i) => SIZE_CAP >> (STEPS - 1 - i));
  const texts = sizes.map(make);
  for (const text of texts) assert.ok(text.length <= SIZE_CAP + 400, 'inputs stay under the size cap');
  const files = texts.map((text) => parseSource(fileName, text) as t.File);
  assert.ok(files.every(Boolean), 'Babel reads every input');
  for (let i = 0; i < 2; i++) costRatio(fileName, texts[0], files[0]); // warm the JIT first
  const ratios = [costRatio(fileName, texts[0], files[0])];
  const seen: string[] = [];
  for (let i = 1; i < texts.length; i++) {
    // A step measured on a loaded machine may be off once (both sizes are measured again); a super-linear rule
    // is off every time.
    let growth = Infinity;
    for (let attempt = 0; attempt < 3 && growth > STEP_SLACK; attempt++) {
      if (attempt > 0) ratios[i - 1] = costRatio(fileName, texts[i - 1], files[i - 1]);
      ratios[i] = costRatio(fileName, texts[i], files[i]);
      growth = ratios[i] / ratios[i - 1];
    }
    seen.push(`${Math.round(sizes[i] / 1024)} KB: ×${growth.toFixed(2)}`);
    assert.ok(
      growth <= STEP_SLACK,
      `analysis/walk grew ×${growth.toFixed(2)} from ${sizes[i - 1]} to ${sizes[i]} bytes (${seen.join(', ')})`,
    );
  }
  // The whole range, like each step, measured again when it is off: load that stretched one end is gone the next
  // time, a rule whose cost per node grows with the input is off every time.
  const last = texts.length - 1;
  let total = ratios[last] / ratios[0];
  for (let attempt = 1; attempt < 3 && total > TOTAL_SLACK; attempt++) {
    ratios[0] = costRatio(fileName, texts[0], files[0]);
    ratios[last] = costRatio(fileName, texts[last], files[last]);
    total = ratios[last] / ratios[0];
  }
  assert.ok(total <= TOTAL_SLACK, `analysis/walk grew ×${total.toFixed(2)} from 16 KB to 512 KB (${seen.join(', ')})`);
}

const handler = (name: string): string => `import { query } from "./_generated/server";
export const ${name} = query({
  args: {},
  handler: async (ctx) => {
    let total = 0;
`;
const handlerEnd = '    return total;\n  },\n});\n';

describe('analysis: cost grows linearly with the input, up to the size cap', function () {
  this.timeout(120_000);

  it('identity rule: one handler with thousands of distinct getUserIdentity() declarations, each checked and read', () => {
    assertLinear('convex/many.ts', (bytes) =>
      grow(
        bytes,
        handler('many'),
        (i) => `    const identity${i} = await ctx.auth.getUserIdentity();
    if (identity${i} === null) throw new Error("Not authenticated");
    total += identity${i}.subject.length + (identity${i}.email ?? "").length;
`,
        handlerEnd,
      ),
    );
  });

  it('identity rule: the same name declared again in sibling blocks, with unchecked and wrong-field reads', () => {
    assertLinear('convex/shadow.ts', (bytes) =>
      grow(
        bytes,
        handler('shadow'),
        (i) => `    {
      const identity = await ctx.auth.getUserIdentity();
      if (${i % 2 === 0 ? '!identity' : 'identity == null'}) continue;
      total += identity.tokenIdentifier.length + identity.userId;
    }
`,
        handlerEnd,
      ),
    );
  });

  it('identity rule: many && chains testing the identity again and again', () => {
    assertLinear('convex/chain.ts', (bytes) => {
      const head = `${handler('chain')}    const identity = await ctx.auth.getUserIdentity();\n`;
      return grow(bytes, head, () => `    if (identity${' && identity.subject'.repeat(40)}) total++;\n`, handlerEnd);
    });
  });

  it('scan and rules: many components with hooks, gates, providers and clients', () => {
    const head = `import { ClerkProvider, SignedIn, useAuth } from "@clerk/clerk-react";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import { ConvexReactClient, useQuery, Authenticated } from "convex/react";
`;
    assertLinear('src/many.tsx', (bytes) =>
      grow(
        bytes,
        head,
        (i) => `function Page${i}() {
  const convex${i} = new ConvexReactClient(import.meta.env.VITE_CONVEX_URL);
  const { isSignedIn } = useAuth();
  const rows = useQuery(api.messages.list, isSignedIn ? {} : "skip");
  return <ClerkProvider publishableKey="pk"><ConvexProviderWithClerk client={convex${i}} useAuth={useAuth}><SignedIn><Authenticated><Row data={rows} /></Authenticated></SignedIn></ConvexProviderWithClerk></ClerkProvider>;
}
`,
        '',
      ),
    );
  });

  it('clerk-gate: many components whose Clerk state gates effects, ternaries and rendered query results', () => {
    const head = `import { SignInButton, SignedIn, useUser } from "@clerk/nextjs";
import { useEffect } from "react";
import { useMutation, useQuery } from "convex/react";
`;
    assertLinear('app/feed.tsx', (bytes) =>
      grow(
        bytes,
        head,
        (i) => `function useSync${i}() {
  const { isSignedIn, user } = useUser();
  const store = useMutation(api.users.store);
  useEffect(() => { if (isSignedIn && user) void store({ name: user.fullName }); }, [isSignedIn, user, store]);
  return isSignedIn;
}
export function Feed${i}() {
  const signedIn = useSync${i}();
  const rows = useQuery(api.rows.list);
  if (!signedIn) return <SignInButton />;
  return <main>{signedIn ? <ul>{rows?.map((r) => <li key={r._id}>{r.name}</li>)}</ul> : null}<SignedIn><Feed${i + 1} /></SignedIn></main>;
}
`,
        '',
      ),
    );
  });

  it('identity-from-args: many public functions reading and writing rows by a user id argument', () => {
    const head = `import { v } from "convex/values";
import { mutation, query } from "./_generated/server";
`;
    assertLinear('convex/users.ts', (bytes) =>
      grow(
        bytes,
        head,
        (i) => `export const get${i} = query({
  args: { userId: v.string() },
  handler: async (ctx, args) => {
    const row = await ctx.db.query("rows").withIndex("by_user", (q) => q.eq("userId", args.userId)).first();
    if (!row || row.ownerId !== args.userId) return null;
    return row;
  },
});
export const set${i} = mutation({
  args: { userId: v.string(), name: v.string() },
  handler: async (ctx, { userId, name }) => {
    await ctx.db.insert("rows", { userId, name, index: ${i} });
  },
});
`,
        '',
      ),
    );
  });

  it('identity helpers: many helpers, each calling the one before, and handlers awaiting them', () => {
    const head = `import { mutation, query } from "./_generated/server";
export async function helper0(ctx) {
  const identity = await ctx.auth.getUserIdentity();
  if (identity === null) return null;
  return identity;
}
`;
    assertLinear('convex/helpers.ts', (bytes) =>
      grow(
        bytes,
        head,
        (i) => `export async function helper${i + 1}(ctx) {
  const user = await helper${i}(ctx);
  if (!user) throw new Error("Unauthenticated ${i}");
  return user;
}
export const list${i} = query({ args: {}, handler: async (ctx) => { const me = await helper${i + 1}(ctx); return me.subject; } });
export const open${i} = mutation({ args: {}, handler: async (ctx) => { await ctx.db.insert("rows", { i: ${i} }); } });
`,
        '',
      ),
    );
  });

  it('hook chains and calls after setActive(): many hooks calling the one before, pages and sign-up handlers', () => {
    const head = `"use client";
import { useSignUp } from "@clerk/nextjs";
import { useMutation, useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";
function useHook0() { return useQuery(api.tasks.mine); }
`;
    assertLinear('app/page.tsx', (bytes) =>
      grow(
        bytes,
        head,
        (
          i,
        ) => `function useHook${i + 1}() { useHook${i + 1}; const t = useHook${i}(); return useQuery(api.tasks.q${i}) ?? t; }
export function Page${i}() {
  const tasks = useHook${i + 1}();
  const { setActive } = useSignUp();
  const setUp = useMutation(api.users.setUp${i});
  async function go(id) { await setActive({ session: id }); await setUp({ n: ${i} }); if (tasks) await setUp({}); }
  return <button onClick={() => go("s")}>{String(tasks)}</button>;
}
`,
        '',
      ),
    );
  });

  it('marks: thousands of local hooks, each a name the scan looks for in the text (a search per name was quadratic)', () => {
    const head = `import { useQuery } from "convex/react";
import { api } from "./convex/_generated/api";
`;
    assertLinear('src/hooks.tsx', (bytes) =>
      grow(bytes, head, (i) => `export function useRows${i}() { return useQuery(api.rows.list${i % 7}); }\n`, ''),
    );
  });

  it('provider rules: hundreds of sibling ClerkProviders and Convex providers the wrong way round in one component', () => {
    const head = `import { ClerkProvider, useAuth } from "@clerk/nextjs";
import { ConvexProviderWithClerk } from "convex/react-clerk";
export function Providers({ children }) {
  return <>
`;
    assertLinear('app/providers.tsx', (bytes) =>
      grow(
        bytes,
        head,
        () =>
          '    <ConvexProviderWithClerk client={convex} useAuth={useAuth}><ClerkProvider>{children}</ClerkProvider></ConvexProviderWithClerk>\n',
        '  </>;\n}\n',
      ),
    );
  });

  it('scan: identity reads and clients deep inside nested blocks', () => {
    const depth = 60;
    const open = Array.from({ length: depth }, (_, d) => `if (c${d}) {`).join('');
    const close = '}'.repeat(depth);
    assertLinear('convex/deep.ts', (bytes) =>
      grow(
        bytes,
        handler('deep'),
        (i) =>
          `    ${open} const id${i} = await ctx.auth.getUserIdentity(); total += id${i}?.subject ? 1 : 0; ${close}\n`,
        handlerEnd,
      ),
    );
  });
});

describe('analysis: nesting depth cannot overflow the walk', () => {
  const nested = (depth: number): string => `import { SignedIn } from "@clerk/clerk-react";
import { useQuery } from "convex/react";
export function Feed() {
  const rows = useQuery(api.messages.list);
  return <SignedIn>${'<Box>'.repeat(depth)}{rows}${'</Box>'.repeat(depth)}</SignedIn>;
}
`;

  it('a 3,000-deep JSX file gets its findings', () => {
    const text = nested(3000);
    assert.ok(parseSource('feed.tsx', text), 'Babel reads it');
    const [gate] = only('feed.tsx', text, 'clerk-gate');
    assert.ok(gate, 'the Clerk gate is reported');
    assert.equal(text.slice(gate.start, gate.end), 'SignedIn');
  });

  it('an unawaited getUserIdentity() 3,000 elements deep gets its finding', () => {
    const text = `export async function Profile({ ctx }) {\n  return ${'<Box>'.repeat(3000)}{ctx.auth.getUserIdentity().subject}${'</Box>'.repeat(3000)};\n}\n`;
    assert.ok(parseSource('convex/f.tsx', text), 'Babel reads it');
    assert.equal(only('convex/f.tsx', text, 'identity-not-awaited').length, 1);
  });

  it('a 3,000-deep JSX tree with the Convex provider outside ClerkProvider at the bottom gets its finding', () => {
    const text = `import { ClerkProvider, useAuth } from "@clerk/clerk-react";
import { ConvexProviderWithClerk } from "convex/react-clerk";
export function App() {
  return ${'<Box>'.repeat(3000)}<ConvexProviderWithClerk client={convex} useAuth={useAuth}><ClerkProvider>x</ClerkProvider></ConvexProviderWithClerk>${'</Box>'.repeat(3000)};
}
`;
    assert.equal(only('app.tsx', text, 'provider-order').length, 1);
  });
});
