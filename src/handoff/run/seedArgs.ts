// Arguments for the learner's own mutations, made from the args validator Convex exports (`exportArgs()`), so
// the exercise can write rows as user A and user B. Every string carries a marker naming its owner, which is how
// a returned row is recognised even when the function maps rows to other shapes.

type ValidatorJson = { type: string; value?: unknown; tableName?: string };

/** "seed 2 of Alice Martin": unique per row, and names the owner. */
export function seedMarker(ownerName: string, n: number): string {
  return `seed ${n} of ${ownerName}`;
}

/** A value the validator accepts, or undefined when none can be made (an `id` of a table, bytes, int64). */
export function valueFor(v: ValidatorJson, marker: string): unknown {
  switch (v.type) {
    case 'string':
    case 'any':
      return marker;
    case 'number':
    case 'float64':
      return 1;
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'literal':
      return v.value;
    case 'array':
      return [];
    case 'record':
      return {};
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [name, field] of Object.entries(
        (v.value ?? {}) as Record<string, { fieldType: ValidatorJson; optional: boolean }>,
      )) {
        if (field.optional) continue;
        const value = valueFor(field.fieldType, marker);
        if (value === undefined) return undefined;
        out[name] = value;
      }
      return out;
    }
    case 'union': {
      for (const member of (v.value ?? []) as ValidatorJson[]) {
        const value = valueFor(member, marker);
        if (value !== undefined) return value;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** Args for a function: `{}` when it declares none; undefined when its validator asks for what cannot be made. */
export function argsFor(validator: unknown, marker: string): Record<string, unknown> | undefined {
  if (validator === undefined || validator === null) return {};
  const v = validator as ValidatorJson;
  if (v.type === 'any') return {};
  const value = valueFor(v, marker);
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
