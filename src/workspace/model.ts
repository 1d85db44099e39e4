// The workspace's analysed files as plain state, and every decision about them: which analysis may still be
// stored when it finishes, what a deleted file or folder voids, when closed files are checked again against the
// provider components and configs indexed now, and when identity functions are joined again. Free of vscode:
// the adapter (src/features/services/workspaceIndex.ts) does the I/O through WorkspaceIO and publishes the
// events; test/unit/workspace/model.test.ts runs this model through random interleavings.
//
// One rule orders everything: news of a file (an event on disk, a folder deleted, the editor's analysis) gets a
// number, and work on the file begun before its latest news stores nothing when it finishes. Many analyses run at
// once and finish in any order; an analysis begun before a delete must not bring the file back.
import {
  componentContext,
  componentKey,
  withIdentityFunctions,
  type ComponentContext,
  type IndexedIdentityFunctions,
} from '../analysis/crossFile';
import type { FileAnalysis, FileFacts, Finding } from '../analysis/types';
import { isUnderAny } from '../project/paths';

/** A file of the workspace, as the model knows it. */
export interface WorkspaceFile {
  /** Identity (the adapter's URI string). */
  key: string;
  /** Workspace-relative path with "/". */
  path: string;
  /** The key of the workspace folder it is in. */
  folder: string;
}

export interface ProviderComponent {
  path: string;
  exportName: string;
}

/** What other files say that a file's analysis depends on, when its analysis said it does (see `crossFile`). */
export type CrossFileInputs = Required<ComponentContext> & { projectHasIdentityFunctions: boolean };

/** A file on disk, analysed (or not) as it is now. */
export type DiskAnalysis =
  | {
      kind: 'analysed';
      analysis: FileAnalysis;
      /** Identifies the text analysed. */
      fingerprint: string;
      /** Its result depends on other files (provider components, whether the project has identity functions). */
      crossFile: boolean;
    }
  /** The text is the one given as `unless` (the one indexed): not analysed again. */
  | { kind: 'unchanged' }
  /** Not worth analysing (the pre-filter or the size cap said no). */
  | { kind: 'skipped' }
  /** Not there (any more). */
  | { kind: 'absent' }
  /** Could not tell: too costly, out of time on a busy machine, unreadable, the worker failed. */
  | { kind: 'unknown'; reason: string };

/** The model's I/O, done by the adapter (or a test's simulation). */
export interface WorkspaceIO {
  /** The files of a workspace folder worth analysing, in batches as they are found and pre-filtered. */
  scan(folder: string): AsyncIterable<WorkspaceFile[]>;
  /**
   * The file as it is on disk now, analysed with these inputs from other files; "unchanged" (not analysed) when its
   * text has the fingerprint `unless`. Never rejects.
   */
  analyse(file: WorkspaceFile, inputs: CrossFileInputs, unless?: string): Promise<DiskAnalysis>;
  /** The editor has the file open with unsaved changes: its text, not the disk's, is the file. */
  isDirty(key: string): boolean;
  /** The editor has the file open: its analyses come from the editor (editorAnalysed). */
  isOpen(key: string): boolean;
}

export interface IndexedFile {
  path: string;
  uri: string;
  facts: FileFacts;
  findings: readonly Finding[];
}

interface Entry {
  file: WorkspaceFile;
  /** As analysed (query-before-auth joined with the identity functions known then, or none). */
  analysis: FileAnalysis;
  /** `analysis.findings` joined with the identity functions indexed now. */
  findings: Finding[];
  fingerprint: string;
  crossFile: boolean;
  /** The check key (checkKey()) it was analysed against, for a file from disk whose result depends on others. */
  checkedWith?: string;
  /** From the editor: `dirty` when its text was not saved (the disk is read again once the editor lets go). */
  editor?: { dirty: boolean };
}

export interface WorkspaceEvents {
  /** Any file's facts or findings changed. */
  facts(): void;
  /**
   * What analyses take from other files changed: analyse open documents again, those whose text depends on other
   * files (dependsOnOtherFiles), or all of them when a config changed (`all`).
   */
  inputs(all: boolean): void;
  /** The identity functions changed: open documents' query sites are to be joined again. */
  identity(): void;
}

/** How many disk analyses of a scan run at once (each waits on the worker; more lanes keep it busy). */
const LANES = 16;
/**
 * Folder deletions remembered (one per burst of folder events and workspace folder, whatever it held): work in
 * flight is far younger than the oldest of these, so forgetting older ones voids nothing that should be voided.
 */
const FOLDER_NEWS_KEPT = 256;

export class WorkspaceModel {
  private readonly entries = new Map<string, Entry>();
  /** The number of the latest news of each file (see the file comment); 0 for none. */
  private readonly news = new Map<string, number>();
  /** Folders deleted (workspace-relative, per workspace folder), with the number of that news. */
  private folderNews: FolderNews[] = [];
  private clock = 0;
  /** Deleted on disk: a clean document of it that lingers in the editor is not put back. */
  private readonly deleted = new Set<string>();
  /** When each file was last said to exist (a create or change on disk, a dirty document): a later folder delete wins. */
  private readonly existed = new Map<string, number>();
  /** Workspace folders that left the workspace: late news of their files is not the workspace's. */
  private readonly removedFolders = new Set<string>();
  /** Files whose analysis could not tell, with why (they count as not measured). */
  private readonly unknown = new Map<string, { file: WorkspaceFile; reason: string }>();
  /** Bumped when a config (tsconfig/jsconfig) changed: every file from disk is checked again. */
  private configGeneration = 0;
  private announced = { inputs: this.checkKey(), identity: '[]', config: 0 };
  private scans = 0;
  private rechecking: Promise<void> | undefined;
  private busy = 0;
  private waiters: (() => void)[] = [];
  private disposed = false;

  constructor(
    private readonly io: WorkspaceIO,
    private readonly on: WorkspaceEvents,
    private readonly onError: (step: string, err: unknown) => void = () => undefined,
  ) {}

  // ---- what the adapter and the lesson read

  /** Every analysed file, by path. */
  files(): IndexedFile[] {
    return [...this.entries.values()]
      .map((e) => ({ path: e.file.path, uri: e.file.key, facts: e.analysis.facts, findings: e.findings }))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  }

  /** Files whose analysis could not tell (too costly, out of time, unreadable), with why. */
  unmeasured(): { path: string; uri: string; reason: string }[] {
    return [...this.unknown.values()].map((u) => ({ path: u.file.path, uri: u.file.key, reason: u.reason }));
  }

  /** Components of the workspace that render ConvexProviderWithClerk. */
  providerComponents(): ProviderComponent[] {
    const list: ProviderComponent[] = [];
    for (const e of this.entries.values())
      for (const exportName of e.analysis.facts.exportsConvexProviderComponents)
        list.push({ path: e.file.path, exportName });
    return list.sort((a, b) => compareStrings(`${a.path}#${a.exportName}`, `${b.path}#${b.exportName}`));
  }

  /** Each analysed file's path and facts, in path order. */
  private analysedFiles(): { path: string; facts: FileFacts }[] {
    return this.sortedEntries().map((e) => ({ path: e.file.path, facts: e.analysis.facts }));
  }

  /** Every indexed Convex function that needs a signed-in user, with the path of its file. */
  identityFunctions(): IndexedIdentityFunctions {
    const functions: IndexedIdentityFunctions = [];
    for (const e of this.sortedEntries())
      for (const f of e.analysis.facts.identityFunctions ?? []) functions.push({ ...f, path: e.file.path });
    return functions;
  }

  /** What a file's analysis needs from the others now. */
  inputs(): CrossFileInputs {
    return {
      ...componentContext(this.analysedFiles()),
      convexProviderComponents: this.providerComponents(),
      projectHasIdentityFunctions: this.identityFunctions().length > 0,
    };
  }

  /** An analysis with its query-before-auth findings joined with the functions indexed now. */
  rejoin(analysis: FileAnalysis): FileAnalysis {
    return analysis.querySites ? withIdentityFunctions(analysis, this.identityFunctions()) : analysis;
  }

  /** Resolves once no scan, analysis or re-check is under way (and every change was announced). */
  idle(): Promise<void> {
    if (this.busy === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /**
   * Resolves once no re-check pass is under way: after a scan, the files it analysed against a partial set of
   * provider components have been checked again (news of other files may still be under way).
   */
  async rechecked(): Promise<void> {
    while (this.rechecking && !this.disposed) await this.rechecking;
  }

  dispose(): void {
    this.disposed = true;
    this.entries.clear();
    for (const w of this.waiters.splice(0)) w();
  }

  // ---- news

  /** Scans a workspace folder (the first scan, or a folder added to the workspace). */
  scan(folder: string): Promise<void> {
    this.removedFolders.delete(folder);
    return this.track('index the workspace', () => this.runScan(folder));
  }

  /** A file created or changed on disk (a `git checkout`, codegen, another tool, a save). */
  fileChanged(file: WorkspaceFile): Promise<void> {
    if (this.removedFolders.has(file.folder)) return Promise.resolve();
    this.deleted.delete(file.key);
    const at = this.bump(file.key);
    this.existed.set(file.key, at);
    // Unsaved edits win over the disk: the editor's analysis is the file's, until it saves or lets go.
    if (this.io.isDirty(file.key)) return Promise.resolve();
    return this.track(`re-index ${file.key}`, () => this.analyseNow(file, at));
  }

  /** A file deleted on disk. */
  fileDeleted(key: string): void {
    this.deleted.add(key);
    this.bump(key);
    // Unsaved edits win over the disk: an open document with them stays the file (documentClosed hands it back).
    if (this.io.isDirty(key)) return;
    this.unknown.delete(key);
    if (this.entries.delete(key)) this.settle(true);
  }

  /**
   * Folders deleted on disk (workspace-relative, in one workspace folder): every file under them is forgotten,
   * and work begun on any file under them, known yet or not, stores nothing. Except `spared`: files with news
   * since the deletion was looked at (written again meanwhile; that news decides).
   */
  foldersDeleted(folder: string, paths: ReadonlySet<string>, spared: ReadonlySet<string> = new Set()): void {
    if (paths.size === 0) return;
    const news: FolderNews = { folder, paths, at: ++this.clock, spared };
    this.noteFolderNews(news);
    let changed = false;
    for (const [key, e] of this.entries) {
      if (!holds(news, e.file)) continue;
      this.deleted.add(key);
      this.bump(key);
      if (this.io.isDirty(key)) continue;
      this.entries.delete(key);
      changed = true;
    }
    for (const [key, u] of this.unknown) if (holds(news, u.file)) this.unknown.delete(key);
    this.settle(changed);
  }

  /** The number of the latest news: a listing begun now passes it to folderSwept(). */
  now(): number {
    return this.clock;
  }

  /**
   * A folder created (or deleted and created again within one burst of events) was listed: every file found is
   * news (its own event may be missing), and a file known under it that the listing did not find is gone, unless
   * news of it came after the listing began (`since`, from now()): that news decides.
   */
  folderSwept(folder: string, dir: string, found: readonly WorkspaceFile[], since: number): Promise<void> {
    if (this.removedFolders.has(folder)) return Promise.resolve();
    const listed = new Set(found.map((f) => f.key));
    const under: FolderNews = { folder, paths: new Set([dir]), at: since, spared: new Set() };
    for (const [key, e] of this.entries)
      if (holds(under, e.file) && !listed.has(key) && (this.news.get(key) ?? 0) <= since) this.fileDeleted(key);
    return Promise.all(found.map((f) => this.fileChanged(f))).then(() => undefined);
  }

  /** A workspace folder left the workspace: its files are forgotten. */
  folderRemoved(folder: string): void {
    this.removedFolders.add(folder);
    this.noteFolderNews({ folder, paths: new Set(['']), at: ++this.clock, spared: new Set() });
    let changed = false;
    for (const [key, e] of this.entries) {
      if (e.file.folder !== folder) continue;
      this.bump(key);
      this.entries.delete(key);
      changed = true;
    }
    for (const [key, u] of this.unknown) if (u.file.folder === folder) this.unknown.delete(key);
    this.settle(changed);
  }

  /** A tsconfig/jsconfig changed: every file's aliases may differ, so every file is checked again. */
  configChanged(): void {
    this.configGeneration++;
    this.settle(false);
  }

  /**
   * The editor's analysis of an open document (undefined: the document is not analysed, e.g. over the size cap),
   * taken as it is instead of analysing the same text a second time.
   */
  editorAnalysed(
    file: WorkspaceFile,
    result: { analysis: FileAnalysis; fingerprint: string; crossFile: boolean } | undefined,
    dirty: boolean,
  ): void {
    if (this.removedFolders.has(file.folder) || (!dirty && this.gone(file))) return;
    this.deleted.delete(file.key);
    const at = this.bump(file.key);
    if (dirty) this.existed.set(file.key, at);
    this.unknown.delete(file.key);
    if (!result) {
      if (this.entries.delete(file.key)) this.settle(true);
      return;
    }
    this.settle(this.store(file, { kind: 'analysed', ...result }, undefined, { dirty }));
  }

  /**
   * The editor let go of a document (closed it): the file is the disk's again, and is read from disk again. Its
   * unsaved text may never reach the disk (closed without saving); while open it was analysed against the editor's
   * inputs; and a scan skipped it as the editor's, whose analysis may never have come (closed first).
   */
  documentClosed(file: WorkspaceFile): Promise<void> {
    return this.fileChanged(file);
  }

  // ---- the decisions

  private noteFolderNews(news: FolderNews): void {
    this.folderNews.push(news);
    if (this.folderNews.length > FOLDER_NEWS_KEPT) this.folderNews.shift();
  }

  private bump(key: string): number {
    const at = ++this.clock;
    this.news.set(key, at);
    return at;
  }

  /**
   * Deleted on disk, by its own event or its folder's, since it was last said to exist: a clean document of it that
   * lingers in the editor shows a file that is not there.
   */
  private gone(file: WorkspaceFile): boolean {
    if (this.deleted.has(file.key)) return true;
    const existed = this.existed.get(file.key) ?? 0;
    return this.folderNews.some((n) => n.at > existed && holds(n, file));
  }

  /** True when news of the file (or of a folder holding it) came after `since`: that news decides, not this work. */
  private overtaken(file: WorkspaceFile, since: number): boolean {
    if ((this.news.get(file.key) ?? 0) > since) return true;
    return this.folderNews.some((n) => n.at > since && holds(n, file));
  }

  private async analyseNow(file: WorkspaceFile, since: number): Promise<void> {
    // What it is analysed against, taken now: inputs that change meanwhile make it stale (recheck()).
    const checkedWith = this.checkKey();
    // News of a file indexed as it is (an event that repeats one, a folder's sweep, a clean document's own
    // save) costs a read, not an analysis.
    const known = this.entries.get(file.key);
    const current = known && (known.editor ? this.io.isOpen(file.key) : this.upToDate(known, checkedWith));
    const unless = current ? known.fingerprint : undefined;
    const result = await this.io.analyse(file, this.inputs(), unless);
    if (this.disposed || this.overtaken(file, since)) return;
    if (result.kind === 'unchanged') {
      // Still the entry it was compared with (news since would have overtaken this): nothing to store.
      this.settle(false);
      return;
    }
    this.settle(this.apply(file, result, checkedWith));
  }

  /** Stores what a disk analysis found; true when any file's facts or findings changed. */
  private apply(file: WorkspaceFile, result: DiskAnalysis, checkedWith: string): boolean {
    if (result.kind === 'unchanged') return false;
    if (result.kind === 'analysed') {
      this.unknown.delete(file.key);
      return this.store(file, result, checkedWith);
    }
    if (result.kind === 'unknown') this.unknown.set(file.key, { file, reason: result.reason });
    else this.unknown.delete(file.key);
    return this.entries.delete(file.key);
  }

  private store(
    file: WorkspaceFile,
    result: Extract<DiskAnalysis, { kind: 'analysed' }>,
    checkedWith: string | undefined,
    editor?: { dirty: boolean },
  ): boolean {
    const previous = this.entries.get(file.key);
    const entry: Entry = {
      file,
      analysis: result.analysis,
      findings: this.rejoin(result.analysis).findings,
      fingerprint: result.fingerprint,
      crossFile: result.crossFile,
    };
    if (checkedWith !== undefined && !editor) entry.checkedWith = checkedWith;
    if (editor) entry.editor = editor;
    this.entries.set(file.key, entry);
    return (
      !previous ||
      JSON.stringify([previous.analysis.facts, previous.findings]) !==
        JSON.stringify([entry.analysis.facts, entry.findings])
    );
  }

  /** What a file from disk whose result depends on other files was analysed against. */
  private checkKey(): string {
    // componentKey covers the provider components, the other exported components and hooks, and the identity.
    return `${this.configGeneration}|${componentKey(this.analysedFiles())}`;
  }

  private identityKey(): string {
    return JSON.stringify(this.identityFunctions());
  }

  /**
   * After a change: join every file's query sites with changed identity functions (no re-analysis), announce,
   * and check again files whose result depends on what changed.
   */
  private settle(changed: boolean): void {
    if (this.disposed) return;
    let any = changed;
    const identity = this.identityKey();
    if (identity !== this.announced.identity) {
      this.announced.identity = identity;
      const functions = this.identityFunctions();
      for (const e of this.entries.values()) {
        if (!e.analysis.querySites) continue;
        const joined = withIdentityFunctions({ ...e.analysis, findings: e.findings }, functions).findings;
        if (JSON.stringify(joined) === JSON.stringify(e.findings)) continue;
        e.findings = joined;
        any = true;
      }
      this.on.identity();
    }
    const inputs = this.checkKey();
    if (inputs !== this.announced.inputs) {
      const all = this.configGeneration !== this.announced.config;
      this.announced = { ...this.announced, inputs, config: this.configGeneration };
      this.on.inputs(all);
    }
    if (any) this.on.facts();
    this.recheck();
  }

  /** Whether a file from disk was analysed against what `key` (checkKey()) says about the others today. */
  private upToDate(e: Entry, key: string): boolean {
    return e.crossFile ? e.checkedWith === key : e.checkedWith?.startsWith(`${this.configGeneration}|`) === true;
  }

  /** Files from disk analysed against other inputs than today's, not open in the editor. */
  private stale(): Entry[] {
    const key = this.checkKey();
    // The editor's analyses are its own business while it holds the file (documentClosed hands it back).
    return this.sortedEntries().filter((e) => !e.editor && !this.io.isOpen(e.file.key) && !this.upToDate(e, key));
  }

  /**
   * Analyses stale closed files again, one at a time: inputs that change meanwhile (a branch switch brings many
   * provider components) make more files stale, not a pass each; an entry is tried once per check key. Not while
   * a scan runs: its end settles, and the re-checks then see everything it found.
   */
  private recheck(): void {
    if (this.scans > 0 || this.disposed || this.rechecking) return;
    const tried = new Map<Entry, string>();
    const run = async (): Promise<void> => {
      for (;;) {
        if (this.disposed || this.scans > 0) return;
        const key = this.checkKey();
        const e = this.stale().find((s) => tried.get(s) !== key);
        if (!e) return;
        tried.set(e, key);
        const since = this.clock;
        const result = await this.io.analyse(e.file, this.inputs());
        // Replaced, removed or news of it meanwhile: that decides.
        if (this.disposed || this.overtaken(e.file, since) || this.entries.get(e.file.key) !== e) continue;
        this.settle(this.apply(e.file, result, key));
      }
    };
    this.rechecking = this.track('check files again against changed inputs', run).finally(() => {
      this.rechecking = undefined;
      // A settle between the last look and now found a pass still running: look once more.
      if (!this.disposed && this.scans === 0 && this.stale().length > 0) this.recheck();
    });
  }

  private async runScan(folder: string): Promise<void> {
    this.scans++;
    const since = this.clock;
    let changed = false;
    try {
      const queue: WorkspaceFile[] = [];
      let listed = false;
      const sleeping: (() => void)[] = [];
      const wake = (): void => {
        for (const resume of sleeping.splice(0)) resume();
      };
      const next = async (): Promise<WorkspaceFile | undefined> => {
        for (;;) {
          const file = queue.shift();
          if (file || listed || this.disposed) return file;
          await new Promise<void>((resume) => sleeping.push(resume));
        }
      };
      const lane = async (): Promise<void> => {
        for (let file = await next(); file; file = await next()) {
          // Open documents come from the editor; news of a file since the scan began decides for it.
          if (this.io.isOpen(file.key) || this.overtaken(file, since)) continue;
          const checkedWith = this.checkKey();
          const result = await this.io.analyse(file, this.inputs());
          if (this.disposed || this.overtaken(file, since) || this.io.isOpen(file.key)) continue;
          changed = this.apply(file, result, checkedWith) || changed;
        }
      };
      const lanes = Array.from({ length: LANES }, lane);
      try {
        for await (const batch of this.io.scan(folder)) {
          queue.push(...batch);
          wake();
          if (this.disposed) break;
        }
      } finally {
        listed = true;
        wake();
        await Promise.all(lanes);
      }
    } finally {
      this.scans--;
    }
    this.settle(changed);
  }

  private sortedEntries(): Entry[] {
    return [...this.entries.values()].sort((a, b) => compareStrings(a.file.key, b.file.key));
  }

  /** Counts work under way for idle(); a failure is reported, never thrown at an event's sender. */
  private async track(step: string, work: () => Promise<void>): Promise<void> {
    this.busy++;
    try {
      await work();
    } catch (err) {
      this.onError(step, err);
    } finally {
      if (--this.busy === 0) for (const w of this.waiters.splice(0)) w();
    }
  }
}

/** Folders deleted (`paths`, "" for the whole workspace folder), at clock `at`, but for the `spared` files. */
interface FolderNews {
  folder: string;
  paths: ReadonlySet<string>;
  at: number;
  spared: ReadonlySet<string>;
}

/** Whether deleted folders held the file. */
function holds(deleted: FolderNews, file: WorkspaceFile): boolean {
  return (
    deleted.folder === file.folder &&
    !deleted.spared.has(file.key) &&
    (deleted.paths.has('') || isUnderAny(file.path, deleted.paths))
  );
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
