// Real files and the random damage a learner mid-edit produces, shared by the property tests.
import fc from 'fast-check';
import { officialFixtures } from './officialFixtures';
import { readRepoFile } from './helpers';

export interface Source {
  name: string;
  text: string;
}

export const sources: Source[] = [
  ...officialFixtures().map((f) => ({ name: f.rel, text: f.text })),
  ...['app/layout.tsx', 'app/page.tsx', 'convex/messages.ts', 'convex/auth.config.ts'].map((f) => ({
    name: f,
    text: readRepoFile(`sample/${f}`),
  })),
];

const FRAGMENTS = [
  '<',
  '>',
  '{',
  '}',
  '(',
  ')',
  '"',
  '`',
  '/*',
  '//',
  '</',
  '/>',
  'await ',
  '=>',
  ',',
  ';',
  '\n',
  '<ClerkProvider>',
  'ctx.auth.getUserIdentity()',
  '${',
  '\\',
];

export type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; text: string };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 8 })),
  }),
);

export function mutate(text: string, mutations: Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    const at = out.length === 0 ? 0 : m.at % (out.length + 1);
    if (m.kind === 'truncate') out = out.slice(0, at);
    else if (m.kind === 'delete') out = out.slice(0, at) + out.slice(at + m.length);
    else out = out.slice(0, at) + m.text + out.slice(at);
  }
  return out;
}

/**
 * How many mutated fixtures the walk properties try: a few hundred in the unit layer, where they run on every
 * save; test/system/analysis/mutationRuns.test.ts runs the same properties on 2,000 (`MUTATION_RUNS`).
 */
export const MUTATION_RUNS = Number(process.env.MUTATION_RUNS) || 300;

/** A fixture after one to four mutations. */
export function mutatedSource(): fc.Arbitrary<Source> {
  return fc
    .tuple(fc.nat({ max: sources.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }))
    .map(([index, mutations]) => {
      const source = sources[index];
      return { name: source.name, text: mutate(source.text, mutations) };
    });
}
