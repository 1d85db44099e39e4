// A finding and its fixes: what every rule reports and every adapter shows (split from types.ts so the site facts
// can name them without an import circle).

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** Safe to apply without review; offered as the preferred fix and by "Fix all". */
  mechanical: boolean;
  /** Moves the file instead (never mechanical: the adapter shows it before it applies and never overwrites). */
  rename?: FileRename;
}

/** A file move: `to` is relative to the file's own folder; `path` is the same place as the finding names it. */
export interface FileRename {
  to: string;
  path: string;
}

export interface RelatedLocation {
  /** Workspace-relative or absolute path; the adapter resolves it. Omitted = same file. */
  path?: string;
  start: number;
  end: number;
  message: string;
  /** For another file, where `start`/`end` are in lines and characters (0-based), so the adapter need not read it. */
  position?: { line: number; character: number; endLine: number; endCharacter: number };
}

export interface Finding {
  /** Stable rule code, e.g. "clerk-convex/provider-order". */
  code: string;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  fixes: Fix[];
  related?: RelatedLocation[];
  /** Which walkthrough step explains it (a step id from package.json's walkthrough). */
  lessonStep?: string;
}
