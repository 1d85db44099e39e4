import type * as t from '@babel/types';
import { endOf, indentAt, keyName, startOf } from '../../ast';
import type { Fix, TextEdit } from '../../types';
import type { RuleContext } from '../shared';
import { paramName, type HandlerFacts } from './handler';
import { argsObject, type PublicFunction, type UserArg } from './publicFunctions';

/** `identity.subject` for a string Clerk id, `identity.tokenIdentifier` for one; none for a document id. */
function replacementFor(arg: UserArg, rc: RuleContext): string | undefined {
  const validator = arg.validator ? rc.scan.text.slice(startOf(arg.validator), endOf(arg.validator)) : '';
  if (!/^v\.(string|optional\(v\.string)\(/.test(validator)) return undefined;
  return /^token_?identifier$/i.test(arg.name) ? 'tokenIdentifier' : 'subject';
}

/** Removes an object property with its comma (and the line, when it sits on one of its own). */
function removeProperty(rc: RuleContext, obj: t.ObjectExpression, prop: t.Node): TextEdit {
  const text = rc.scan.text;
  const props = obj.properties;
  const i = props.indexOf(prop as (typeof props)[number]);
  const next = props[i + 1];
  if (next) return { start: startOf(prop), end: startOf(next), newText: '' };
  const prev = props[i - 1];
  if (prev) return { start: endOf(prev), end: endOf(prop) + (text[endOf(prop)] === ',' ? 1 : 0), newText: '' };
  return { start: startOf(obj) + 1, end: endOf(obj) - 1, newText: '' };
}

export function fixFor(rc: RuleContext, fn: PublicFunction, arg: UserArg, facts: HandlerFacts): Fix | undefined {
  // The id is one field of an object the handler stores whole: no single edit takes the user from ctx.auth there.
  if (arg.label) return undefined;
  const field = replacementFor(arg, rc);
  const args = argsObject(fn);
  const body = fn.handler.body;
  const ctx = paramName(fn.handler.params[0]);
  const refs = facts.refs.get(arg.name) ?? [];
  // Fields held in a const or a table's validator are shared: removing one there is not this function's fix.
  const inPlace = args && fn.config && startOf(args) >= startOf(fn.config) && endOf(args) <= endOf(fn.config);
  if (
    !field ||
    !args ||
    !inPlace ||
    !ctx ||
    body.type !== 'BlockStatement' ||
    facts.wholeArgsWrite ||
    !fn.handler.async
  )
    return undefined;
  if (facts.identities.size > 0) return undefined; // an identity is read already: how it is used is the author's call
  const text = rc.scan.text;
  const first = body.body[0];
  const indent = first ? indentAt(text, startOf(first)) : '    ';
  const edits: TextEdit[] = [
    removeProperty(rc, args, arg.declared),
    {
      start: first ? startOf(first) : startOf(body) + 1,
      end: first ? startOf(first) : startOf(body) + 1,
      newText: `const identity = await ${ctx}.auth.getUserIdentity();\n${indent}if (identity === null) throw new Error("Not authenticated");\n${first ? indent : ''}`,
    },
  ];
  const argsParam = fn.handler.params[1];
  for (const ref of refs) {
    const node = ref.node;
    edits.push({ start: startOf(node), end: endOf(node), newText: `identity.${field}` });
  }
  // A destructured parameter (`{ userId, name }`) loses the key; a shorthand `{ userId }` in a write keeps the field.
  if (argsParam?.type === 'ObjectPattern') {
    const p = argsParam.properties.find((x) => x.type === 'ObjectProperty' && keyName(x) === arg.name);
    if (p) {
      const others = argsParam.properties.filter((x) => x !== p);
      if (others.length === 0) edits.push({ start: startOf(argsParam), end: endOf(argsParam), newText: '{}' });
      else {
        const i = argsParam.properties.indexOf(p);
        const next = argsParam.properties[i + 1];
        const prev = argsParam.properties[i - 1];
        edits.push(
          next
            ? { start: startOf(p), end: startOf(next), newText: '' }
            : { start: prev ? endOf(prev) : startOf(p), end: endOf(p), newText: '' },
        );
      }
    }
  }
  // Shorthand properties (`insert("notes", { userId, … })`): the edit on the reference already wrote the value;
  // it must keep the key.
  const fixedEdits = edits.map((e) => {
    const ref = refs.find((r) => startOf(r.node) === e.start && endOf(r.node) === e.end);
    if (!ref) return e;
    const shorthand =
      text.slice(e.end).match(/^\s*[,}\n]/) && text.slice(Math.max(0, e.start - 2), e.start).match(/[{,]\s?$/);
    return shorthand && ref.node.type === 'Identifier' ? { ...e, newText: `${ref.node.name}: identity.${field}` } : e;
  });
  return {
    title: `Take the user from ctx.auth (identity.${field}) instead of the \`${arg.name}\` argument`,
    mechanical: false, // callers that still send the argument would now fail validation: review them too
    edits: fixedEdits,
  };
}
