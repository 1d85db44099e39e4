// The workspace's analysed files, for the walkthrough and the cross-file rules (a layout rendering the project's
// own ConvexClientProvider, a page querying a function that needs a user). Every decision lives in the vscode-free
// model (src/workspace/model.ts); this adapter does its I/O (the scan, reads and analyses in the worker, open
// documents) and turns VS Code's events into the model's news: watchers on source files and configs, folder
// bursts (FolderEvents), workspace folders added and removed, and the editor's own analyses (accept()).
import * as vscode from 'vscode';
import { shouldAnalyse } from '../../analysis/prefilter';
import type { AnalysisContext, FileAnalysis } from '../../analysis/types';
import type { MeasuredFile } from '../../lessonState';
import { joins } from '../../lazy';
import { moduleAliasesFor, type ModuleAliases } from '../../project/tsconfigPaths';
import {
  CONFIG_GLOB,
  isConfigFile,
  isIndexedSource,
  SOURCE_EXCLUDE_GLOB,
  SOURCE_GLOB,
} from '../../project/sourceFiles';
import type { ProjectSnapshot } from '../../project/types';
import { textFingerprint } from '../../worker/protocol';
import { WorkspaceModel } from '../../workspace/model';
import type { CrossFileInputs, DiskAnalysis, WorkspaceFile, WorkspaceIO } from '../../workspace/types';
import { logFailure, type Log } from '../log';
import { deletedIn, type FolderChanges, type FolderEvents } from '../project/folderEvents';
import type { ProjectService } from '../project/projectService';
import { MAX_CONFIG_BYTES, readText, relativePathIn } from '../project/workspaceFiles';
import type { AnalysisResult, AnalysisService } from './analysisService';
import { maxSourceBytes } from './sizeCap';
import { diskFile, MAX_FILES, scanFolder } from './workspaceScan';
import { fileOf, heldDocument, openDocument, tabDocumentKeys } from './workspaceUris';

export class WorkspaceIndex implements vscode.Disposable {
  private readonly model: WorkspaceModel;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after any file's facts or findings changed (also announced as `analysisChanged` lesson events). */
  readonly onDidChangeFacts = this.changed.event;
  private readonly inputsChanged = new vscode.EventEmitter<{ all: boolean }>();
  /**
   * Fires when what analyses take from other files changed (provider components, whether identity functions
   * exist, configs): documents that depend on other files (`all`: every document) are to be analysed again.
   */
  readonly onDidChangeInputs = this.inputsChanged.event;
  private readonly identityChanged = new vscode.EventEmitter<void>();
  /** Fires when any file's identity functions changed: open documents' query sites are to be joined again. */
  readonly onDidChangeIdentityFunctions = this.identityChanged.event;
  private building: Promise<void> | undefined;
  private readonly disposables: vscode.Disposable[] = [this.changed, this.inputsChanged, this.identityChanged];
  /** Config texts by URI, shared by every file's lookup; dropped whole when any config changes on disk. */
  private configTexts = new Map<string, Promise<string | undefined>>();
  /** Work this adapter started that the model does not know of yet (a created folder's search). */
  private pending = new Set<Promise<unknown>>();
  /** News of each file seen so far (tests wait for an event to arrive before they wait for quiet). */
  private readonly seen = new Map<string, number>();
  /** When each file's latest news arrived (performance.now()), to spare a file written again after a folder look. */
  private readonly arrived = new Map<string, number>();

  constructor(
    private readonly project: ProjectService,
    private readonly analysis: AnalysisService,
    private readonly log: Log,
    private readonly folders: FolderEvents,
  ) {
    this.model = new WorkspaceModel(
      this.io(),
      {
        facts: () => this.changed.fire(),
        inputs: (all) => this.inputsChanged.fire({ all }),
        identity: () => this.identityChanged.fire(),
      },
      (step, err) => logFailure(this.log, step, err),
    );
  }

  /** Cross-file knowledge for analysing one document (identity functions are joined afterwards: rejoin()). */
  contextFor(project: ProjectSnapshot | undefined, moduleAliases?: ModuleAliases): AnalysisContext {
    return contextOf(this.model.inputs(), project, moduleAliases);
  }

  /** An analysis with its query-before-auth findings joined with the functions the index last announced. */
  rejoin(analysis: FileAnalysis): FileAnalysis {
    return this.model.rejoin(analysis);
  }

  /** The `baseUrl`/`paths` of the file's nearest tsconfig/jsconfig (following `extends`); undefined without one. */
  async aliasesFor(uri: vscode.Uri): Promise<ModuleAliases | undefined> {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const path = folder && relativePathIn(folder.uri, uri);
    if (!folder || path === undefined) return undefined;
    const read = (rel: string): Promise<string | undefined> => {
      const target = vscode.Uri.joinPath(folder.uri, rel);
      const key = target.toString();
      let text = this.configTexts.get(key);
      if (!text) this.configTexts.set(key, (text = readText(target, MAX_CONFIG_BYTES, this.log)));
      return text;
    };
    return moduleAliasesFor(path, read);
  }

  /** The project snapshot for a file, or undefined when it cannot be read (rules then skip project checks). */
  async projectFor(uri: vscode.Uri): Promise<ProjectSnapshot | undefined> {
    try {
      return await this.project.getSnapshot(uri);
    } catch (err) {
      logFailure(this.log, 'read project for analysis', err, uri.toString());
      return undefined;
    }
  }

  /** Starts the initial scan (once) and the watchers; resolves once the scan and its re-checks are done. */
  ensureBuilt(): Promise<void> {
    return (this.building ??= this.build());
  }

  /** Every analysed file of the workspace (built on first call), with its facts and findings, by path. */
  async files(): Promise<readonly MeasuredFile[]> {
    await this.ensureBuilt();
    return this.model.files();
  }

  /** Files the index could not analyse (too costly, out of time, unreadable), with why. */
  unmeasured(): { path: string; uri: string; reason: string }[] {
    return this.model.unmeasured();
  }

  /**
   * Resolves once nothing is under way: the scan, folder bursts being collected, searches of created folders,
   * analyses and re-checks. Events VS Code has not delivered yet are not known here: a test that changed a file
   * first waits until the index has seen it (newsOf()).
   */
  async idle(): Promise<void> {
    for (;;) {
      await this.building;
      await this.folders.whenQuiet();
      await Promise.all(this.pending);
      await this.model.idle();
      if (this.pending.size === 0 && !this.folders.busy()) return;
    }
  }

  /** How many pieces of news of this file (or folder: created or deleted) the index has taken (tests). */
  newsOf(uri: vscode.Uri): number {
    return this.seen.get(uri.toString()) ?? 0;
  }

  /**
   * The editor's analysis of an open document (undefined: the document is not analysed, e.g. over the size cap).
   * The index takes it as it is instead of analysing the same text a second time.
   */
  accept(document: vscode.TextDocument, result: Extract<AnalysisResult, { kind: 'analysed' }> | undefined): void {
    const file = fileOf(document.uri);
    if (!file) return;
    this.note(file.key);
    this.model.editorAnalysed(file, result, document.isDirty);
  }

  /** The editor let go of a document: its file is the disk's again. */
  documentClosed(document: vscode.TextDocument): void {
    const file = fileOf(document.uri);
    if (file) this.track(this.model.documentClosed(file));
  }

  /** Tabs closed: a clean document no tab shows any more is the disk's again, though VS Code keeps it open. */
  private tabsClosed(tabs: readonly vscode.Tab[]): void {
    for (const key of tabDocumentKeys(tabs)) {
      const file = openDocument(key) && fileOf(vscode.Uri.parse(key));
      if (!file) continue;
      this.note(file.key);
      this.track(this.model.editorLetGo(file));
    }
  }

  dispose(): void {
    this.model.dispose();
    for (const d of this.disposables) d.dispose();
  }

  private note(key: string): void {
    this.seen.set(key, (this.seen.get(key) ?? 0) + 1);
    this.arrived.set(key, performance.now());
  }

  private track(work: Promise<unknown>): void {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }

  private io(): WorkspaceIO {
    return {
      scan: (folder) => scanFolder(this.analysis, this.log, folder),
      analyse: (file, inputs, unless, scanned) => this.analyseFile(file, inputs, unless, scanned),
      isDirty: (key) => openDocument(key)?.isDirty === true,
      isOpen: (key) => heldDocument(key) !== undefined,
      join: (...args) => joins().withIdentityFunctions(...args),
    };
  }

  /** Never rejects: a file that cannot be read or analysed is left out (and logged), the rest is still indexed. */
  private async build(): Promise<void> {
    this.watch();
    // The worker starts (and loads the parser) now: it lists local folders and reads their files for the scan.
    this.analysis.prestart();
    await Promise.all((vscode.workspace.workspaceFolders ?? []).map((f) => this.model.scan(f.uri.toString())));
    // Not idle(): files changing on disk meanwhile (a build, an install) must not hold the lesson's first look.
    await this.model.rechecked();
  }

  /** A file as it is on disk now: read and analysed in the worker where it can, else read here. */
  private async analyseFile(
    file: WorkspaceFile,
    inputs: CrossFileInputs,
    unless?: string,
    scanned?: boolean,
  ): Promise<DiskAnalysis> {
    const uri = vscode.Uri.parse(file.key);
    const [project, aliases] = await Promise.all([this.projectFor(uri), this.aliasesFor(uri)]);
    const context = contextOf(inputs, project, aliases);
    const maxBytes = maxSourceBytes(uri);
    if (this.analysis.readsDisk(uri)) {
      return this.analysis.analyseOnDisk(diskFile(file), maxBytes, context, unless, scanned);
    }
    const text = await readText(uri, maxBytes, this.log);
    if (text === undefined) return { kind: 'absent' };
    if (unless === textFingerprint(text)) return { kind: 'unchanged' };
    if (!shouldAnalyse(file.path, text)) return { kind: 'skipped' };
    const result = await this.analysis.analyse(file.path, text, context, 'background');
    if (result.kind === 'analysed') return result;
    return {
      kind: 'unknown',
      reason: result.kind === 'tooCostly' ? `still running after ${result.budgetMs} ms of CPU time` : result.reason,
    };
  }

  /** A config changed: every file's aliases may differ. */
  private configOnDisk(): void {
    this.configTexts = new Map();
    this.model.configChanged();
  }

  /** Files under a deleted folder are forgotten; a created folder's files are read (their own events may be missing). */
  private async onFolders(changes: FolderChanges): Promise<void> {
    // Files whose own news came after the folders were looked at (written again since) are spared.
    const spared = new Set<string>();
    for (const [key, at] of this.arrived) if (at > changes.lookedAt) spared.add(key);
    for (const gone of changes.deleted) this.note(gone);
    for (const dir of changes.created) this.note(dir.toString());
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const gone = deletedIn(changes, folder.uri);
      if (gone.size) this.model.foldersDeleted(folder.uri.toString(), gone, spared);
    }
    for (const dir of changes.created) {
      const where = fileOf(dir);
      if (!where) continue;
      // A folder deleted and created again within the burst is created too: what it held and no longer holds goes.
      const since = this.model.now();
      let found: vscode.Uri[] = [];
      let configs: vscode.Uri[] = [];
      try {
        [found, configs] = await Promise.all([
          vscode.workspace.findFiles(new vscode.RelativePattern(dir, SOURCE_GLOB), SOURCE_EXCLUDE_GLOB, MAX_FILES),
          vscode.workspace.findFiles(new vscode.RelativePattern(dir, CONFIG_GLOB), SOURCE_EXCLUDE_GLOB, 1),
        ]);
      } catch {
        // No search provider for this scheme: the files' own events are all there is.
        continue;
      }
      if (configs.some((uri) => this.counts(uri, isConfigFile))) this.configOnDisk();
      const files = found.flatMap((uri) => this.counts(uri, isIndexedSource) ?? []);
      for (const file of files) this.note(file.key);
      this.track(this.model.folderSwept(where.folder, where.path, files, since));
    }
  }

  /** The model's file for `uri` when the policy counts it (tested on its workspace-relative path). */
  private counts(uri: vscode.Uri, policy: (rel: string) => boolean): WorkspaceFile | undefined {
    const file = fileOf(uri);
    return file && policy(file.path) ? file : undefined;
  }

  private watch(): void {
    this.disposables.push(
      this.folders.onDidChange((changes) => this.track(this.followFolders(changes))),
      vscode.workspace.onDidChangeWorkspaceFolders((e) => {
        for (const removed of e.removed) this.model.folderRemoved(removed.uri.toString());
        for (const added of e.added) this.track(this.model.scan(added.uri.toString()));
      }),
    );
    this.disposables.push(
      vscode.window.tabGroups.onDidChangeTabs((e) => this.tabsClosed([...e.closed, ...e.changed])),
      vscode.window.tabGroups.onDidChangeTabGroups((e) => this.tabsClosed(e.closed.flatMap((g) => g.tabs))),
    );
    const configs = vscode.workspace.createFileSystemWatcher(CONFIG_GLOB);
    const onConfig = (uri: vscode.Uri): void => {
      if (this.counts(uri, isConfigFile)) this.configOnDisk();
    };
    this.disposables.push(
      configs,
      configs.onDidCreate(onConfig),
      configs.onDidChange(onConfig),
      configs.onDidDelete(onConfig),
    );
    const watcher = vscode.workspace.createFileSystemWatcher(SOURCE_GLOB);
    const onDisk = (uri: vscode.Uri): void => {
      const file = this.counts(uri, isIndexedSource);
      if (!file) return;
      this.note(file.key);
      this.track(this.model.fileChanged(file));
    };
    this.disposables.push(
      watcher,
      watcher.onDidCreate(onDisk),
      watcher.onDidChange(onDisk),
      watcher.onDidDelete((uri) => {
        const file = this.counts(uri, isIndexedSource);
        if (!file) return;
        this.note(file.key);
        this.model.fileDeleted(file.key);
      }),
    );
  }

  private followFolders(changes: FolderChanges): Promise<void> {
    return this.onFolders(changes).catch((err: unknown) =>
      logFailure(this.log, 'follow created and deleted folders', err),
    );
  }
}

function contextOf(
  inputs: CrossFileInputs,
  project: ProjectSnapshot | undefined,
  moduleAliases: ModuleAliases | undefined,
): AnalysisContext {
  const context: AnalysisContext = { ...inputs };
  if (project) context.project = project;
  if (moduleAliases) context.moduleAliases = moduleAliases;
  return context;
}
