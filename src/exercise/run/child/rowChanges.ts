// The rows a call inserted, changed or deleted: every table read before and after the call, compared by id.
import { MAX_CHANGED_ROWS, MAX_ROW_BYTES, type RowChanges, type RowDoc } from '../protocol';
import { serialize } from './boundedJson';
import { jsonParse, jsonStringify, objectKeys } from './captured';
import type { ConvexValues, Loaded } from './session';

/** A document as JSON, with values too large to report replaced by a note (the ids and small fields matter). */
function rowDoc(table: string, doc: Record<string, unknown>, values: ConvexValues): RowDoc {
  const json = values.convexToJson(doc) as Record<string, unknown>;
  let text: string;
  try {
    text = serialize(json, MAX_ROW_BYTES);
    return { table, id: String(doc._id), doc: jsonParse(text) as Record<string, unknown> };
  } catch {
    const small: Record<string, unknown> = {};
    for (const k of objectKeys(json)) {
      try {
        small[k] = jsonParse(serialize(json[k], 512));
      } catch {
        small[k] = '…';
      }
    }
    return { table, id: String(doc._id), doc: small };
  }
}

export type Snapshot = Map<string, { table: string; text: string; doc: Record<string, unknown> }>;

export async function snapshot(l: Loaded): Promise<Snapshot> {
  const out: Snapshot = new Map();
  await l.test.run(async (ctx) => {
    for (const table of l.tables) {
      for (const doc of await ctx.db.query(table).collect()) {
        const json = l.values.convexToJson(doc);
        out.set(String(doc._id), { table, text: jsonStringify(json), doc });
      }
    }
  });
  return out;
}

export function compare(before: Snapshot, after: Snapshot, values: ConvexValues): RowChanges {
  const inserted: RowDoc[] = [];
  const modified: { before: RowDoc; after: RowDoc }[] = [];
  const deleted: RowDoc[] = [];
  for (const [id, row] of after) {
    const old = before.get(id);
    if (!old) inserted.push(rowDoc(row.table, row.doc, values));
    else if (old.text !== row.text)
      modified.push({ before: rowDoc(old.table, old.doc, values), after: rowDoc(row.table, row.doc, values) });
  }
  for (const [id, row] of before) if (!after.has(id)) deleted.push(rowDoc(row.table, row.doc, values));
  if (inserted.length + modified.length + deleted.length > MAX_CHANGED_ROWS)
    return {
      unknown: `it changed ${inserted.length + modified.length + deleted.length} rows, more than the ${MAX_CHANGED_ROWS} the exercise compares`,
    };
  return { inserted, modified, deleted };
}
