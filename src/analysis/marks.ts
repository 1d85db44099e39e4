// Where in the text something the scan records can be. The scan enters only nodes whose range holds one of
// these offsets, so on a big file it never reads most of the tree (plain HTML markup, expressions without the
// hooks rules read), and reading the tree, not testing it, is what a walk costs. A superset is all it takes: a
// false mark costs a little walking, never a result. Each record's node range, and so every ancestor's, holds
// its mark:
// - `<` not followed by a lower-case letter, `/` or `>`: a component element starts there (`<div`, `</`, `<>` are
//   never one; a space or a comment may come before the name);
// - the name of a hook rules read, or the local name it is imported under: a hook call's callee;
// - `new`: a client construction, under any alias; `getUserIdentity`: an identity read;
// - `\`: an escape, through which an identifier can spell any of those.

/** The hooks rules read. The scan records calls of these alone (by the name they are imported under). */
export const READ_HOOKS: ReadonlySet<string> = new Set([
  'useQuery',
  'usePaginatedQuery',
  'useQueries',
  'useMutation',
  'useAction',
  'useAuth',
  'useUser',
  'useOrganization',
  'useConvexAuth',
  // TanStack Query's suspense hook and @convex-dev/react-query's names for convex/react's (tanstackQuery.ts).
  'useSuspenseQuery',
  'useConvexQuery',
  'useConvexPaginatedQuery',
]);

/** Convex's server-rendering helpers (convex/nextjs); the scan records their calls too. */
export const SERVER_CALLS: ReadonlySet<string> = new Set([
  'fetchQuery',
  'preloadQuery',
  'fetchMutation',
  'fetchAction',
]);

const MARK = new RegExp(`<(?![a-z/>])|${[...READ_HOOKS, ...SERVER_CALLS].join('|')}|new|getUserIdentity|\\\\`, 'g');

/**
 * An offset inside each mark (its last character, which lies in the same token as its first), ascending.
 * `aliases`: local names the file imports a read hook under.
 */
export function markOffsets(text: string, aliases: readonly string[] = []): number[] {
  const found: number[] = [];
  MARK.lastIndex = 0;
  while (MARK.test(text)) found.push(MARK.lastIndex - 1); // test(), unlike exec(), allocates no match
  if (aliases.length === 0) return found;
  if (aliases.length <= FEW_ALIASES) {
    for (const alias of aliases) {
      for (let at = text.indexOf(alias); at !== -1; at = text.indexOf(alias, at + 1)) found.push(at + alias.length - 1);
    }
  } else identifierMarks(text, aliases, found);
  return found.sort((a, b) => a - b);
}

/**
 * Past a few aliases, one search of the text per alias would cost (aliases × text): a file of many local hooks
 * (each one an alias) is quadratic. One pass over its identifiers, looked up by name, costs the text once.
 */
const FEW_ALIASES = 4;
const IDENTIFIER = /[\p{ID_Start}$_][\p{ID_Continue}$\u200C\u200D]*/gu;

/** Whole identifiers named like an alias; `ns.` aliases (a namespace import) where the name is followed by a dot. */
function identifierMarks(text: string, aliases: readonly string[], found: number[]): void {
  const names = new Set<string>();
  const namespaces = new Set<string>();
  for (const alias of aliases) {
    if (alias.endsWith('.')) namespaces.add(alias.slice(0, -1));
    else names.add(alias);
  }
  IDENTIFIER.lastIndex = 0;
  for (let m = IDENTIFIER.exec(text); m !== null; m = IDENTIFIER.exec(text)) {
    const end = m.index + m[0].length;
    if (names.has(m[0])) found.push(end - 1);
    else if (namespaces.has(m[0]) && text.charCodeAt(end) === 0x2e) found.push(end);
  }
}

function firstAtOrAfter(marks: readonly number[], offset: number): number {
  let lo = 0;
  let hi = marks.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (marks[mid] < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Answers "is there a mark in [start, end)?" for a walk in source order, whose starts only grow: then each
 * answer moves a cursor forward instead of searching (a start further back is searched for).
 */
export class MarkCursor {
  private next = 0;

  constructor(private readonly marks: readonly number[]) {}

  within(start: number, end: number): boolean {
    const marks = this.marks;
    let i = this.next;
    if (i > 0 && marks[i - 1] >= start) i = firstAtOrAfter(marks, start);
    while (i < marks.length && marks[i] < start) i++;
    this.next = i;
    return i < marks.length && marks[i] < end;
  }
}
