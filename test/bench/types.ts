/**
 * One figure `npm run bench` prints. Each is shown as a ratio: against a reference measured in the same run
 * (e.g. analysis time / raw parse time) when there is one, and against its budget.
 */
export interface BenchRow {
  name: string;
  value: number;
  unit: 'ms' | 'KB' | 'MiB' | 'ratio';
  /**
   * Goal from the issue, in the same unit as value (or as a ratio when `reference` is given). Undefined for a
   * figure printed for context only (e.g. the workbench's own cost that a reference is measured against).
   */
  budget: number | undefined;
  /** When set, the figure compared with the budget is value / reference.value. */
  reference?: { name: string; value: number };
  /**
   * The issue set this figure a goal to report, not a budget to meet: printed as "goal", and "MISS" instead of
   * "OVER" when it is not reached.
   */
  goal?: true;
}

/** Each `test/bench/*.bench.ts` exports this. */
export type Bench = () => Promise<BenchRow[]>;
