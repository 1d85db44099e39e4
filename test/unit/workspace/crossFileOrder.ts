// Scan-order dependence of cross-file findings: a small project whose files take something from each other through
// every join the index makes (identity functions and helpers, a project hook imported under a tsconfig alias, a
// Clerk wrapper hook, provider components, a route layout that gates and one gated on Clerk alone, a server page
// without the token, a mutation after setActive(), auth.config, a component rendered elsewhere under <Authenticated>,
// a React Router routes.ts placing its modules), scanned in a random order with its analyses finishing in a random
// order and random edits and deletions arriving meanwhile. Once quiet, every file's facts and
// findings must equal the fixed point of the real analysis over the final files (each file analysed with what all
// the others export, until nothing changes, then joined): what no order of work can change. The model and the
// analyzer are the real ones; the I/O computes `crossFile` as the worker does (crossFileOf).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyse } from '../../../src/analysis/analyse';
import { withIdentityFunctions } from '../../../src/analysis/crossFile';
import { componentContext } from '../../../src/analysis/componentContext';
import { crossFileOf } from '../../../src/analysis/crossFileOf';
import { shouldAnalyse } from '../../../src/analysis/prefilter';
import type { AnalysisContext, FileAnalysis, FileFacts } from '../../../src/analysis/types';
import type { ModuleAliases } from '../../../src/project/tsconfigPaths';
import { textFingerprint } from '../../../src/worker/protocol';
import { WorkspaceModel } from '../../../src/workspace/model';
import type { DiskAnalysis, IndexedFile, WorkspaceFile, WorkspaceIO } from '../../../src/workspace/types';
import { LAYOUT, PROVIDER } from './sampleFiles';

/** The project's tsconfig: the usual `@/*`, and `@hooks/*` (an alias the text pre-filter cannot know). */
export const ALIASES: ModuleAliases = { paths: { '@/*': ['./*'], '@hooks/*': ['./hooks/*'] }, pathsBase: '' };

const MESSAGES = (reads: boolean): string => `import { query, mutation } from "./_generated/server";
export const list = query({
  args: {},
  handler: async (ctx) => {
    ${reads ? 'const identity = await ctx.auth.getUserIdentity();\n    if (!identity) throw new Error("Unauthenticated");' : ''}
    return await ctx.db.query("messages").collect();
  },
});
export const send = mutation({
  args: {},
  handler: async (ctx) => {
    ${reads ? 'const identity = await ctx.auth.getUserIdentity();\n    if (identity === null) throw new Error("Unauthenticated");' : ''}
    await ctx.db.insert("messages", { at: Date.now() });
  },
});
`;
const REQUIRE_USER = `import type { QueryCtx } from "../_generated/server";
export async function requireUser(ctx: QueryCtx) {
  const identity = await ctx.auth.getUserIdentity();
  if (!identity) throw new Error("Unauthenticated");
  return identity;
}
`;
const NOTES = (from: string): string => `import { query } from "./_generated/server";
import { requireUser } from "${from}";
export const mine = query({
  args: {},
  handler: async (ctx) => {
    const me = await requireUser(ctx);
    return await ctx.db.query("notes").withIndex("by_owner", (q) => q.eq("owner", me.subject)).collect();
  },
});
`;
const HOOK = (fn: string): string => `import { useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";
export function useMessages() {
  return useQuery(api.${fn});
}
`;
// The page mentions Convex (it sends a mutation), so it is analysed; it takes its query from the project's hook.
const HOOK_PAGE = (from: string): string => `"use client";
import { useMutation } from "convex/react";
import { api } from "@/convex/_generated/api";
import { useMessages } from "${from}";
export default function Home() {
  const messages = useMessages();
  const send = useMutation(api.messages.send);
  return <ul onClick={() => void send({})}>{messages?.map((m) => <li key={m._id}>{m.body}</li>)}</ul>;
}
`;
const CLERK_HOOK = `import { useAuth } from "@clerk/nextjs";
export function useClerkState() {
  const { isSignedIn } = useAuth();
  return { signedIn: isSignedIn };
}
`;
const CLERK_GATED = (from: string): string => `"use client";
import { useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";
import { useClerkState } from "${from}";
export function Inbox() {
  const { signedIn } = useClerkState();
  const messages = useQuery(api.messages.list, signedIn ? {} : "skip");
  return <p>{messages?.length}</p>;
}
`;
const SIGNED_LAYOUT = (gate: 'convex' | 'clerk' | 'none'): string => `"use client";
import { Authenticated } from "convex/react";
import { SignedIn } from "@clerk/nextjs";
export default function SignedLayout({ children }: { children: React.ReactNode }) {
  return ${gate === 'convex' ? '<Authenticated>{children}</Authenticated>' : gate === 'clerk' ? '<SignedIn>{children}</SignedIn>' : '<main>{children}</main>'};
}
`;
const ROUTE_PAGE = (fn: string): string => `"use client";
import { useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";
export default function Inbox() {
  const rows = useQuery(api.${fn});
  return <ul>{rows?.map((m) => <li key={m._id}>{m.body}</li>)}</ul>;
}
`;
const SERVER_PAGE = `import { auth } from "@clerk/nextjs/server";
import { fetchQuery } from "convex/nextjs";
import { api } from "@/convex/_generated/api";
export default async function Page() {
  const { userId } = await auth();
  const data = await fetchQuery(api.messages.list, {});
  return <p data-user={userId}>{data.length}</p>;
}
`;
const SIGN_UP = `"use client";
import { useSignUp } from "@clerk/nextjs";
import { useMutation } from "convex/react";
import { api } from "@/convex/_generated/api";
export default function SignUpPage() {
  const { signUp, setActive } = useSignUp();
  const send = useMutation(api.messages.send);
  async function onSubmit() {
    const done = await signUp!.create({ username: "a", password: "b" });
    await setActive!({ session: done.createdSessionId });
    void send({});
  }
  return <button onClick={onSubmit}>Sign up</button>;
}
`;
// A Clerk gate around a component of the project that calls Convex on mount: the message names what it calls.
const BOARD = (fn: string): string => `"use client";
import { useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";
export default function Board() {
  const rows = useQuery(api.${fn});
  return <p>{rows?.length}</p>;
}
`;
const SIDEBAR = `"use client";
import { SignedIn } from "@clerk/nextjs";
import Board from "@/components/Board";
export function Sidebar() {
  return <SignedIn><Board /></SignedIn>;
}
`;
// A component the framework would render (src/App.tsx) that src/main.tsx renders, under <Authenticated> or not:
// the join of render sites (renderJoin.ts) decides App's query-before-auth finding from main.tsx's fact.
const APP = (fn: string): string => `import { useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";
export default function App() {
  const rows = useQuery(api.${fn});
  return <p>{rows?.length}</p>;
}
`;
const MAIN = (gated: boolean): string => `import { createRoot } from "react-dom/client";
import { Authenticated } from "convex/react";
import App from "./App";
createRoot(document.getElementById("root")!).render(${gated ? '<Authenticated><App /></Authenticated>' : '<App />'});
`;
const AUTH_CONFIG = `export default {
  providers: [{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN, applicationID: "convex" }],
};
`;
const SERVER_FN = `import { createServerFn } from "@tanstack/react-start";
import { ConvexHttpClient } from "convex/browser";
import { api } from "../convex/_generated/api";
const client = new ConvexHttpClient(process.env.VITE_CONVEX_URL!);
export const getMessages = createServerFn({ method: "GET" }).handler(async () => client.query(api.messages.list, {}));
`;

// React Router v7: routes.ts puts the dashboard under the Clerk-gated layout, beside it, or under nothing it names.
const RR_ROUTES = (
  under: boolean,
): string => `import { type RouteConfig, layout, route } from "@react-router/dev/routes";
export default [
  layout("routes/signed.tsx", [${under ? 'route("dashboard", "routes/dashboard.tsx")' : ''}]),
  ${under ? '' : 'route("dashboard", "routes/dashboard.tsx"),'}
] satisfies RouteConfig;
`;
const RR_LAYOUT = (gate: 'convex' | 'clerk'): string => `import { Outlet } from "react-router";
import { SignedIn } from "@clerk/react-router";
import { Authenticated } from "convex/react";
export default function Signed() {
  return ${gate === 'convex' ? '<Authenticated><Outlet /></Authenticated>' : '<SignedIn><Outlet /></SignedIn>'};
}
`;

/** Each path's texts: the first is the initial one; an edit writes any of them. */
export const FILES: Record<string, string[]> = {
  'convex/messages.ts': [MESSAGES(true), MESSAGES(false)],
  'convex/lib/auth.ts': [REQUIRE_USER],
  'convex/notes.ts': [NOTES('./lib/auth'), NOTES('@/convex/lib/auth')],
  'convex/auth.config.ts': [AUTH_CONFIG],
  'hooks/useMessages.ts': [HOOK('messages.list'), HOOK('notes.mine')],
  'hooks/useClerkState.ts': [CLERK_HOOK],
  'app/page.tsx': [HOOK_PAGE('@hooks/useMessages'), HOOK_PAGE('@/hooks/useMessages')],
  'components/Inbox.tsx': [CLERK_GATED('@hooks/useClerkState'), CLERK_GATED('@/hooks/useClerkState')],
  'app/layout.tsx': [LAYOUT(true, false), LAYOUT(true, true)],
  // The plain provider twice: moved down a line, the layout's finding points at its new place.
  'components/ConvexClientProvider.tsx': [
    PROVIDER(true),
    PROVIDER(false),
    `// The app's Convex client.\n${PROVIDER(false)}`,
  ],
  'app/(signed)/layout.tsx': [SIGNED_LAYOUT('clerk'), SIGNED_LAYOUT('convex'), SIGNED_LAYOUT('none')],
  'app/(signed)/inbox/page.tsx': [ROUTE_PAGE('messages.list'), ROUTE_PAGE('notes.mine')],
  'app/server/page.tsx': [SERVER_PAGE],
  'components/Board.tsx': [BOARD('messages.list'), BOARD('notes.mine')],
  'components/Sidebar.tsx': [SIDEBAR],
  'app/sign-up/page.tsx': [SIGN_UP],
  'src/server.ts': [SERVER_FN],
  'src/App.tsx': [APP('messages.list'), APP('notes.mine')],
  'src/main.tsx': [MAIN(true), MAIN(false)],
  'rr/app/routes.ts': [RR_ROUTES(true), RR_ROUTES(false)],
  'rr/app/routes/signed.tsx': [RR_LAYOUT('clerk'), RR_LAYOUT('convex')],
  'rr/app/routes/dashboard.tsx': [ROUTE_PAGE('messages.list'), ROUTE_PAGE('notes.mine')],
};
export const PATHS = Object.keys(FILES);

const FOLDER = 'file:///w';
export const fileAt = (path: string): WorkspaceFile => ({ key: `${FOLDER}/${path}`, path, folder: FOLDER });

// The analyzer, memoised per path, text and context (orders repeat the same analyses).
const memo = new Map<string, FileAnalysis>();
function analysed(path: string, text: string, context: AnalysisContext): FileAnalysis {
  const key = `${path}\0${text}\0${JSON.stringify(context)}`;
  let found = memo.get(key);
  if (!found) memo.set(key, (found = analyse(path, text, context)));
  return structuredClone(found);
}

/** The disk's files analysed as the worker does: read when the analysis runs, `crossFile` by crossFileOf. */
export function readDisk(
  disk: ReadonlyMap<string, string>,
  file: WorkspaceFile,
  inputs: AnalysisContext,
): DiskAnalysis {
  const text = disk.get(file.path);
  if (text === undefined) return { kind: 'absent' };
  if (!shouldAnalyse(file.path, text)) return { kind: 'skipped' };
  const context = { ...inputs, moduleAliases: ALIASES };
  return {
    kind: 'analysed',
    analysis: analysed(file.path, text, context),
    fingerprint: textFingerprint(text),
    crossFile: crossFileOf(text, context),
  };
}

/**
 * What no order of work can change: every file analysed with what all the others export (the inputs the index
 * builds, IndexedFiles.crossFileInputs), again until no file's facts change, then its sites joined with the
 * identity functions, the open functions, the route layouts that gate, the routes that call Convex, the render
 * sites of the project's components and React Router's route configs.
 */
export function fixedPoint(disk: ReadonlyMap<string, string>): { path: string; facts: FileFacts; findings: unknown }[] {
  const paths = [...disk.keys()]
    .filter((p) => shouldAnalyse(p, disk.get(p) ?? ''))
    .sort((a, b) => (fileAt(a).key < fileAt(b).key ? -1 : 1));
  let results = new Map<string, FileAnalysis>();
  const inputsOf = (): AnalysisContext => {
    const files = paths.flatMap((path) => {
      const r = results.get(path);
      return r ? [{ path, facts: r.facts }] : [];
    });
    const context = componentContext(files);
    const providers = files
      .flatMap((f) => f.facts.exportsConvexProviderComponents.map((exportName) => ({ path: f.path, exportName })))
      .sort((a, b) => (`${a.path}#${a.exportName}` < `${b.path}#${b.exportName}` ? -1 : 1));
    return {
      ...context,
      convexProviderComponents: providers,
      projectHasIdentityFunctions: files.some((f) => (f.facts.identityFunctions?.length ?? 0) > 0),
    };
  };
  for (let round = 0; ; round++) {
    assert.ok(round < 8, 'the analyses never settle');
    const inputs = inputsOf();
    const next = new Map(paths.map((p) => [p, analysed(p, disk.get(p) ?? '', { ...inputs, moduleAliases: ALIASES })]));
    const same = paths.every((p) => JSON.stringify(next.get(p)?.facts) === JSON.stringify(results.get(p)?.facts));
    results = next;
    if (same && round > 0) break;
  }
  const all = paths.map((path) => ({ path, facts: results.get(path)?.facts as FileFacts }));
  const functions = all.flatMap((f) => (f.facts.identityFunctions ?? []).map((x) => ({ ...x, path: f.path })));
  const open = all.flatMap((f) => (f.facts.openFunctions ?? []).map((x) => ({ ...x, path: f.path })));
  const gates = all.flatMap((f) => (f.facts.routeGate ? [{ ...f.facts.routeGate, path: f.path }] : []));
  const routes = all.flatMap((f) => (f.facts.routeCall ? [{ ...f.facts.routeCall, path: f.path }] : []));
  const renders = all.flatMap((f) => (f.facts.renders ?? []).map((x) => ({ ...x, path: f.path })));
  const configs = all.flatMap((f) => (f.facts.routeConfig ? [f.facts.routeConfig] : []));
  return paths.map((path) => {
    const r = results.get(path) as FileAnalysis;
    return {
      path,
      facts: r.facts,
      findings: withIdentityFunctions(r, functions, open, gates, routes, renders, configs).findings,
    };
  });
}

export const seen = (files: IndexedFile[]): { path: string; facts: FileFacts; findings: unknown }[] =>
  files.map((f) => ({ path: f.path, facts: f.facts, findings: f.findings }));

/** A model over `disk` whose scan lists the files in `order`, one at a time, each analysed before the next is listed. */
export async function scannedInOrder(
  disk: ReadonlyMap<string, string>,
  order: readonly string[],
): Promise<WorkspaceModel> {
  const io: WorkspaceIO = {
    async *scan() {
      for (const p of order) yield [fileAt(p)];
    },
    analyse: (file, inputs) => Promise.resolve(readDisk(disk, file, inputs)),
    isDirty: () => false,
    isOpen: () => false,
    join: withIdentityFunctions,
  };
  const model = new WorkspaceModel(io, { facts: () => undefined, inputs: () => undefined, identity: () => undefined });
  await model.scan(FOLDER);
  await model.idle();
  return model;
}

/** An edit on disk after the scan began: a file written with one of its texts, or deleted. */
export type Edit = { path: string; text: string | undefined };

const edit: fc.Arbitrary<Edit> = fc
  .constantFrom(...PATHS)
  .chain((path) =>
    fc.option(fc.constantFrom(...FILES[path]), { freq: 4 }).map((text) => ({ path, text: text ?? undefined })),
  );

/** Runs the scheduler until nothing is scheduled and the model is idle. */
async function drain(s: fc.Scheduler, model: WorkspaceModel, busy: () => boolean): Promise<void> {
  for (let i = 0; i < 100_000; i++) {
    await new Promise((r) => setImmediate(r));
    if (s.count() > 0) {
      await s.waitOne();
      continue;
    }
    if (busy()) continue;
    let idle = false;
    void model.idle().then(() => (idle = true));
    await new Promise((r) => setImmediate(r));
    if (idle && s.count() === 0 && !busy()) return;
  }
  assert.fail('the model never went quiet');
}

/**
 * The property: a random order of the initial scan (the walk's order and its batches), analyses finishing in any
 * order, and edits landing among them; the index ends at the fixed point of the final files.
 */
export const scanOrderProperty = fc.asyncProperty(
  fc.scheduler(),
  fc.shuffledSubarray(PATHS, { minLength: PATHS.length }),
  fc.array(fc.integer({ min: 1, max: 4 }), { minLength: PATHS.length, maxLength: PATHS.length }),
  fc.array(edit, { maxLength: 5 }),
  fc.array(edit, { maxLength: 5 }),
  async (s, order, batchSizes, during, after) => {
    const disk = new Map(PATHS.map((p) => [p, FILES[p][0]]));
    const pending = new Set<Promise<unknown>>();
    const track = (p: Promise<unknown>): void => {
      pending.add(p);
      void p.finally(() => pending.delete(p));
    };
    const io: WorkspaceIO = {
      async *scan() {
        for (let i = 0, b = 0; i < order.length; i += batchSizes[b++] ?? 1) {
          const batch = order.slice(i, i + (batchSizes[b] ?? 1)).map(fileAt);
          yield await s.schedule(Promise.resolve(batch), `list ${batch.map((f) => f.path).join(', ')}`);
        }
      },
      analyse: (file, inputs) =>
        s.schedule(Promise.resolve(), `analyse ${file.path}`).then(() => readDisk(disk, file, inputs)),
      isDirty: () => false,
      isOpen: () => false,
      join: withIdentityFunctions,
    };
    const model = new WorkspaceModel(
      io,
      { facts: () => undefined, inputs: () => undefined, identity: () => undefined },
      (step, err) => {
        throw new Error(`${step}: ${String(err)}`);
      },
    );
    // Each edit lands when the scheduler says, among the other work; its event follows the write at once.
    const land = (edits: Edit[], when: string): void => {
      for (const [i, e] of edits.entries())
        track(
          s
            .schedule(Promise.resolve(), `edit ${when} ${i}: ${e.text === undefined ? 'delete' : 'write'} ${e.path}`)
            .then(() => {
              if (e.text === undefined) {
                if (disk.delete(e.path)) model.fileDeleted(fileAt(e.path).key);
                return undefined;
              }
              disk.set(e.path, e.text);
              return model.fileChanged(fileAt(e.path));
            }),
        );
    };
    track(model.scan(FOLDER));
    land(during, 'during the scan');
    await drain(s, model, () => pending.size > 0);
    // Later edits, once the index is quiet (a learner's saves), among each other's work.
    land(after, 'later');
    await drain(s, model, () => pending.size > 0);
    assert.deepEqual(seen(model.files()), fixedPoint(disk));
    model.dispose();
  },
);
