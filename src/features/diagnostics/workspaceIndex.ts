// The workspace's analysed files: facts for the walkthrough and the provider components that cross-file rules
// need (a layout rendering the project's own ConvexClientProvider). Built once on first use, then updated when a
// file is saved, created or deleted. Reads through workspace.fs, so virtual workspaces work too.
import * as vscode from 'vscode';
import type { AnalysisContext, FileAnalysis, FileFacts, Finding } from '../../analysis/types';
import { shouldAnalyse } from '../../analysis/prefilter';
import { loadAnalysis } from '../../lazy';
import type { ProjectSnapshot } from '../../project/types';
import { EXCLUDED_DIRS, relativePathIn } from '../project/workspaceFiles';
import { readSettings } from './settings';

/** One analysed file, as the walkthrough consumes it. */
export interface AnalysedFile {
  /** Workspace-relative path ("/"-separated). */
  path: string;
  /** URI string. */
  uri: string;
  facts: FileFacts;
  findings: readonly Finding[];
}

/** What the whole workspace does right: each flag is true when at least one file does it. */
export type MergedFacts = Omit<FileFacts, 'exportsConvexProviderComponents'> & {
  /** `path#exportName` of every component that renders ConvexProviderWithClerk. */
  convexProviderComponents: string[];
};

/** Exposed on the extension API as `analysisIndex` (see register.ts). */
export interface AnalysisIndexApi {
  /** Every analysed file of the workspace (built on first call), with its facts and findings. */
  files(): Promise<readonly AnalysedFile[]>;
  /** The facts of all files merged (OR of the booleans). */
  mergedFacts(): Promise<MergedFacts>;
  /** Fires after any file's facts or findings changed (also announced as `analysisChanged` lesson events). */
  readonly onDidChangeFacts: vscode.Event<void>;
}

const SOURCE_GLOB = '**/*.{ts,tsx,js,jsx,mjs,cjs,mts,cts}';
const EXCLUDE_GLOB = `{${EXCLUDED_DIRS.map((d) => `**/${d}/**`).join(',')},**/*.d.ts,**/convex/_generated/**}`;
const MAX_FILES = 2000;
// Where the lesson's files usually are, probed directly when the file system has no search provider.
const PROBES = [
  'app/layout.tsx', 'src/app/layout.tsx', 'app/ConvexClientProvider.tsx', 'components/ConvexClientProvider.tsx',
  'src/components/ConvexClientProvider.tsx', 'app/providers.tsx', 'src/main.tsx', 'src/main.jsx', 'src/App.tsx',
];

interface Entry extends AnalysedFile {
  text: string;
}

export type ProjectLookup = (uri: vscode.Uri) => Promise<ProjectSnapshot | undefined>;

export function workspacePath(uri: vscode.Uri): string {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  return (folder && relativePathIn(folder.uri, uri)) ?? uri.path;
}

export class WorkspaceIndex implements AnalysisIndexApi, vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeFacts = this.changed.event;
  private readonly providersChanged = new vscode.EventEmitter<void>();
  /** Fires when the set of provider components changed, so open documents must be re-checked. */
  readonly onDidChangeProviders = this.providersChanged.event;
  private building: Promise<void> | undefined;
  private readonly disposables: vscode.Disposable[] = [this.changed, this.providersChanged];

  constructor(private readonly project: ProjectLookup) {}

  /** Cross-file knowledge for analysing one document. */
  contextFor(project: ProjectSnapshot | undefined): AnalysisContext {
    const convexProviderComponents: { path: string; exportName: string }[] = [];
    const identityFunctions: NonNullable<AnalysisContext['identityFunctions']> = [];
    for (const e of this.entries.values()) {
      for (const exportName of e.facts.exportsConvexProviderComponents) convexProviderComponents.push({ path: e.path, exportName });
      for (const f of e.facts.identityFunctions ?? []) identityFunctions.push({ ...f, path: e.path });
    }
    return project ? { project, convexProviderComponents, identityFunctions } : { convexProviderComponents, identityFunctions };
  }

  /** Starts the initial scan (once) and the watchers. */
  ensureBuilt(): Promise<void> {
    return (this.building ??= this.build());
  }

  async files(): Promise<readonly AnalysedFile[]> {
    await this.ensureBuilt();
    return [...this.entries.values()].map(({ path, uri, facts, findings }) => ({ path, uri, facts, findings }));
  }

  async mergedFacts(): Promise<MergedFacts> {
    await this.ensureBuilt();
    const merged: MergedFacts = { sandwichCorrect: false, rendersConvexProviderWithClerk: false, readsIdentityCorrectly: false, gatesWithConvexAuth: false, convexProviderComponents: [] };
    for (const e of this.entries.values()) {
      merged.sandwichCorrect ||= e.facts.sandwichCorrect;
      merged.rendersConvexProviderWithClerk ||= e.facts.rendersConvexProviderWithClerk;
      merged.readsIdentityCorrectly ||= e.facts.readsIdentityCorrectly;
      merged.gatesWithConvexAuth ||= e.facts.gatesWithConvexAuth;
      for (const name of e.facts.exportsConvexProviderComponents) merged.convexProviderComponents.push(`${e.path}#${name}`);
    }
    return merged;
  }

  /** A saved document: re-analyse it from its text (equal to the file now). */
  async updateFromDocument(document: vscode.TextDocument): Promise<void> {
    if (!this.building) return; // nothing indexed yet: the first scan reads it anyway
    await this.building;
    try {
      const before = this.providerKey();
      const changed = await this.analyseInto(document.uri, document.getText());
      await this.settle(before, changed);
    } catch {
      // Same as in build(): without the analysis bundle there is nothing to update.
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.entries.clear();
  }

  private providerKey(): string {
    return [...this.entries.values()].flatMap((e) => e.facts.exportsConvexProviderComponents.map((n) => `${e.path}#${n}`)).sort().join('|');
  }

  /** After updates: re-check consumers of provider components if they changed, then announce. */
  private async settle(providersBefore: string, changed: boolean): Promise<void> {
    let any = changed;
    if (this.providerKey() !== providersBefore) {
      for (const e of [...this.entries.values()]) {
        if (e.text.includes('ClerkProvider')) any = (await this.analyseInto(vscode.Uri.parse(e.uri), e.text)) || any;
      }
      this.providersChanged.fire();
    }
    if (any) this.changed.fire();
  }

  /** Analyses one file into the index; true when its facts or findings changed. */
  private async analyseInto(uri: vscode.Uri, text: string): Promise<boolean> {
    const key = uri.toString();
    const previous = this.entries.get(key);
    const path = workspacePath(uri);
    if (!shouldAnalyse(path, text) || text.length > readSettings(uri).maxBytes) {
      this.entries.delete(key);
      return previous !== undefined;
    }
    const { analyze } = await loadAnalysis();
    const project = await this.project(uri);
    const analysis: FileAnalysis = analyze(path, text, this.contextFor(project));
    const entry: Entry = { path, uri: key, facts: analysis.facts, findings: analysis.findings, text };
    this.entries.set(key, entry);
    return !previous || JSON.stringify([previous.facts, previous.findings]) !== JSON.stringify([entry.facts, entry.findings]);
  }

  /** Never rejects: a file that cannot be read or analysed is left out, and the rest is still indexed. */
  private async build(): Promise<void> {
    this.watch();
    const before = this.providerKey();
    let changed = false;
    try {
      const uris = await findSources();
      for (let i = 0; i < uris.length; i++) {
        const uri = uris[i] as vscode.Uri;
        const text = await readSource(uri);
        if (text !== undefined) changed = (await this.analyseInto(uri, text).catch(() => false)) || changed;
        if (i % 20 === 19) await new Promise((resolve) => setTimeout(resolve, 0)); // let the editor breathe
      }
      await this.settle(before, changed);
    } catch {
      // The analysis bundle could not load: the index stays empty; open documents report the same way.
    }
  }

  private async fileCreated(uri: vscode.Uri): Promise<void> {
    try {
      const text = await readSource(uri);
      if (text === undefined) return;
      const before = this.providerKey();
      await this.settle(before, await this.analyseInto(uri, text));
    } catch {
      // Unreadable or the bundle failed to load: the file is simply not indexed.
    }
  }

  private watch(): void {
    const watcher = vscode.workspace.createFileSystemWatcher(SOURCE_GLOB, false, true, false);
    const excluded = (uri: vscode.Uri): boolean => uri.path.split('/').some((s) => EXCLUDED_DIRS.includes(s));
    this.disposables.push(
      watcher,
      watcher.onDidCreate((uri) => {
        if (!excluded(uri)) void this.fileCreated(uri);
      }),
      watcher.onDidDelete((uri) => {
        const before = this.providerKey();
        void this.settle(before, this.entries.delete(uri.toString())).catch(() => undefined);
      }),
    );
  }
}

async function findSources(): Promise<vscode.Uri[]> {
  const found = new Map<string, vscode.Uri>();
  try {
    for (const uri of await vscode.workspace.findFiles(SOURCE_GLOB, EXCLUDE_GLOB, MAX_FILES)) found.set(uri.toString(), uri);
  } catch {
    // No search provider (some virtual file systems): the probes below still find the usual layout.
  }
  if (found.size === 0) {
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      for (const p of PROBES) {
        const uri = vscode.Uri.joinPath(folder.uri, p);
        if ((await readSource(uri)) !== undefined) found.set(uri.toString(), uri);
      }
    }
  }
  return [...found.values()];
}

async function readSource(uri: vscode.Uri): Promise<string | undefined> {
  try {
    const bytes = await vscode.workspace.fs.readFile(uri);
    if (bytes.byteLength > readSettings(uri).maxBytes) return undefined;
    return new TextDecoder('utf-8').decode(bytes);
  } catch {
    return undefined;
  }
}
