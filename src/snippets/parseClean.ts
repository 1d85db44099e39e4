// The insert planners only edit files they can read completely: offsets into a half-recovered tree could put
// an edit in the wrong place, and a clear "fix the syntax error first" loses nothing.
import type { File } from '@babel/types';
import { parseSource } from '../analysis/parse';

export function parseClean(fileName: string, text: string): File | undefined {
  const ast = parseSource(fileName, text);
  // Babel sets `errors` only when it recovered from some; its type is not exported.
  const errors = (ast as { errors?: readonly unknown[] } | undefined)?.errors;
  return ast && !errors?.length ? ast : undefined;
}
