// The only module that imports @babel/parser (test/unit/analysis/parserImports.test.ts keeps it so). Error
// recovery keeps going past most syntax errors (the learner is typing); anything it still cannot read yields
// undefined, never an exception.
import { parse, type ParserPlugin } from '@babel/parser';
import type { File } from '@babel/types';

function pluginsFor(fileName: string): ParserPlugin[] {
  if (/\.(ts|mts|cts)$/.test(fileName)) return ['typescript']; // JSX would misread `<T>x` casts and generics
  if (/\.tsx$/.test(fileName)) return ['typescript', 'jsx'];
  return ['jsx'];
}

/** A parsed file, or why there is none: Babel's recursive descent overflows on deep nesting ('too-deep'). */
export type ParseOutcome =
  { file: File; failure?: undefined } | { file?: undefined; failure: 'too-deep' | 'unreadable' };

export function parseSource(fileName: string, text: string): File | undefined {
  return parseOutcome(fileName, text).file;
}

export function parseOutcome(fileName: string, text: string): ParseOutcome {
  // Babel builds an Error for every recovered syntax error; half-typed code has many and their stack traces are
  // never read, so skip capturing them (restored right after: parsing is synchronous).
  const stackLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    const file = parse(text, {
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
    return { file };
  } catch (err) {
    return { failure: isStackOverflow(err) ? 'too-deep' : 'unreadable' };
  } finally {
    Error.stackTraceLimit = stackLimit;
  }
}

/** The engine's own error for an exhausted call stack (nesting deeper than a recursive walk can follow). */
export function isStackOverflow(err: unknown): boolean {
  return err instanceof RangeError && /call stack/i.test(err.message);
}
