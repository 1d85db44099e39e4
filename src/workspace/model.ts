// The workspace's analysed files as plain state, and every decision about them: which analysis may still be
// stored when it finishes, what a deleted file or folder voids, when closed files are checked again against the
// provider components and configs indexed now, and when identity functions are joined again. Free of vscode:
// the adapter (src/features/services/workspaceIndex.ts) does the I/O through WorkspaceIO and publishes the
// events; test/unit/workspace/model.test.ts runs this model through random interleavings.
//
// One rule orders everything: news of a file (an event on disk, a folder deleted, the editor's analysis) gets a
// number, and work on the file begun before its latest news stores nothing when it finishes. Many analyses run at
// once and finish in any order; an analysis begun before a delete must not bring the file back.
import type { FileAnalysis } from '../analysis/types';
import { CheckedFiles } from './checkKeys';
import type { Entry } from './indexedFiles';
import { holds, NewsLog, type FolderNews } from './news';
import { runLanes } from './scanLanes';
import type { CrossFileInputs, DiskAnalysis, WorkspaceEvents, WorkspaceFile, WorkspaceIO } from './types';
import { WorkTracker } from './workTracker';

/** How many disk analyses of a scan run at once (each waits on the worker; more lanes keep it busy). */
const LANES = 16;

export class WorkspaceModel extends CheckedFiles {
  private readonly newsLog = new NewsLog();
  /** Workspace folders that left the workspace: late news of their files is not the workspace's. */
  private readonly removedFolders = new Set<string>();
  private announced = { inputs: this.checkKey(), identity: '[]', config: 0 };
  /**
   * inputs() handed to the editor while they differed from those announced (a scan stores without settling): the
   * next settle announces even if they are back to those announced, or the editor keeps what it was given.
   */
  private lentAhead = false;
  private scans = 0;
  private rechecking: Promise<void> | undefined;
  private readonly work: WorkTracker;
  private disposed = false;

  constructor(
    private readonly io: WorkspaceIO,
    private readonly on: WorkspaceEvents,
    onError: (step: string, err: unknown) => void = () => undefined,
  ) {
    super(io.join);
    this.work = new WorkTracker(onError);
  }

  /** Resolves once no scan, analysis or re-check is under way (and every change was announced). */
  idle(): Promise<void> {
    return this.work.idle();
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
    this.work.release();
  }

  /** What an open document's analysis needs from the other files now (identity functions are joined after). */
  inputs(): CrossFileInputs {
    if (!this.lentAhead && this.checkKey() !== this.announced.inputs) this.lentAhead = true;
    return this.crossFileInputs();
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
    const at = this.newsLog.present(file.key, true);
    // Unsaved edits win over the disk: the editor's analysis is the file's, until it saves or lets go.
    if (this.io.isDirty(file.key)) return Promise.resolve();
    return this.track(`re-index ${file.key}`, () => this.analyseNow(file, at));
  }

  /** A file deleted on disk. */
  fileDeleted(key: string): void {
    this.newsLog.fileDeleted(key);
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
    const news = this.newsLog.foldersDeleted(folder, paths, spared);
    let changed = false;
    for (const [key, e] of this.entries) {
      if (!holds(news, e.file)) continue;
      this.newsLog.fileDeleted(key);
      if (this.io.isDirty(key)) continue;
      this.entries.delete(key);
      changed = true;
    }
    for (const [key, u] of this.unknown) if (holds(news, u.file)) this.unknown.delete(key);
    this.settle(changed);
  }

  /** The number of the latest news: a listing begun now passes it to folderSwept(). */
  now(): number {
    return this.newsLog.now();
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
      if (holds(under, e.file) && !listed.has(key) && this.newsLog.latest(key) <= since) this.fileDeleted(key);
    return Promise.all(found.map((f) => this.fileChanged(f))).then(() => undefined);
  }

  /** A workspace folder left the workspace: its files are forgotten. */
  folderRemoved(folder: string): void {
    this.removedFolders.add(folder);
    this.newsLog.foldersDeleted(folder, new Set(['']), new Set());
    let changed = false;
    for (const [key, e] of this.entries) {
      if (e.file.folder !== folder) continue;
      this.newsLog.bump(key);
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
    if (this.removedFolders.has(file.folder) || (!dirty && this.newsLog.gone(file))) return;
    if (!this.io.isOpen(file.key)) {
      // A document the editor does not hold (its tab closed, or never shown): the file is the disk's.
      void this.editorLetGo(file);
      return;
    }
    this.newsLog.present(file.key, dirty);
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

  /**
   * The editor stopped holding a document it has not closed (its last tab closed, its text clean): a file the editor
   * had indexed is read from disk again. The disk may have lost it without an event (a watcher that missed the
   * delete, or files.watcherExclude): without this read it would count until VS Code lets go, minutes later.
   */
  editorLetGo(file: WorkspaceFile): Promise<void> {
    if (this.io.isOpen(file.key)) return Promise.resolve();
    const known = this.entries.get(file.key);
    // The disk's own entry stands. The editor's, or none (the index waited for the editor's analysis), is read.
    if (known && !known.editor) return Promise.resolve();
    return this.fileChanged(file);
  }

  // ---- the decisions

  private overtaken(file: WorkspaceFile, since: number): boolean {
    return this.newsLog.overtaken(file, since);
  }

  private async analyseNow(file: WorkspaceFile, since: number): Promise<void> {
    // What it is analysed against, taken now: inputs that change meanwhile make it stale (recheck()).
    const checkedWith = this.checkKey();
    // News of a file indexed as it is (an event that repeats one, a folder's sweep, a clean document's own
    // save) costs a read, not an analysis.
    const known = this.entries.get(file.key);
    const current = known && (known.editor ? this.io.isOpen(file.key) : this.upToDate(known, checkedWith));
    const unless = current ? known.fingerprint : undefined;
    const result = await this.io.analyse(file, this.crossFileInputs(), unless);
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

  /**
   * After a change: join every file's query sites with changed identity functions (no re-analysis), announce,
   * and check again files whose result depends on what changed. Entries stored since the last settle were joined
   * with that settle's functions (IndexedFiles.rejoin), so a change back to them between two settles leaves none
   * joined with functions gone meanwhile.
   */
  private settle(changed: boolean): void {
    if (this.disposed) return;
    let any = changed;
    const identity = this.identityKey();
    if (identity !== this.announced.identity) {
      this.announced.identity = identity;
      any = this.rejoinAll() || any;
      this.on.identity();
    }
    const inputs = this.checkKey();
    if (inputs !== this.announced.inputs || this.lentAhead) {
      this.lentAhead = false;
      const all = this.configGeneration !== this.announced.config;
      this.announced = { ...this.announced, inputs, config: this.configGeneration };
      this.on.inputs(all);
    }
    if (any) this.on.facts();
    this.recheck();
  }

  /**
   * The first file from disk (in key order) analysed against other inputs than today's, not open in the editor,
   * that `skip` does not rule out. Asks the editor (isOpen) only of files that are stale otherwise: a monorepo's
   * re-check pass looks once per file it analyses again, over every file indexed.
   */
  private firstStale(skip: (e: Entry) => boolean = () => false): Entry | undefined {
    const key = this.checkKey();
    // The editor's analyses are its own business while it holds the file (documentClosed hands it back).
    return this.sortedEntries().find(
      (e) => !e.editor && !this.upToDate(e, key) && !skip(e) && !this.io.isOpen(e.file.key),
    );
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
        const e = this.firstStale((s) => tried.get(s) === key);
        if (!e) return;
        tried.set(e, key);
        const since = this.newsLog.now();
        const result = await this.io.analyse(e.file, this.crossFileInputs());
        // Replaced, removed or news of it meanwhile: that decides.
        if (this.disposed || this.overtaken(e.file, since) || this.entries.get(e.file.key) !== e) continue;
        if (result.kind === 'unknown') {
          // Could not tell this time (a busy machine, a worker restarted for another file): the text is the one
          // indexed, so its last analysis stands, marked as not measured now. Dropping it would drop what other files
          // take from it (a provider component), and their verdicts would pass on nothing.
          this.unknown.set(e.file.key, { file: e.file, reason: result.reason });
          e.checkedWith = key;
          continue;
        }
        this.settle(this.apply(e.file, result, key));
      }
    };
    this.rechecking = this.track('check files again against changed inputs', run).finally(() => {
      this.rechecking = undefined;
      // A settle between the last look and now found a pass still running: look once more.
      if (!this.disposed && this.scans === 0 && this.firstStale()) this.recheck();
    });
  }

  private async runScan(folder: string): Promise<void> {
    this.scans++;
    const since = this.newsLog.now();
    let changed = false;
    try {
      await runLanes(
        this.io.scan(folder),
        LANES,
        async (file) => {
          // Open documents come from the editor; news of a file since the scan began decides for it.
          if (this.io.isOpen(file.key) || this.overtaken(file, since)) return;
          const checkedWith = this.checkKey();
          // The scan's own pre-filter read the file after `since`: news since then overtakes this.
          const result = await this.io.analyse(file, this.crossFileInputs(), undefined, true);
          if (this.disposed || this.overtaken(file, since) || this.io.isOpen(file.key)) return;
          changed = this.apply(file, result, checkedWith) || changed;
        },
        () => this.disposed,
      );
    } finally {
      this.scans--;
    }
    this.settle(changed);
  }

  private track(step: string, work: () => Promise<void>): Promise<void> {
    return this.work.track(step, work);
  }
}
