import type * as t from '@babel/types';
import { endOf, indentAt, startOf } from '../../ast';
import type { NodeAt } from '../../scanRecords';
import type { Fix, TextEdit } from '../../types';
import type { RuleContext } from '../shared';

export function awaitFix(call: NodeAt<t.CallExpression>, parent: t.Node | undefined): Fix {
  const needsParens =
    parent?.type === 'MemberExpression' ||
    parent?.type === 'OptionalMemberExpression' ||
    parent?.type === 'CallExpression';
  const edits: TextEdit[] = needsParens
    ? [
        { start: startOf(call.node), end: startOf(call.node), newText: '(await ' },
        { start: endOf(call.node), end: endOf(call.node), newText: ')' },
      ]
    : [{ start: startOf(call.node), end: startOf(call.node), newText: 'await ' }];
  const fn = call.fn?.node;
  const isAsync = !fn || fn.async === true;
  if (fn && !fn.async) edits.push({ start: startOf(fn), end: startOf(fn), newText: 'async ' });
  return { title: isAsync ? 'Add await' : 'Add await (and make the function async)', mechanical: isAsync, edits };
}

export function nullCheckFix(rc: RuleContext, decl: t.Node, name: string): Fix {
  const text = rc.scan.text;
  const indent = indentAt(text, startOf(decl));
  const end = endOf(decl);
  return {
    title: `Stop when ${name} is null (not signed in)`,
    mechanical: false,
    edits: [
      {
        start: end,
        end,
        newText: `\n${indent}if (${name} === null) {\n${indent}  throw new Error("Not authenticated");\n${indent}}`,
      },
    ],
  };
}
