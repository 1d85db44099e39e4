// What each file from disk was analysed against, as keys the model (model.ts) compares: the other files' inputs
// and the config generation (checkKey), and what the joins take from other files (identityKey). The model decides
// when to announce, join again and check again on them.
import { componentKey } from '../analysis/componentContext';
import { IndexedFiles, type Entry } from './indexedFiles';

export class CheckedFiles extends IndexedFiles {
  /** Bumped when a config (tsconfig/jsconfig) changed: every file from disk is checked again. */
  protected configGeneration = 0;

  /** What a file from disk whose result depends on other files was analysed against. */
  protected checkKey(): string {
    // componentKey covers the provider components, the other exported components and hooks, and the identity.
    return `${this.configGeneration}|${this.derived.get('componentKey', () => componentKey(this.analysedFiles()))}`;
  }

  /**
   * What the joins take from other files: a change re-joins every file's sites (a layout's gate included, the
   * routes under a layout gated on Clerk alone, the route configs that place React Router's modules, and where the
   * project renders its components: a page that stops wrapping a component in <Authenticated> brings back the
   * component's finding, its file not analysed again).
   */
  protected identityKey(): string {
    return this.derived.get('identityKey', () =>
      JSON.stringify([
        this.identityFunctions(),
        this.openFunctions(),
        this.routeGates(),
        this.routeCalls(),
        this.renders(),
        this.routeConfigs(),
      ]),
    );
  }

  /** Whether a file from disk was analysed against what `key` (checkKey()) says about the others today. */
  protected upToDate(e: Entry, key: string): boolean {
    return e.crossFile ? e.checkedWith === key : e.checkedWith?.startsWith(`${this.configGeneration}|`) === true;
  }
}
