// What the workspace model (model.ts) holds and what the adapter and the lesson read of it: the analysed files,
// those that could not be told, and what they say to each other's analyses (provider components, identity
// functions). The model's decisions about what to store, and when, stay in model.ts.
import type {
  IndexedIdentityFunctions,
  IndexedOpenFunctions,
  IndexedRenders,
  IndexedRouteConfigs,
  IndexedRouteCalls,
  IndexedRouteGates,
} from '../analysis/crossFile';
import { componentContext, hasJoinedSites } from '../analysis/componentContext';
import type { FileAnalysis, FileFacts, Finding } from '../analysis/types';
import { Derived, VersionedMap } from './versionedMap';
import type { CrossFileInputs, DiskAnalysis, IndexedFile, JoinSites, ProviderComponent, WorkspaceFile } from './types';

export interface Entry {
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

export class IndexedFiles {
  /** `join`: crossFile.ts's withIdentityFunctions, handed in (WorkspaceIO.join) so activation need not load it. */
  constructor(private readonly join: JoinSites) {}

  protected readonly entries = new VersionedMap<string, Entry>();
  /** What is derived from all entries, kept until they change (a settle asks for each several times). */
  protected readonly derived = new Derived(this.entries);
  /** Files whose analysis could not tell, with why (they count as not measured). */
  protected readonly unknown = new Map<string, { file: WorkspaceFile; reason: string }>();
  /**
   * The functions every entry's findings are joined with, and rejoin()'s: those of the last rejoinAll(), not those
   * indexed now. An entry stored between two settles joined with functions indexed meanwhile (a workspace folder's
   * scan stores them without a settle) would keep them after they are gone, when the next settle finds the same
   * functions as the last and joins nothing again.
   */
  private joined: {
    functions: IndexedIdentityFunctions;
    open: IndexedOpenFunctions;
    gates: IndexedRouteGates;
    routes: IndexedRouteCalls;
    renders: IndexedRenders;
    configs: IndexedRouteConfigs;
  } = { functions: [], open: [], gates: [], routes: [], renders: [], configs: [] };

  /** Every analysed file, by path. */
  files(): IndexedFile[] {
    // Findings change in place when a join runs again (rejoinAll), so they are read now, not kept.
    return this.derived
      .get('byPath', () =>
        [...this.entries.values()].sort(
          (a, b) => compareStrings(a.file.path, b.file.path) || compareStrings(a.file.key, b.file.key),
        ),
      )
      .map((e) => ({ path: e.file.path, uri: e.file.key, facts: e.analysis.facts, findings: e.findings }));
  }

  /** Files whose analysis could not tell (too costly, out of time, unreadable), with why. */
  unmeasured(): { path: string; uri: string; reason: string }[] {
    return [...this.unknown.values()].map((u) => ({ path: u.file.path, uri: u.file.key, reason: u.reason }));
  }

  /** Components of the workspace that render ConvexProviderWithClerk. */
  providerComponents(): ProviderComponent[] {
    return this.derived.get('providerComponents', () => {
      const list: ProviderComponent[] = [];
      for (const e of this.entries.values())
        for (const exportName of e.analysis.facts.exportsConvexProviderComponents)
          list.push({ path: e.file.path, exportName });
      return list.sort((a, b) => compareStrings(`${a.path}#${a.exportName}`, `${b.path}#${b.exportName}`));
    });
  }

  /** Each analysed file's path and facts, in path order. */
  protected analysedFiles(): { path: string; facts: FileFacts }[] {
    return this.derived.get('analysedFiles', () =>
      this.sortedEntries().map((e) => ({ path: e.file.path, facts: e.analysis.facts })),
    );
  }

  /** Every indexed Convex function that needs a signed-in user, with the path of its file. */
  identityFunctions(): IndexedIdentityFunctions {
    return this.derived.get('identityFunctions', () => {
      const functions: IndexedIdentityFunctions = [];
      for (const e of this.sortedEntries())
        for (const f of e.analysis.facts.identityFunctions ?? []) functions.push({ ...f, path: e.file.path });
      return functions;
    });
  }

  /** Every indexed Convex function that certainly reads no identity, with the path of its file. */
  openFunctions(): IndexedOpenFunctions {
    return this.derived.get('openFunctions', () => {
      const functions: IndexedOpenFunctions = [];
      for (const e of this.sortedEntries())
        for (const f of e.analysis.facts.openFunctions ?? []) functions.push({ ...f, path: e.file.path });
      return functions;
    });
  }

  /** Every indexed route layout that renders its child routes only once Convex has accepted the token. */
  routeGates(): IndexedRouteGates {
    return this.derived.get('routeGates', () => {
      const gates: IndexedRouteGates = [];
      for (const e of this.sortedEntries())
        if (e.analysis.facts.routeGate) gates.push({ ...e.analysis.facts.routeGate, path: e.file.path });
      return gates;
    });
  }

  /** Every indexed route file that calls Convex on mount (for the layouts above it that gate on Clerk alone). */
  routeCalls(): IndexedRouteCalls {
    return this.derived.get('routeCalls', () => {
      const routes: IndexedRouteCalls = [];
      for (const e of this.sortedEntries())
        if (e.analysis.facts.routeCall) routes.push({ ...e.analysis.facts.routeCall, path: e.file.path });
      return routes;
    });
  }

  /** Every indexed file's uses of the project's components (where a component is rendered, and whether gated). */
  renders(): IndexedRenders {
    return this.derived.get('renders', () => {
      const renders: IndexedRenders = [];
      for (const e of this.sortedEntries())
        for (const r of e.analysis.facts.renders ?? []) renders.push({ ...r, path: e.file.path });
      return renders;
    });
  }

  /** Every indexed React Router route config (routes.ts), which places route modules under their layouts. */
  routeConfigs(): IndexedRouteConfigs {
    return this.derived.get('routeConfigs', () => {
      const configs: IndexedRouteConfigs = [];
      for (const e of this.sortedEntries())
        if (e.analysis.facts.routeConfig) configs.push(e.analysis.facts.routeConfig);
      return configs;
    });
  }

  /** What a file's analysis needs from the others now. */
  protected crossFileInputs(): CrossFileInputs {
    return this.derived.get('inputs', () => ({
      ...componentContext(this.analysedFiles()),
      convexProviderComponents: this.providerComponents(),
      projectHasIdentityFunctions: this.identityFunctions().length > 0,
    }));
  }

  /** An analysis with its query-before-auth findings joined with the functions (and route layouts) of the last settle. */
  rejoin(analysis: FileAnalysis): FileAnalysis {
    return hasJoinedSites(analysis)
      ? this.join(
          analysis,
          this.joined.functions,
          this.joined.open,
          this.joined.gates,
          this.joined.routes,
          this.joined.renders,
          this.joined.configs,
        )
      : analysis;
  }

  /** Stores an analysis; true when the file's facts or findings changed. */
  protected store(
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
    if (!previous) return true;
    if (previous.analysis === entry.analysis && previous.findings === entry.findings) return false;
    return shapeOf(previous) !== shapeOf(entry);
  }

  /**
   * Joins every file's query sites with the identity functions and the route layouts indexed now; true when any
   * findings changed.
   */
  protected rejoinAll(): boolean {
    const functions = this.identityFunctions();
    const open = this.openFunctions();
    const gates = this.routeGates();
    const routes = this.routeCalls();
    const renders = this.renders();
    const configs = this.routeConfigs();
    this.joined = { functions, open, gates, routes, renders, configs };
    let any = false;
    for (const e of this.entries.values()) {
      if (!hasJoinedSites(e.analysis)) continue;
      const joined = this.join(
        { ...e.analysis, findings: e.findings },
        functions,
        open,
        gates,
        routes,
        renders,
        configs,
      ).findings;
      if (JSON.stringify(joined) === JSON.stringify(e.findings)) continue;
      e.findings = joined;
      shapes.delete(e);
      any = true;
    }
    return any;
  }

  protected sortedEntries(): Entry[] {
    return this.derived.get('sortedEntries', () =>
      [...this.entries.values()].sort((a, b) => compareStrings(a.file.key, b.file.key)),
    );
  }
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** What of an entry others see (its facts and findings), written out once per entry: each store compares two. */
const shapes = new WeakMap<Entry, string>();
function shapeOf(entry: Entry): string {
  let shape = shapes.get(entry);
  if (shape === undefined) shapes.set(entry, (shape = JSON.stringify([entry.analysis.facts, entry.findings])));
  return shape;
}
