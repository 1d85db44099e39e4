// The workspace's analysed files: facts for the walkthrough and the provider components that cross-file rules
// need (a layout rendering the project's own ConvexClientProvider). Built once on first use, then kept current:
// open documents are fed by the diagnostics controller (the same analysis that made their diagnostics), files on
// disk by a watcher (created, changed — a `git checkout`, codegen — and deleted). Reads through workspace.fs.
import * as vscode from 'vscode';
import {
  componentContext,
  componentKey,
  consumesComponents,
  withIdentityFunctions,
  type IndexedIdentityFunctions,
} from '../../analysis/crossFile';
import type { AnalysisContext, FileAnalysis, FileFacts, QuerySite } from '../../analysis/types';
import { shouldAnalyse } from '../../analysis/prefilter';
import type { MeasuredFile } from '../../lessonState';
import { isUnderAny } from '../../project/paths';
import { moduleAliasesFor, type ModuleAliases } from '../../project/tsconfigPaths';
import { inExcludedDir, SOURCE_EXTENSIONS } from '../../project/sourceFiles';
import type { ProjectSnapshot } from '../../project/types';
import { inBackground, logFailure, type Log } from '../log';
import { deletedIn, type FolderChanges, type FolderEvents } from '../project/folderEvents';
import type { ProjectService } from '../project/projectService';
import { EXCLUDED_DIRS, MAX_CONFIG_BYTES, readText, relativePathIn, utf8ByteLength } from '../project/workspaceFiles';
import type { AnalysisService } from './analysisService';
import { readSettings } from './settings';

/** What the whole workspace does right: each flag is true when at least one file does it. */
export type MergedFacts = Omit<FileFacts, 'exportsConvexProviderComponents'> & {
  /** `path#exportName` of every component that renders ConvexProviderWithClerk. */
  convexProviderComponents: string[];
};

const SOURCE_GLOB = `**/*.{${SOURCE_EXTENSIONS.join(',')}}`;
// Any of these may be a file's config or a base it extends (`tsconfig.base.json`, `jsconfig.json`).
const CONFIG_GLOB = '**/{tsconfig,jsconfig}*.json';
const EXCLUDE_GLOB = `{${EXCLUDED_DIRS.map((d) => `**/${d}/**`).join(',')},**/*.d.ts,**/convex/_generated/**}`;
/** How many files of the initial scan are read (when the worker cannot) or analysed at a time. */
const READ_LANES = 16;
/** Files per pre-filter message to the worker: small files read in ~10 µs each, so a batch takes milliseconds. */
const PREFILTER_BATCH = 250;
// Enough for a large monorepo; files that mention neither Clerk nor Convex cost a read and a pre-filter only.
const MAX_FILES = 10_000;
// Where the lesson's files usually are, probed directly when the file system has no search provider.
const PROBES = [
  'app/layout.tsx',
  'src/app/layout.tsx',
  'app/ConvexClientProvider.tsx',
  'components/ConvexClientProvider.tsx',
  'src/components/ConvexClientProvider.tsx',
  'app/providers.tsx',
  'src/main.tsx',
  'src/main.jsx',
  'src/App.tsx',
];

interface Entry extends MeasuredFile {
  text: string;
  /** Its queries whose findings follow other files' identity functions: re-joined, not re-analysed, when those change. */
  querySites?: QuerySite[];
  /** Its identity functions as text (names, kinds, outcomes, positions), to tell cheaply whether they changed. */
  identityKey?: string;
  /** What it was analysed against (checkKey()), when analysed here: a re-check skips it while that is unchanged. */
  checkedWith?: string;
}

/** What other files' results depend on, compared before and after an update. */
interface Keys {
  providers: string;
  identity: string;
}

export function workspacePath(uri: vscode.Uri): string {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  return (folder && relativePathIn(folder.uri, uri)) ?? uri.path;
}

/** Whether a file of this size is analysed at all (the same rule for the editor's text and a file on disk). */
export function withinSizeCap(text: string, uri: vscode.Uri): boolean {
  return utf8ByteLength(text) <= readSettings(uri).maxBytes;
}

function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  const key = uri.toString();
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
}

function isOpen(uri: vscode.Uri): boolean {
  return openDocument(uri) !== undefined;
}

export class WorkspaceIndex implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after any file's facts or findings changed (also announced as `analysisChanged` lesson events). */
  readonly onDidChangeFacts = this.changed.event;
  private readonly providersChanged = new vscode.EventEmitter<void>();
  /** Fires when the set of provider components changed, so open documents must be re-checked. */
  readonly onDidChangeProviders = this.providersChanged.event;
  private readonly identityChanged = new vscode.EventEmitter<void>();
  /**
   * Fires when any file's identity functions changed (on disk or in the editor): open documents' query sites are
   * to be joined with them again (rejoin()); closed files were re-joined already.
   */
  readonly onDidChangeIdentityFunctions = this.identityChanged.event;
  private building: Promise<void> | undefined;
  /** The re-check of provider consumers under way: one at a time, however many provider components arrive. */
  private rechecking: Promise<boolean> | undefined;
  private recheckAgain = false;
  private disposed = false;
  /** Bumped when a tsconfig/jsconfig changes: an analysis against older aliases is not skipped by a re-check. */
  private configGeneration = 0;
  /**
   * Bumped for a file whenever news of it arrives (a watcher event, a folder deleted, the editor's analysis), so an
   * analysis that finishes after newer news stores nothing: many settles and events run at once, and an analysis
   * begun before a delete must not bring the file back.
   */
  private readonly versions = new Map<string, number>();
  /** Deleted on disk; a document of it that lingers in memory (closed, unchanged) is not put back. */
  private readonly deleted = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [this.changed, this.providersChanged, this.identityChanged];
  /** Config texts by URI, shared by every file's lookup; dropped whole when any config changes on disk. */
  private configTexts = new Map<string, Promise<string | undefined>>();

  constructor(
    private readonly project: ProjectService,
    private readonly analysis: AnalysisService,
    private readonly log: Log,
    private readonly folders: FolderEvents,
  ) {}

  /** Cross-file knowledge for analysing one document. */
  contextFor(project: ProjectSnapshot | undefined, moduleAliases?: ModuleAliases): AnalysisContext {
    const components = componentContext(this.entries.values());
    const identityFunctions = this.identityFunctions();
    const context: AnalysisContext = project
      ? { project, ...components, identityFunctions }
      : { ...components, identityFunctions };
    if (moduleAliases) context.moduleAliases = moduleAliases;
    return context;
  }

  /** Every indexed function that needs a signed-in user, with the workspace-relative path of its file. */
  identityFunctions(): IndexedIdentityFunctions {
    const functions: IndexedIdentityFunctions = [];
    for (const e of this.entries.values())
      for (const f of e.facts.identityFunctions ?? []) functions.push({ ...f, path: e.path });
    return functions;
  }

  /**
   * An analysis with its query-before-auth findings joined with the functions indexed now (it may have been
   * asked for before a Convex file changed); the same object when nothing differs.
   */
  rejoin(analysis: FileAnalysis): FileAnalysis {
    return analysis.querySites ? withIdentityFunctions(analysis, this.identityFunctions()) : analysis;
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

  /** Starts the initial scan (once) and the watchers. */
  ensureBuilt(): Promise<void> {
    return (this.building ??= this.build());
  }

  /** Every analysed file of the workspace (built on first call), with its facts and findings. */
  async files(): Promise<readonly MeasuredFile[]> {
    await this.ensureBuilt();
    return [...this.entries.values()].map(({ path, uri, facts, findings }) => ({ path, uri, facts, findings }));
  }

  /** The facts of all files merged (OR of the booleans). */
  async mergedFacts(): Promise<MergedFacts> {
    await this.ensureBuilt();
    const merged: MergedFacts = {
      sandwichCorrect: false,
      rendersConvexProviderWithClerk: false,
      readsIdentityCorrectly: false,
      gatesWithConvexAuth: false,
      convexProviderComponents: [],
    };
    for (const e of this.entries.values()) {
      merged.sandwichCorrect ||= e.facts.sandwichCorrect;
      merged.rendersConvexProviderWithClerk ||= e.facts.rendersConvexProviderWithClerk;
      merged.readsIdentityCorrectly ||= e.facts.readsIdentityCorrectly;
      merged.gatesWithConvexAuth ||= e.facts.gatesWithConvexAuth;
      for (const name of e.facts.exportsConvexProviderComponents)
        merged.convexProviderComponents.push(`${e.path}#${name}`);
    }
    return merged;
  }

  /**
   * The diagnostics controller's analysis of an open document (undefined: the document is not analysed, e.g. over
   * the size cap). The index takes it as it is instead of analysing the same text a second time.
   */
  async accept(document: vscode.TextDocument, analysis: FileAnalysis | undefined): Promise<void> {
    const { uri } = document;
    const key = uri.toString();
    if (!vscode.workspace.getWorkspaceFolder(uri)) return;
    if (this.deleted.has(key) && !document.isDirty) return;
    this.deleted.delete(key);
    this.bump(key);
    const text = document.getText();
    const before = this.keys();
    const previous = this.entries.get(key);
    if (!analysis) {
      this.entries.delete(key);
      await this.settle(before, previous !== undefined);
      return;
    }
    await this.settle(before, this.store(uri, text, analysis, previous));
  }

  dispose(): void {
    this.disposed = true;
    for (const d of this.disposables) d.dispose();
    this.entries.clear();
    this.versions.clear();
  }

  private keys(): Keys {
    return { providers: this.providerKey(), identity: this.identityKey() };
  }

  private identityKey(): string {
    const keys: string[] = [];
    for (const e of this.entries.values()) if (e.identityKey) keys.push(`${e.path}\n${e.identityKey}`);
    return keys.sort().join('\n');
  }

  /** The provider components and the config generation a closed file's analysis depends on. */
  private checkKey(): string {
    return `${this.configGeneration}|${this.providerKey()}`;
  }

  /** What other files' findings depend on in this index's facts (provider components and the like, crossFile.ts). */
  private providerKey(): string {
    return componentKey(this.entries.values());
  }

  /**
   * After updates: join closed files' query sites with changed identity functions (no re-analysis), re-check
   * consumers of provider components if those changed, then announce.
   */
  private async settle(before: Keys, changed: boolean): Promise<void> {
    let any = changed;
    if (this.identityKey() !== before.identity) {
      const functions = this.identityFunctions();
      for (const e of this.entries.values()) {
        // Open documents are re-joined by the controller (onDidChangeIdentityFunctions), which feeds them back here.
        if (!e.querySites || isOpen(vscode.Uri.parse(e.uri))) continue;
        const current: FileAnalysis = { findings: [...e.findings], facts: e.facts, querySites: e.querySites };
        const joined = withIdentityFunctions(current, functions);
        if (joined === current) continue;
        e.findings = joined.findings;
        any = true;
      }
      this.identityChanged.fire();
    }
    if (this.providerKey() !== before.providers) {
      any = (await this.recheckConsumers()) || any;
      this.providersChanged.fire();
    }
    if (any) this.changed.fire();
  }

  /**
   * Re-analyses closed files that follow other files' components (crossFile.ts) against those indexed now. Provider
   * components that arrive during a pass (a branch switch brings many) ask for one more pass after it, not a pass
   * each; a pass skips files already analysed against the current set. True when a file's findings changed.
   */
  private recheckConsumers(): Promise<boolean> {
    if (this.rechecking) {
      this.recheckAgain = true;
      return this.rechecking;
    }
    const run = async (): Promise<boolean> => {
      let any = false;
      do {
        this.recheckAgain = false;
        const current = this.checkKey();
        const components = componentContext(this.entries.values());
        for (const e of [...this.entries.values()]) {
          if (this.disposed || this.recheckAgain) break;
          // Taken before the awaits below: an entry deleted or replaced meanwhile is not analysed (nor brought back).
          if (this.entries.get(e.uri) !== e || e.checkedWith === current || !this.consumes(e.text, components))
            continue;
          const uri = vscode.Uri.parse(e.uri);
          // Open documents are re-checked by the controller (onDidChangeProviders), which feeds them back here.
          if (!isOpen(uri)) any = (await this.analyseInto(uri, e.text, { recheck: true })) || any;
        }
      } while (this.recheckAgain && !this.disposed);
      return any;
    };
    this.rechecking = run().finally(() => {
      this.rechecking = undefined;
    });
    return this.rechecking;
  }

  /** Whether a file's findings may follow other files' components (re-checked when those change). */
  private consumes(text: string, components = componentContext(this.entries.values())): boolean {
    return consumesComponents(text, components);
  }

  private bump(key: string): void {
    this.versions.set(key, (this.versions.get(key) ?? 0) + 1);
  }

  private store(
    uri: vscode.Uri,
    text: string,
    analysis: FileAnalysis,
    previous: Entry | undefined,
    checkedWith?: string,
  ): boolean {
    const key = uri.toString();
    const entry: Entry = {
      path: workspacePath(uri),
      uri: key,
      facts: analysis.facts,
      findings: analysis.findings,
      text,
    };
    if (checkedWith !== undefined) entry.checkedWith = checkedWith;
    if (analysis.querySites) entry.querySites = analysis.querySites;
    if (analysis.facts.identityFunctions?.length) entry.identityKey = JSON.stringify(analysis.facts.identityFunctions);
    this.entries.set(key, entry);
    return (
      !previous || JSON.stringify([previous.facts, previous.findings]) !== JSON.stringify([entry.facts, entry.findings])
    );
  }

  /**
   * Analyses one file from disk into the index; true when its facts or findings changed. A `recheck` (the same
   * text against changed provider components) stores nothing if the entry changed meanwhile: it would put back an
   * older text than the one just stored.
   */
  private async analyseInto(uri: vscode.Uri, text: string, { recheck = false } = {}): Promise<boolean> {
    const key = uri.toString();
    const version = this.versions.get(key);
    const previous = this.entries.get(key);
    const path = workspacePath(uri);
    if (!shouldAnalyse(path, text) || !withinSizeCap(text, uri)) {
      this.entries.delete(key);
      return previous !== undefined;
    }
    const project = await this.projectFor(uri);
    const aliases = await this.aliasesFor(uri);
    // Only files that follow other files' components are re-checked, so only they need to know what they were checked against.
    const checkedWith = this.consumes(text) ? this.checkKey() : undefined;
    const result = await this.analysis.analyse(path, text, this.contextFor(project, aliases), 'background');
    // Newer news of this file came during the analysis (deleted, changed again, opened): it decides, not this.
    if (this.versions.get(key) !== version || (recheck && this.entries.get(key) !== previous)) return false;
    if (result.kind !== 'analysed') {
      this.entries.delete(key);
      return previous !== undefined;
    }
    return this.store(uri, text, this.rejoin(result.analysis), previous, checkedWith);
  }

  /** Never rejects: a file that cannot be read or analysed is left out (and logged), the rest is still indexed. */
  private async build(): Promise<void> {
    this.watch();
    const before = this.keys();
    let changed = false;
    try {
      // The worker starts (and loads the parser) now: it lists local folders and reads their files for the scan.
      this.analysis.prestart();
      // Open documents come from the controller. (Compared by folder and path: a walked file has no URI yet.)
      const open = new Set(
        vscode.workspace.textDocuments.flatMap((d) => {
          const folder = vscode.workspace.getWorkspaceFolder(d.uri);
          const rel = folder && relativePathIn(folder.uri, d.uri);
          return folder && rel !== undefined ? [`${folder.uri.toString()}|${rel}`] : [];
        }),
      );
      const items = (await this.findSources()).filter(
        (item) => !open.has(`${item.folder.uri.toString()}|${item.path}`),
      );
      const textOf = this.scanTexts(items);
      // Most files are read, pre-filtered and dropped (in the worker where it can read them); the rest are
      // analysed in the order found, a few lanes at a time, as each lane's turn comes.
      let next = 0;
      const lane = async (): Promise<void> => {
        while (next < items.length) {
          const i = next++;
          const text = await textOf(i);
          if (text !== undefined) changed = (await this.analyseInto(uriOf(items[i]), text)) || changed;
        }
      };
      await Promise.all(Array.from({ length: READ_LANES }, lane));
      await this.settle(before, changed);
    } catch (err) {
      logFailure(this.log, 'index the workspace', err);
    }
  }

  /**
   * The source files of every workspace folder, up to MAX_FILES: a local folder is walked by the worker, any other
   * (or one the worker could not walk) searched with workspace.findFiles; without a search provider, the usual
   * places are probed.
   */
  private async findSources(): Promise<ScanItem[]> {
    const items: ScanItem[] = [];
    const searched: vscode.WorkspaceFolder[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const listed = await this.analysis.listSources(folder.uri, MAX_FILES - items.length);
      if (!listed) searched.push(folder);
      else for (const path of listed) items.push({ folder, path });
    }
    for (const folder of searched) {
      let found: vscode.Uri[] = [];
      try {
        found = await vscode.workspace.findFiles(
          new vscode.RelativePattern(folder, SOURCE_GLOB),
          EXCLUDE_GLOB,
          Math.max(0, MAX_FILES - items.length),
        );
      } catch {
        // No search provider (some virtual file systems): the probes below still find the usual layout.
      }
      if (found.length === 0) {
        for (const p of PROBES) {
          const uri = vscode.Uri.joinPath(folder.uri, p);
          if ((await readSource(uri, this.log)) !== undefined) found.push(uri);
        }
      }
      for (const uri of found) items.push({ folder, path: workspacePath(uri), uri });
    }
    return items;
  }

  /**
   * The text of each file of the initial scan worth analysing (undefined for the others), by its index in `items`.
   * Files on a local disk are read and pre-filtered by the worker, PREFILTER_BATCH to a message, each batch asked
   * when the one before has answered (so a disk too slow for the worker's budget costs one batch, not all); the
   * rest, and any batch the worker could not do, are read here.
   */
  private scanTexts(items: readonly ScanItem[]): (i: number) => Promise<string | undefined> {
    const caps = sizeCapsByFolder();
    const byCap = new Map<number, number[]>();
    items.forEach((item, i) => {
      if (item.uri ? !this.analysis.prefiltersOnDisk(item.uri) : !this.analysis.prefiltersOnDisk(item.folder.uri))
        return;
      const cap = caps(item.folder.uri);
      const list = byCap.get(cap);
      if (list) list.push(i);
      else byCap.set(cap, [i]);
    });
    const batchOf = new Map<number, Promise<Map<number, string> | undefined>>();
    let previous: Promise<unknown> = Promise.resolve();
    for (const [cap, indexes] of byCap) {
      for (let start = 0; start < indexes.length; start += PREFILTER_BATCH) {
        const batch = indexes.slice(start, start + PREFILTER_BATCH);
        const files = batch.map((i) => fileOnDisk(items[i]));
        const kept = previous
          .then(() => this.analysis.prefilter(files, cap))
          .then((result) => {
            if (!result) return undefined;
            for (const e of result.errors)
              logFailure(this.log, 'read file', e.message, uriOf(items[batch[e.index]]).toString());
            return new Map(result.kept.map((k) => [batch[k.index], k.text]));
          });
        previous = kept;
        for (const i of batch) batchOf.set(i, kept);
      }
    }
    return async (i) => {
      const item = items[i];
      const batch = batchOf.get(i);
      const kept = batch && (await batch);
      return kept ? kept.get(i) : readSource(uriOf(item), this.log, caps(item.folder.uri));
    };
  }

  /** A file created or changed outside the editor (a `git checkout`, codegen, another tool). */
  private async fileOnDisk(uri: vscode.Uri, { unlessKnown = false } = {}): Promise<void> {
    const key = uri.toString();
    this.deleted.delete(key);
    await this.building;
    // Known from now on, so a folder deleted while the file is read bumps it (see onFolders) and the read is void.
    if (!this.versions.has(key)) this.versions.set(key, 0);
    const version = this.versions.get(key);
    const text = await readSource(uri, this.log);
    // Newer news of it came while it was read: that decides.
    if (this.versions.get(key) !== version) return;
    // A swept folder's file whose own event came too: already indexed as it is.
    if (unlessKnown && text !== undefined && this.entries.get(key)?.text === text) return;
    const open = openDocument(uri);
    // Unsaved edits win over the disk; a document already showing this text was (or will be) analysed as itself,
    // unless the file was deleted and written again (the document did not change, so nothing analyses it anew).
    if (open && (open.isDirty || (open.getText() === text && this.entries.has(key)))) return;
    // An analysis of an older text still running stores nothing now.
    this.bump(key);
    const before = this.keys();
    if (text === undefined) {
      await this.settle(before, this.entries.delete(key));
      return;
    }
    await this.settle(before, await this.analyseInto(uri, text));
  }

  /** A config changed: every file's aliases may differ, so consumers of provider components are re-checked. */
  private configOnDisk(): void {
    this.configTexts = new Map();
    this.configGeneration++;
    inBackground(this.log, 'apply a changed tsconfig', async () => {
      await this.building;
      // No provider key is "\0": provider consumers and open documents are re-checked.
      await this.settle({ ...this.keys(), providers: '\0' }, false);
    });
  }

  /** Files under a deleted folder are forgotten; a created folder's files are read (their own events may be missing). */
  private async onFolders(changes: FolderChanges): Promise<void> {
    if (changes.deleted.size) {
      await this.building;
      const before = this.keys();
      let changed = false;
      const byFolder = new Map<string, Set<string>>();
      // Files still on their way in (read or being analysed for the first time) are not entries yet, but their
      // versions exist: bumping them makes those analyses store nothing.
      for (const key of new Set([...this.entries.keys(), ...this.versions.keys()])) {
        const uri = vscode.Uri.parse(key);
        const folder = vscode.workspace.getWorkspaceFolder(uri);
        const rel = folder && relativePathIn(folder.uri, uri);
        if (!folder || rel === undefined) continue;
        let gone = byFolder.get(folder.uri.toString());
        if (!gone) byFolder.set(folder.uri.toString(), (gone = deletedIn(changes, folder.uri)));
        if (!isUnderAny(rel, gone)) continue;
        // As for a deleted file: a clean document of it that lingers is not put back.
        this.deleted.add(key);
        this.bump(key);
        changed = this.entries.delete(key) || changed;
      }
      await this.settle(before, changed);
    }
    for (const dir of changes.created) {
      let found: vscode.Uri[] = [];
      let configs: vscode.Uri[] = [];
      try {
        [found, configs] = await Promise.all([
          vscode.workspace.findFiles(new vscode.RelativePattern(dir, SOURCE_GLOB), EXCLUDE_GLOB, MAX_FILES),
          vscode.workspace.findFiles(new vscode.RelativePattern(dir, CONFIG_GLOB), EXCLUDE_GLOB, 1),
        ]);
      } catch {
        // No search provider for this scheme: the files' own events are all there is.
      }
      if (configs.length) this.configOnDisk();
      for (const uri of found) await this.fileOnDisk(uri, { unlessKnown: true });
    }
  }

  private watch(): void {
    this.disposables.push(
      this.folders.onDidChange((changes) =>
        inBackground(this.log, 'follow created and deleted folders', () => this.onFolders(changes)),
      ),
    );
    const configs = vscode.workspace.createFileSystemWatcher(CONFIG_GLOB);
    const onConfig = (): void => this.configOnDisk();
    this.disposables.push(
      configs,
      configs.onDidCreate(onConfig),
      configs.onDidChange(onConfig),
      configs.onDidDelete(onConfig),
    );
    const watcher = vscode.workspace.createFileSystemWatcher(SOURCE_GLOB);
    const excluded = (uri: vscode.Uri): boolean => inExcludedDir(uri.path) || uri.path.endsWith('.d.ts');
    const onDisk = (uri: vscode.Uri): void => {
      if (!excluded(uri)) inBackground(this.log, `re-index ${uri.toString()}`, () => this.fileOnDisk(uri));
    };
    this.disposables.push(
      watcher,
      watcher.onDidCreate(onDisk),
      watcher.onDidChange(onDisk),
      watcher.onDidDelete((uri) => {
        this.deleted.add(uri.toString());
        this.bump(uri.toString());
        const before = this.keys();
        inBackground(this.log, 'forget a deleted file', () => this.settle(before, this.entries.delete(uri.toString())));
      }),
    );
  }
}

/** A file of the initial scan: found by the worker's walk (its URI made when needed) or by the search. */
interface ScanItem {
  folder: vscode.WorkspaceFolder;
  /** Relative to the folder, with "/". */
  path: string;
  uri?: vscode.Uri;
}

function uriOf(item: ScanItem): vscode.Uri {
  return (item.uri ??= vscode.Uri.joinPath(item.folder.uri, item.path));
}

/** Where the worker reads it; a walked file needs no URI (Node's fs takes "/" on every platform). */
function fileOnDisk(item: ScanItem): { path: string; fsPath: string } {
  return { path: item.path, fsPath: item.uri ? item.uri.fsPath : `${item.folder.uri.fsPath}/${item.path}` };
}

function readSource(uri: vscode.Uri, log: Log, maxBytes = readSettings(uri).maxBytes): Promise<string | undefined> {
  return readText(uri, maxBytes, log);
}

/**
 * The size cap for a file of the initial scan, read once per workspace folder: reading the setting for a scope
 * costs ~0.15 ms in the extension host, which the scan would pay for every file it reads (thousands).
 */
function sizeCapsByFolder(): (uri: vscode.Uri) => number {
  const caps = new Map<string, number>();
  return (uri) => {
    const key = vscode.workspace.getWorkspaceFolder(uri)?.uri.toString() ?? '';
    let cap = caps.get(key);
    if (cap === undefined) caps.set(key, (cap = readSettings(uri).maxBytes));
    return cap;
  };
}
