// The workspace model through random interleavings (fast-check's model-based testing with a scheduler): files
// created, changed, deleted and replaced on disk, folders added and removed, a second workspace folder coming and
// going, tsconfig changes, documents opened, edited, saved and closed, and every analysis and every event
// delivered late and out of order. After each run, the Lesson Checks and the walkthrough's keys (and the indexed
// files themselves) must equal those of a fresh scan of the final files. The analyzer is the real one.
import { withIdentityFunctions } from '../../../src/analysis/crossFile';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyse } from '../../../src/analysis/analyse';
import { dependsOnOtherFiles, shouldAnalyse } from '../../../src/analysis/prefilter';
import type { AnalysisContext, FileAnalysis } from '../../../src/analysis/types';
import { EMPTY_PROGRESS, evaluateChecks, lessonContextKeys, lessonVariants } from '../../../src/lessonState';
import { isIndexedSource } from '../../../src/project/sourceFiles';
import type { ModuleAliases } from '../../../src/project/tsconfigPaths';
import { textFingerprint } from '../../../src/worker/protocol';
import { LatestRun } from '../../../src/workspace/latest';
import { WorkspaceModel } from '../../../src/workspace/model';
import type { CrossFileInputs, DiskAnalysis, WorkspaceFile, WorkspaceIO } from '../../../src/workspace/types';
import { LAYOUT, PROVIDER } from './sampleFiles';

// ---- the files: reductions of the sample project's own files, in the variants the lesson moves between

const MESSAGES = (awaited: boolean): string => `import { query } from "./_generated/server";
export const list = query({
  args: {},
  handler: async (ctx) => {
    const identity = ${awaited ? 'await ' : ''}ctx.auth.getUserIdentity();
    if (!identity) return [];
    return await ctx.db.query("messages").collect();
  },
});
`;
const PAGE = `"use client";
import { useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";
export default function Home() {
  const messages = useQuery(api.messages.list);
  return <ul>{messages?.map((m) => <li key={m._id}>{m.body}</li>)}</ul>;
}
`;
// A Convex gate in the component that renders the project's provider: a finding only when the provider is known.
const GATED = `"use client";
import { Authenticated } from "convex/react";
import ConvexClientProvider from "@/components/ConvexClientProvider";
export function Shell({ children }: { children: React.ReactNode }) {
  return <><Authenticated>{children}</Authenticated><ConvexClientProvider>{children}</ConvexClientProvider></>;
}
`;
// A TanStack Start server function with ConvexHttpClient: flagged only when the project has identity functions.
const SERVER_FN = `import { createServerFn } from "@tanstack/react-start";
import { ConvexHttpClient } from "convex/browser";
import { api } from "../convex/_generated/api";
const client = new ConvexHttpClient(process.env.VITE_CONVEX_URL!);
export const getMessages = createServerFn({ method: "GET" }).handler(async () => client.query(api.messages.list, {}));
`;
// A route group's layout that renders its pages only inside <Authenticated>, or not: the page under it has its
// query-before-auth finding only while the layout does not gate (the index's join, re-joined on the layout's change).
const SIGNED_LAYOUT = (gated: boolean): string => `"use client";
import { Authenticated } from "convex/react";
export default function SignedLayout({ children }: { children: React.ReactNode }) {
  return ${gated ? '<Authenticated>{children}</Authenticated>' : '<main>{children}</main>'};
}
`;
const UTIL = 'export const add = (a: number, b: number) => a + b;\n';
const STRAY_PROVIDER = PROVIDER(true).replace('ConvexClientProvider', 'Providers');

/** Paths the runs write, and the texts each may hold. */
const FILES: Record<string, string[]> = {
  'app/layout.tsx': [LAYOUT(true, false), LAYOUT(true, true), LAYOUT(false, true)],
  'components/ConvexClientProvider.tsx': [PROVIDER(true), PROVIDER(false)],
  'convex/messages.ts': [MESSAGES(false), MESSAGES(true)],
  'app/page.tsx': [PAGE, UTIL],
  'app/(signed)/layout.tsx': [SIGNED_LAYOUT(true), SIGNED_LAYOUT(false)],
  'app/(signed)/inbox/page.tsx': [PAGE],
  'components/Shell.tsx': [GATED],
  'src/server.ts': [SERVER_FN],
  'lib/util.ts': [UTIL],
  'pkg/a/Providers.tsx': [STRAY_PROVIDER, LAYOUT(false, false)],
  'pkg/a/app/layout.tsx': [LAYOUT(true, true)],
  'pkg/b/convex/messages.ts': [MESSAGES(true)],
};
const PATHS = Object.keys(FILES);
/** Folders a run removes (as a branch switch or `rm -r` does: one event for the folder, none for its files). */
const FOLDERS = ['pkg', 'pkg/a', 'pkg/b', 'components'];
/** The tsconfig variants: the sample's `@/*` paths, or none (imports then guessed). */
const CONFIGS: (ModuleAliases | undefined)[] = [{ paths: { '@/*': ['./*'] }, pathsBase: '' }, undefined];
const MAIN = 'file:///w';
const SECOND = 'file:///w2';

// ---- the analyzer, memoised (the same text with the same inputs is analysed once per test file)

// Keyed without building one long string per call (hashing text + inputs was a third of this file's time): the
// model hands out the same inputs object until its entries change, so their JSON is made once per object, and
// equal JSON shares one number.
const inputsIds = new WeakMap<CrossFileInputs, number>();
const idsByJson = new Map<string, number>();
const analyses = new Map<string, Map<string, FileAnalysis>>(); // `${inputs id} ${config} ${path}` → text → analysis
function analysed(path: string, text: string, inputs: CrossFileInputs, config: number): FileAnalysis {
  let id = inputsIds.get(inputs);
  if (id === undefined) {
    const json = JSON.stringify(inputs);
    id = idsByJson.get(json) ?? idsByJson.size;
    idsByJson.set(json, id);
    inputsIds.set(inputs, id);
  }
  const where = `${id} ${config} ${path}`;
  let byText = analyses.get(where);
  if (!byText) analyses.set(where, (byText = new Map<string, FileAnalysis>()));
  let found = byText.get(text);
  if (!found) byText.set(text, (found = deepFreeze(analyse(path, text, contextOf(inputs, CONFIGS[config])))));
  return found;
}

/**
 * One analysis is handed to many models (it crossed from the worker as a copy in the product): frozen, so a model
 * that changed an analysis it was given would throw here instead of passing it on to the next run. (Copying each
 * one instead took a fifth of this file's time.)
 */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function contextOf(inputs: CrossFileInputs, aliases: ModuleAliases | undefined): AnalysisContext {
  return { ...inputs, ...(aliases ? { moduleAliases: aliases } : {}) };
}

// ---- the world the model lives in: a disk, an editor, a config, and a scheduler that delivers everything

interface Doc {
  text: string;
  dirty: boolean;
  version: number;
  /** Shown in a tab. VS Code keeps a document whose tab closed for minutes (WorkspaceIO.isOpen). */
  shown: boolean;
}

type Schedule = <T>(value: T | (() => T), label: string) => Promise<T>;

class World {
  readonly disk = new Map<string, string>(); // `${folder}|${path}` → text
  /** Texts the scan's pre-filter read and the worker keeps for the analysis that follows (src/worker/serve.ts). */
  private readonly held = new Map<string, string>();
  readonly docs = new Map<string, Doc>(); // key (URI) → document
  /** The diagnostics controller's rule: of a document's runs, only the one begun last publishes. */
  private readonly latest = new LatestRun();
  folders = new Set([MAIN]);
  config = 0;
  readonly model: WorkspaceModel;
  private readonly pending = new Set<Promise<unknown>>();

  constructor(
    private readonly later: Schedule,
    private readonly readAtStart: () => boolean,
  ) {
    const io: WorkspaceIO = {
      scan: (folder) => this.scan(folder),
      analyse: (file, inputs, unless, scanned) => this.analyseOnDisk(file, inputs, unless, scanned),
      isDirty: (key) => this.docs.get(key)?.dirty === true,
      isOpen: (key) => {
        const doc = this.docs.get(key);
        return doc !== undefined && (doc.dirty || doc.shown);
      },
      join: withIdentityFunctions,
    };
    this.model = new WorkspaceModel(
      io,
      {
        facts: () => undefined,
        inputs: (all) => {
          // The diagnostics controller: documents that depend on other files (every one, for a config) again.
          for (const [key, doc] of this.docs) if (all || dependsOnOtherFiles(doc.text)) this.editorAnalysis(key);
        },
        identity: () => undefined, // the controller re-joins what it shows; the model re-joined its entries
      },
      (step, err) => {
        throw new Error(`${step}: ${String(err)}`);
      },
    );
  }

  static fileOf(key: string): WorkspaceFile {
    const [folder, path] = key.split('|#|');
    return { key, path, folder };
  }

  static keyOf(folder: string, path: string): string {
    return `${folder}|#|${path}`;
  }

  track(work: Promise<unknown>): void {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }

  busy(): boolean {
    return this.pending.size > 0;
  }

  /** The file watcher's events: delivered in the order they happened, each later, interleaved with all else. */
  private events: Promise<unknown> = Promise.resolve();

  /** Watcher events delivered so far, and when each file's last one was (to spare it from a folder look before). */
  private deliveries = 0;
  private readonly deliveredAt = new Map<string, number>();

  deliver(label: string, event: () => unknown, key?: string): void {
    const delivered = this.events
      .then(() => this.later(() => undefined, label))
      .then(() => {
        this.deliveries++;
        if (key) this.deliveredAt.set(key, this.deliveries);
        return event();
      });
    this.events = delivered;
    this.track(delivered);
  }

  /**
   * A folder burst (FolderEvents, looked at after its own delay): after the watcher events that came before it
   * (it listens to the same watcher), in any order with those that come after.
   */
  deliverApart(label: string, event: () => unknown): void {
    this.track(this.events.then(() => this.later(() => undefined, label)).then(() => event()));
  }

  private async *scan(folder: string): AsyncGenerator<WorkspaceFile[]> {
    // Listed now, pre-filtered in two batches, each answered later.
    const files = [...this.disk.entries()]
      .map(([key, text]) => ({ file: World.fileOf(key), text }))
      .filter(
        ({ file, text }) => file.folder === folder && isIndexedSource(file.path) && shouldAnalyse(file.path, text),
      )
      .map(({ file }) => file);
    const half = Math.ceil(files.length / 2);
    // The worker reads each batch when the pre-filter reaches it, and keeps the texts for the scan's analyses.
    const prefilter = (batch: WorkspaceFile[]) => (): WorkspaceFile[] => {
      for (const f of batch) {
        const text = this.disk.get(f.key);
        if (text !== undefined) this.held.set(f.key, text);
      }
      return batch;
    };
    for (const batch of [files.slice(0, half), files.slice(half)])
      yield await this.later(prefilter(batch), `scan ${folder}`);
  }

  private async analyseOnDisk(
    file: WorkspaceFile,
    inputs: CrossFileInputs,
    unless?: string,
    scanned?: boolean,
  ): Promise<DiskAnalysis> {
    const config = this.config;
    // The worker reads the file when the request reaches it: now, or only once the scheduler lets it run. The scan's
    // analysis takes the text its pre-filter kept (however old by now); any analysis drops a kept text.
    const read = (): DiskAnalysis => {
      const kept = this.held.get(file.key);
      this.held.delete(file.key);
      const text = scanned && kept !== undefined ? kept : this.disk.get(file.key);
      if (text === undefined) return { kind: 'absent' };
      if (unless !== undefined && textFingerprint(text) === unless) return { kind: 'unchanged' };
      if (!shouldAnalyse(file.path, text)) return { kind: 'skipped' };
      return {
        kind: 'analysed',
        analysis: analysed(file.path, text, inputs, config),
        fingerprint: textFingerprint(text),
        crossFile: dependsOnOtherFiles(text),
      };
    };
    if (this.readAtStart()) {
      const result = read();
      return this.later(result, `analyse ${file.path} (read at once)`);
    }
    return this.later(read, `analyse ${file.path}`);
  }

  /** The controller analyses an open document's current version; a result for an older version is dropped. */
  editorAnalysis(key: string): void {
    const doc = this.docs.get(key);
    if (!doc) return;
    const { version, text } = doc;
    const file = World.fileOf(key);
    const inputs = this.model.inputs();
    const config = this.config;
    const run = this.latest.begin(key);
    this.track(
      this.later(() => undefined, `editor ${file.path}@${version}`).then(() => {
        const now = this.docs.get(key);
        // Closed, edited since, or a newer run begun (the same version against newer inputs).
        if (!now || now.version !== version || !this.latest.isLatest(key, run)) return;
        const result = shouldAnalyse(file.path, text)
          ? {
              analysis: analysed(file.path, text, inputs, config),
              fingerprint: textFingerprint(text),
              crossFile: dependsOnOtherFiles(text),
            }
          : undefined;
        this.model.editorAnalysed(file, result, now.dirty);
      }),
    );
  }

  // -- what happens in the world

  write(key: string, text: string): void {
    this.disk.set(key, text);
    const doc = this.docs.get(key);
    // VS Code reloads a clean document from disk; unsaved edits stay.
    if (doc && !doc.dirty && doc.text !== text) {
      doc.text = text;
      doc.version++;
      this.editorAnalysis(key);
    }
    this.deliver(`changed ${key}`, () => this.track(this.model.fileChanged(World.fileOf(key))), key);
  }

  remove(key: string): void {
    if (!this.disk.delete(key)) return;
    this.deliver(`deleted ${key}`, () => this.model.fileDeleted(key), key);
  }

  removeFolder(folder: string, dir: string, ownEvents: boolean): void {
    const gone = [...this.disk.keys()].filter((k) => {
      const f = World.fileOf(k);
      return f.folder === folder && (f.path === dir || f.path.startsWith(`${dir}/`));
    });
    for (const k of gone) this.disk.delete(k);
    if (ownEvents) for (const k of gone) this.deliver(`deleted ${k}`, () => this.model.fileDeleted(k), k);
    // The folder burst looks whether the folder is still missing, and says so a moment later (other events may
    // come between); back again, it is swept.
    this.deliverApart(`folder burst ${dir}: look`, () => {
      const back = this.listed(folder, dir);
      const lookedAt = this.deliveries;
      const since = this.model.now();
      this.track(
        this.later(() => undefined, `folder burst ${dir}: news`).then(() => {
          const spared = new Set([...this.deliveredAt].filter(([, at]) => at > lookedAt).map(([k]) => k));
          if (back.length > 0) return this.sweep(folder, dir, back, since);
          this.model.foldersDeleted(folder, new Set([dir]), spared);
          return undefined;
        }),
      );
    });
  }

  /** A created folder's sweep: news of each file found, as the adapter notes it (a later folder look spares it). */
  private sweep(folder: string, dir: string, found: WorkspaceFile[], since: number): Promise<void> {
    this.deliveries++;
    for (const f of found) this.deliveredAt.set(f.key, this.deliveries);
    return this.model.folderSwept(folder, dir, found, since);
  }

  /** The source files under `dir` on disk now (the adapter's search of a created folder). */
  private listed(folder: string, dir: string): WorkspaceFile[] {
    return [...this.disk.keys()]
      .map((k) => World.fileOf(k))
      .filter((f) => f.folder === folder && f.path.startsWith(`${dir}/`) && isIndexedSource(f.path));
  }

  /** Files written into a new folder at once: their own events may be missing; the folder's sweep finds them. */
  addFolder(folder: string, files: [string, string][], ownEvents: boolean): void {
    for (const [path, text] of files) {
      this.disk.set(World.keyOf(folder, path), text);
      if (ownEvents) this.write(World.keyOf(folder, path), text);
    }
    const dir = files[0]?.[0].split('/').slice(0, 2).join('/') ?? '';
    this.deliverApart(`folder burst (created ${dir})`, () => {
      this.track(this.sweep(folder, dir, this.listed(folder, dir), this.model.now()));
    });
  }

  setConfig(config: number): void {
    this.config = config;
    this.deliver('tsconfig changed', () => this.model.configChanged());
  }

  open(key: string): void {
    if (this.docs.has(key)) return;
    const text = this.disk.get(key);
    if (text === undefined) return;
    this.docs.set(key, { text, dirty: false, version: 1, shown: true });
    this.editorAnalysis(key);
  }

  /** The document's last tab closes; VS Code keeps the document (the adapter's tabsClosed). */
  hideTab(key: string): void {
    const doc = this.docs.get(key);
    if (!doc?.shown) return;
    doc.shown = false;
    this.track(this.model.editorLetGo(World.fileOf(key)));
  }

  /** A tab shows the kept document again: nothing tells the index (VS Code opens no document). */
  showTab(key: string): void {
    const doc = this.docs.get(key);
    if (doc) doc.shown = true;
  }

  /** Deleted on disk with no watcher event (files.watcherExclude, a watcher that missed it). */
  removeUnseen(key: string): void {
    this.disk.delete(key);
  }

  edit(key: string, text: string): void {
    const doc = this.docs.get(key);
    if (!doc || doc.text === text) return;
    doc.text = text;
    doc.dirty = true;
    doc.version++;
    this.editorAnalysis(key);
  }

  save(key: string): void {
    const doc = this.docs.get(key);
    if (!doc?.dirty) return;
    doc.dirty = false;
    this.write(key, doc.text);
  }

  close(key: string): void {
    const doc = this.docs.get(key);
    if (!doc) return;
    this.docs.delete(key);
    this.latest.forget(key);
    this.track(this.model.documentClosed(World.fileOf(key)));
  }

  addWorkspaceFolder(): void {
    if (this.folders.has(SECOND)) return;
    this.folders.add(SECOND);
    this.track(this.model.scan(SECOND));
  }

  removeWorkspaceFolder(): void {
    if (!this.folders.delete(SECOND)) return;
    for (const [key] of this.docs) if (World.fileOf(key).folder === SECOND) this.close(key);
    this.model.folderRemoved(SECOND);
  }
}

/** A scheduler a test drives by hand: each piece of work waits until released by (the start of) its label. */
function handScheduler() {
  const queue: { label: string; go: () => void }[] = [];
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
  };
  const later: Schedule = (value, label) =>
    new Promise<void>((go) => queue.push({ label, go })).then(() =>
      typeof value === 'function' ? (value as () => never)() : value,
    );
  const release = async (label: string): Promise<void> => {
    await settle();
    const i = queue.findIndex((t) => t.label.startsWith(label));
    assert.ok(i >= 0, `"${label}" is not waiting (waiting: ${queue.map((t) => t.label).join(', ')})`);
    queue.splice(i, 1)[0].go();
    await settle();
  };
  const releaseAll = async (): Promise<void> => {
    for (let n = 0; n < 1000; n++) {
      await settle();
      const next = queue.shift();
      if (!next) return;
      next.go();
    }
    assert.fail('the work never ended');
  };
  return { later, release, releaseAll };
}

// ---- the property

/** Runs the world's scheduled work until nothing is left and the model is idle. */
async function drain(s: fc.Scheduler, world: World): Promise<void> {
  for (let i = 0; i < 100_000; i++) {
    // Continuations of what just resolved run first: they may schedule more.
    await new Promise((r) => setImmediate(r));
    if (s.count() > 0) {
      await s.waitOne();
      continue;
    }
    if (world.busy()) continue;
    let idle = false;
    void world.model.idle().then(() => (idle = true));
    await new Promise((r) => setImmediate(r));
    if (idle && s.count() === 0 && !world.busy()) return;
  }
  assert.fail('the world never went quiet');
}

/** What the lesson shows: the checks and the walkthrough's keys, from the indexed files. */
function lessonOf(world: World) {
  const files = world.model.files();
  const checks = evaluateChecks({ files }, EMPTY_PROGRESS);
  return { checks, keys: lessonContextKeys(checks, EMPTY_PROGRESS, lessonVariants(undefined, undefined)), files };
}

/** A fresh scan of the final files: the same disk, config, folders and open documents, nothing in flight. */
async function freshScan(final: World): Promise<World> {
  const immediate: Schedule = (value) =>
    Promise.resolve(typeof value === 'function' ? (value as () => never)() : value);
  const world = new World(immediate, () => true);
  for (const [k, v] of final.disk) world.disk.set(k, v);
  world.config = final.config;
  world.folders = new Set(final.folders);
  // The editor's documents; a clean one whose file is gone from disk (deleted while open) is not the project's.
  for (const [k, d] of final.docs) if (d.dirty || final.disk.has(k)) world.docs.set(k, { ...d });
  await Promise.all([...world.folders].map((f) => world.model.scan(f)));
  for (const key of world.docs.keys()) world.editorAnalysis(key);
  for (let i = 0; i < 1000 && world.busy(); i++) await new Promise((r) => setImmediate(r));
  await world.model.idle();
  return world;
}

type Cmd = fc.AsyncCommand<object, World>;

const key = fc.constantFrom(...PATHS).map((p) => World.keyOf(MAIN, p));
const textFor = (k: string): fc.Arbitrary<string> => fc.constantFrom(...FILES[World.fileOf(k).path]);
const keyAndText = key.chain((k) => textFor(k).map((t) => [k, t] as const));

function command(name: string, run: (w: World) => void): Cmd {
  return {
    check: () => true,
    run: async (_m, w) => {
      run(w);
      await Promise.resolve();
    },
    toString: () => name,
  };
}

const commands = [
  keyAndText.map(([k, t]) => command(`write ${k}`, (w) => w.write(k, t))),
  key.map((k) => command(`delete ${k}`, (w) => w.remove(k))),
  keyAndText.map(([k, t]) =>
    command(`replace ${k}`, (w) => {
      w.remove(k);
      w.write(k, t);
    }),
  ),
  fc
    .tuple(fc.constantFrom(...FOLDERS), fc.boolean())
    .map(([dir, own]) =>
      command(`rm -r ${dir}${own ? ' (with file events)' : ''}`, (w) => w.removeFolder(MAIN, dir, own)),
    ),
  fc.tuple(fc.constantFrom('pkg/a', 'pkg/b'), fc.boolean()).map(([dir, own]) =>
    command(`add folder ${dir}${own ? ' (with file events)' : ''}`, (w) =>
      w.addFolder(
        MAIN,
        PATHS.filter((p) => p.startsWith(`${dir}/`)).map((p) => [p, FILES[p][0]] as [string, string]),
        own,
      ),
    ),
  ),
  fc.constantFrom(0, 1).map((c) => command(`tsconfig ${c}`, (w) => w.setConfig(c))),
  key.map((k) => command(`open ${k}`, (w) => w.open(k))),
  keyAndText.map(([k, t]) => command(`edit ${k}`, (w) => w.edit(k, t))),
  key.map((k) => command(`save ${k}`, (w) => w.save(k))),
  key.map((k) => command(`close ${k}`, (w) => w.close(k))),
  key.map((k) => command(`close the tab of ${k}`, (w) => w.hideTab(k))),
  key.map((k) => command(`show ${k} in a tab again`, (w) => w.showTab(k))),
  fc.constant(command('add workspace folder w2', (w) => w.addWorkspaceFolder())),
  fc.constant(command('remove workspace folder w2', (w) => w.removeWorkspaceFolder())),
  fc.constant(
    command('write w2/app/layout.tsx', (w) => {
      if (w.folders.has(SECOND)) w.write(World.keyOf(SECOND, 'app/layout.tsx'), LAYOUT(true, true));
    }),
  ),
];

/** The initial workspace: the sample's shape, wrong nesting, list() without its await. */
function initialDisk(world: World): void {
  const initial: [string, string][] = [
    ['app/layout.tsx', LAYOUT(true, false)],
    ['components/ConvexClientProvider.tsx', PROVIDER(true)],
    ['convex/messages.ts', MESSAGES(false)],
    ['app/page.tsx', PAGE],
    ['app/(signed)/layout.tsx', SIGNED_LAYOUT(true)],
    ['app/(signed)/inbox/page.tsx', PAGE],
    ['lib/util.ts', UTIL],
  ];
  for (const [p, t] of initial) world.disk.set(World.keyOf(MAIN, p), t);
  world.disk.set(World.keyOf(SECOND, 'convex/messages.ts'), MESSAGES(true));
}

export const property = fc.asyncProperty(
  fc.scheduler(),
  fc.commands(commands, { maxCommands: 14 }),
  fc.infiniteStream(fc.boolean()),
  async (s, cmds, coin) => {
    const later: Schedule = (value, label) =>
      s.schedule(Promise.resolve(), label).then(() => (typeof value === 'function' ? (value as () => never)() : value));
    const flips = coin[Symbol.iterator]();
    const world = new World(later, () => flips.next().value as boolean);
    initialDisk(world);
    world.track(world.model.scan(MAIN));
    await fc.scheduledModelRun(s, () => ({ model: {}, real: world }), cmds);
    await drain(s, world);
    const got = lessonOf(world);
    const want = lessonOf(await freshScan(world));
    assert.deepEqual(got.keys, want.keys, 'the walkthrough keys');
    assert.deepEqual(got.checks, want.checks, 'the Lesson Checks');
    assert.deepEqual(got.files, want.files, 'the indexed files');
  },
);

/** The initial workspace in a world whose work runs at once, reading the disk when each analysis runs. */
function immediateWorld(): World {
  const immediate: Schedule = (value) =>
    Promise.resolve(typeof value === 'function' ? (value as () => never)() : value);
  const world = new World(immediate, () => false);
  initialDisk(world);
  return world;
}

async function quiet(world: World): Promise<void> {
  for (let i = 0; i < 100 && world.busy(); i++) await new Promise((r) => setImmediate(r));
  await world.model.idle();
}

describe('workspace model: random interleavings end where a fresh scan of the final files does', function () {
  this.timeout(120_000);

  it('2,000 interleavings of disk, folder, config and editor news with late and reordered analyses', async () => {
    await fc.assert(property, { numRuns: 2000 });
  });

  // The integration layer's sandwich test failed on this under load (1 run in 3): the scan pre-filtered
  // app/layout.tsx while it was open in the editor, so it never analysed it and the worker kept the text it read;
  // the learner fixed the nesting and saved, and the save's re-index was answered from that kept text.
  it('a file open during the scan, then edited and saved, is indexed as saved', async () => {
    const world = immediateWorld();
    const layout = World.keyOf(MAIN, 'app/layout.tsx');
    world.open(layout);
    await world.model.scan(MAIN);
    world.edit(layout, LAYOUT(false, true));
    await quiet(world);
    world.save(layout);
    await quiet(world);
    const indexed = world.model.files().find((f) => f.path === 'app/layout.tsx');
    assert.equal(indexed?.facts.sandwichCorrect, true, 'the saved nesting');
    assert.deepEqual(lessonOf(world).files, lessonOf(await freshScan(world)).files);
  });

  // Replays a counterexample the property found: convex/messages.ts open with unsaved edits, then replaced on disk
  // (deleted, written again). The deletion dropped the editor's entry and the disk's text took its place, though
  // unsaved edits win over the disk. The path replays that one case (run 1261 of the seed) and nothing else.
  it('a file with unsaved edits replaced on disk stays the editor’s (replay of seed -88605854)', async () => {
    await fc.assert(property, { seed: -88605854, path: '1261', endOnFailure: true });
  });

  // Replays a counterexample the property found: a second workspace folder added and removed while the scans ran.
  // Its scan stored its convex/messages.ts (a function that needs a signed-in user) without settling; app/page.tsx
  // was stored joined with it; the removal's settle found the same identity functions as the last settle, joined
  // nothing again, and page.tsx kept a query-before-auth finding about a file no longer in the workspace.
  it('a removed workspace folder’s identity functions leave no finding behind (replay of seed 564880419)', async () => {
    await fc.assert(property, { seed: 564880419, path: '607', endOnFailure: true });
  });

  // CI failed on this in the integration layer: a test deleted a file just after closing its tab, the watcher never
  // reported the delete, and the document VS Code kept (minutes after its tab closed) held the file in the index,
  // its finding holding the sandwich step back. A tab closing hands the file to the disk.
  it('a file deleted with no watcher event is forgotten once its tab closes, though VS Code keeps the document', async () => {
    const world = immediateWorld();
    const page = World.keyOf(MAIN, 'app/page.tsx');
    await world.model.scan(MAIN);
    world.open(page);
    await quiet(world);
    world.removeUnseen(page);
    world.editorAnalysis(page); // the controller analyses the kept document again (other inputs changed)
    await quiet(world);
    assert.ok(
      world.model.files().some((f) => f.path === 'app/page.tsx'),
      'still the editor’s while its tab shows',
    );
    world.hideTab(page);
    await quiet(world);
    assert.ok(world.docs.has(page), 'VS Code still keeps the document');
    assert.deepEqual(
      world.model.files().map((f) => f.path),
      lessonOf(await freshScan(world)).files.map((f) => f.path),
    );
    assert.ok(!world.model.files().some((f) => f.path === 'app/page.tsx'));
    world.editorAnalysis(page); // and an analysis of the kept document does not bring it back
    await quiet(world);
    assert.ok(!world.model.files().some((f) => f.path === 'app/page.tsx'));
  });

  // Found reading settle() after the replay above, the same gap on the editor's side: a document opened while the
  // scan ran was analysed with the provider component the scan had just stored; the provider was deleted before the
  // scan settled, so the inputs were back to those last announced, the editor was never told to analyse again, and
  // Shell.tsx kept "rendered outside the provider" about a provider that no longer exists.
  it('a document analysed with inputs a scan held only for a moment is analysed again', async () => {
    const hand = handScheduler();
    const world = new World(hand.later, () => false);
    const provider = World.keyOf(MAIN, 'components/ConvexClientProvider.tsx');
    const shell = World.keyOf(MAIN, 'components/Shell.tsx');
    world.disk.set(provider, PROVIDER(true));
    world.track(world.model.scan(MAIN));
    await hand.release(`scan ${MAIN}`);
    await hand.release('analyse components/ConvexClientProvider.tsx');
    world.disk.set(shell, GATED);
    world.open(shell);
    world.remove(provider);
    await hand.release(`deleted ${provider}`);
    await hand.release('editor components/Shell.tsx');
    await hand.releaseAll();
    await world.model.idle();
    const got = lessonOf(world).files;
    assert.deepEqual(
      got.map((f) => f.path),
      ['components/Shell.tsx'],
    );
    assert.deepEqual(got, lessonOf(await freshScan(world)).files);
  });
});
