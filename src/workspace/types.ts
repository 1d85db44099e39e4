// What the workspace model and its adapter say to each other: the files, what an analysis of one on disk found, the
// I/O the adapter does for the model (WorkspaceIO) and the events it publishes (WorkspaceEvents).
import type { ComponentContext } from '../analysis/componentContext';
import type { withIdentityFunctions } from '../analysis/crossFile';
import type { FileAnalysis, FileFacts, Finding } from '../analysis/types';

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
   * text has the fingerprint `unless`. `scanned`: the scan that found it has just read it (its pre-filter), and
   * that read may be used; otherwise the disk is read now. Never rejects.
   */
  analyse(file: WorkspaceFile, inputs: CrossFileInputs, unless?: string, scanned?: boolean): Promise<DiskAnalysis>;
  /** The editor has the file open with unsaved changes: its text, not the disk's, is the file. */
  isDirty(key: string): boolean;
  /**
   * The editor holds the file: shown in a tab, or with unsaved changes. Its analyses come from the editor
   * (editorAnalysed). A clean document without a tab is not held: VS Code keeps such documents for minutes after
   * their tab closes (or opens them for extensions that never show them), and the learner sees the disk's file.
   */
  isOpen(key: string): boolean;
  /**
   * An analysis's sites joined with the index's functions, layouts and renders: crossFile.ts's withIdentityFunctions,
   * which the host loads with the first analysis (src/lazy.ts, joins()) instead of at activation.
   */
  join: JoinSites;
}

export type JoinSites = typeof withIdentityFunctions;

export interface IndexedFile {
  path: string;
  uri: string;
  facts: FileFacts;
  findings: readonly Finding[];
}

export interface WorkspaceEvents {
  /** Any file's facts or findings changed. */
  facts(): void;
  /**
   * What analyses take from other files changed: analyse open documents again, those whose text depends on other
   * files (dependsOnOtherFiles), or all of them when a config changed (`all`).
   */
  inputs(all: boolean): void;
  /** The identity functions (or the route layouts that gate) changed: open documents' sites are to be joined again. */
  identity(): void;
}
