import { isArray, jsonStringify, objectKeys } from './captured';

export class TooLarge extends Error {}

/**
 * JSON text of a value made of JSON data (what convexToJson returns), stopping as soon as it passes `budget`
 * characters. Ignores `toJSON` (a learner's `Object.prototype.toJSON` must not rewrite the runner's answer).
 */
export function serialize(value: unknown, budget: number): string {
  const parts: string[] = [];
  let size = 0;
  const push = (s: string) => {
    size += s.length;
    if (size > budget) throw new TooLarge();
    parts.push(s);
  };
  const walk = (v: unknown, depth: number): void => {
    if (depth > 64) throw new TooLarge();
    // A string longer than what is left is too large without copying it (a 64 MB answer stops here at once).
    if (typeof v === 'string' && v.length > budget - size) throw new TooLarge();
    if (v === null || typeof v === 'boolean' || typeof v === 'number' || typeof v === 'string') {
      push(jsonStringify(v) ?? 'null');
      return;
    }
    if (typeof v !== 'object') {
      push('null');
      return;
    }
    if (isArray(v)) {
      push('[');
      for (let i = 0; i < v.length; i++) {
        if (i > 0) push(',');
        walk((v as unknown[])[i], depth + 1);
      }
      push(']');
      return;
    }
    push('{');
    let first = true;
    for (const k of objectKeys(v)) {
      const item = (v as Record<string, unknown>)[k];
      if (item === undefined || typeof item === 'function') continue;
      if (!first) push(',');
      first = false;
      push(jsonStringify(k));
      push(':');
      walk(item, depth + 1);
    }
    push('}');
  };
  walk(value, 0);
  return parts.join('');
}
