// The only place that touches @babel/parser. Error recovery keeps going past most syntax errors (the learner
// is typing); anything it still cannot read yields undefined, never an exception.
import { parse, type ParserPlugin } from '@babel/parser';
import type { File } from '@babel/types';

function pluginsFor(fileName: string): ParserPlugin[] {
  if (/\.(ts|mts|cts)$/.test(fileName)) return ['typescript']; // JSX would misread `<T>x` casts and generics
  if (/\.tsx$/.test(fileName)) return ['typescript', 'jsx'];
  return ['jsx'];
}

export function parseSource(fileName: string, text: string): File | undefined {
  // Babel builds an Error for every recovered syntax error; half-typed code has many and their stack traces are
  // never read, so skip capturing them (restored right after: parsing is synchronous).
  const stackLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return parse(text, {
      sourceType: 'module',
      plugins: pluginsFor(fileName),
      errorRecovery: true,
      attachComment: false,
      allowImportExportEverywhere: true,
      allowReturnOutsideFunction: true,
      allowAwaitOutsideFunction: true,
      allowNewTargetOutsideFunction: true,
      allowSuperOutsideMethod: true,
      allowUndeclaredExports: true,
    });
  } catch {
    return undefined;
  } finally {
    Error.stackTraceLimit = stackLimit;
  }
}
