// The real-code corpus: each entry is a reduction of public files (the lines that carry the idiom, names changed
// where it helps), with where it came from and a verdict written down before the analyzer was run on it.
// corpus.real.test.ts analyses every entry the way the workspace index does and compares with the verdict.

export interface CorpusSource {
  repo: string;
  path: string;
  /** The commit the file was read at, when known. */
  commit?: string;
}

/** A finding the verdict expects: its rule and a piece of the file its range must overlap. */
export interface Expected {
  file: string;
  code: string;
  /** Text of the file (unique in it) that the finding's range overlaps. */
  at: string;
}

export interface CorpusEntry {
  id: string;
  sources: CorpusSource[];
  /** The dependencies the project's package.json declares (what the snapshot's package facts are read from). */
  dependencies?: Record<string, string>;
  /** A monorepo's package.json files (path → dependencies), which place its Convex folder; else the one above. */
  packageJsons?: Record<string, Record<string, string>>;
  /** Workspace-relative path → reduced text. Files of one entry are analysed together, like one workspace. */
  files: Record<string, string>;
  /** The verdict, by hand: clean, or the bug and where. */
  verdict: string;
  /** What the verdict means in findings: nothing else may be reported. Empty: clean. */
  expect: Expected[];
}
