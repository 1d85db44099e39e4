// The entries an auth.config adds to its providers list after making it: `const providers = []` then
// `providers.push({ … })` at the top level or under an `if` (an environment switch). A change this cannot follow
// (a push in a loop or a function, splice, an index assignment, the list handed to a function) makes the list unknown.
import type * as t from '@babel/types';

export interface Pushes {
  /** The pushed values, in order (each may still need resolving through constants). */
  values: t.Node[];
  /** The list is changed in some other way, or a push could not be read: its entries are not known. */
  unknown: boolean;
}

/** How many statements the walk looks at before calling the list unknown (an auth.config is a few lines). */
const STATEMENT_BUDGET = 2_000;

function escaped(name: string): string {
  return name.replace(/\$/g, '\\$');
}

/** A push or unshift onto `name` written as its own statement: its arguments, or undefined. */
function pushed(statement: t.Statement, name: string): t.CallExpression['arguments'] | undefined {
  if (statement.type !== 'ExpressionStatement') return undefined;
  const call = statement.expression;
  if (call.type !== 'CallExpression' || call.callee.type !== 'MemberExpression') return undefined;
  const { object, property, computed } = call.callee;
  if (object.type !== 'Identifier' || object.name !== name || computed || property.type !== 'Identifier')
    return undefined;
  return property.name === 'push' || property.name === 'unshift' ? call.arguments : undefined;
}

/** Statements that run once when the module loads (not loops or function bodies, which may run any number of times). */
function children(statement: t.Statement): (t.Statement | null | undefined)[] {
  switch (statement.type) {
    case 'BlockStatement':
      return statement.body;
    case 'IfStatement':
      return [statement.consequent, statement.alternate];
    case 'TryStatement':
      return [statement.block, statement.handler?.body, statement.finalizer];
    case 'LabeledStatement':
      return [statement.body];
    default:
      return [];
  }
}

/** What is pushed onto the top-level list `name` in `program` (whose source is `text`). */
export function pushesOnto(program: t.Program, text: string, name: string): Pushes {
  const result: Pushes = { values: [], unknown: false };
  const changes = new RegExp(
    `(?<![\\w$.])${escaped(name)}\\s*(?:\\??\\.\\s*(?:push|unshift|splice|pop|shift|length|fill|sort|reverse|copyWithin)\\b|\\[)`,
    'g',
  );
  const mentioned = text.match(changes)?.length ?? 0;
  // Handed to a function (`fill(providers)`) or assigned again: changed in a way not followed here.
  const handed = new RegExp(
    `\\(\\s*${escaped(name)}\\s*[,)]|,\\s*${escaped(name)}\\s*\\)|(?<!(?:const|let|var)\\s+)(?<![\\w$.])${escaped(name)}\\s*=(?![=>])`,
  );
  if (mentioned === 0 && !handed.test(text)) return result;
  let followed = 0;
  let budget = STATEMENT_BUDGET;
  const stack: t.Statement[] = [...program.body].reverse();
  while (stack.length) {
    if (--budget < 0) return { values: [], unknown: true };
    const statement = stack.pop() as t.Statement;
    const args = pushed(statement, name);
    if (args) {
      followed++;
      for (const a of args) {
        if (a.type === 'SpreadElement' || a.type === 'ArgumentPlaceholder') result.unknown = true;
        else result.values.push(a);
      }
      continue;
    }
    for (const child of children(statement).reverse()) if (child) stack.push(child);
  }
  // A change the walk did not follow (in a loop or a function, or not a push): the list's entries are not known.
  if (followed < mentioned || handed.test(text)) result.unknown = true;
  return result;
}
