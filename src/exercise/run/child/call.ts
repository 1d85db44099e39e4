// A call of one loaded function through convex-test, with the identity asked for, answered as Convex would
// (value or error, log lines) and, when asked, with the rows it changed.
import { describeThrown } from '../describe';
import { MAX_RESULT_BYTES, type Envelope, type Reply, type RowChanges } from '../protocol';
import { serialize } from './boundedJson';
import { failureKind } from './failureKind';
import { compare, snapshot, type Snapshot } from './rowChanges';
import { session } from './session';

export async function call(m: Extract<Envelope, { op: 'call' }>): Promise<Reply> {
  session.logLines = [];
  session.handlerStarted = false;
  const l = session.loaded;
  if (!l) return { op: 'result', ok: false, kind: 'setup', message: 'The functions are not loaded.', logLines: [] };
  const fn = l.functions.find((f) => f.path === m.path);
  if (fn?.kind === 'httpAction')
    return {
      op: 'result',
      ok: false,
      kind: 'unsupported',
      message: `${m.path} is an HTTP action: the exercise runs queries, mutations and actions, not HTTP routes.`,
      logLines: [],
    };
  let before: Snapshot | undefined;
  let changes: RowChanges | undefined;
  if (m.changes) {
    try {
      before = await snapshot(l);
    } catch (err) {
      changes = { unknown: `the tables could not be read before the call: ${describeThrown(err)}` };
    }
  }
  const after = async (): Promise<RowChanges | undefined> => {
    if (!m.changes || changes) return changes;
    try {
      return compare(before ?? (new Map() as Snapshot), await snapshot(l), l.values);
    } catch (err) {
      return { unknown: `the tables could not be read after the call: ${describeThrown(err)}` };
    }
  };
  let value: unknown;
  try {
    const accessor = m.identity ? l.test.withIdentity(m.identity) : l.test;
    value = await accessor[m.kind](l.makeReference(m.path), l.values.jsonToConvex(m.args));
  } catch (err) {
    const message = describeThrown(err);
    const kind = failureKind(err, message, session.handlerStarted);
    let data: unknown;
    try {
      const raw = (err as { data?: unknown } | null)?.data;
      data = raw === undefined ? undefined : l.values.convexToJson(raw);
    } catch {
      data = undefined;
    }
    const done = await after();
    return {
      op: 'result',
      ok: false,
      kind,
      message:
        kind === 'memory'
          ? `your function asked for more memory than the runner allows (a Buffer or typed array could not be allocated): ${message}`
          : message,
      ...(data !== undefined ? { data } : {}),
      logLines: session.logLines,
      ...(done ? { changes: done } : {}),
    };
  }
  const done = await after();
  let json: unknown;
  try {
    json = l.values.convexToJson(value ?? null);
  } catch (err) {
    return {
      op: 'result',
      ok: false,
      kind: 'function',
      message: `Your function returned a value Convex cannot send: ${describeThrown(err)}`,
      logLines: session.logLines,
      ...(done ? { changes: done } : {}),
    };
  }
  try {
    serialize(json, MAX_RESULT_BYTES);
  } catch {
    return {
      op: 'result',
      ok: false,
      kind: 'too-large',
      message: `Your function returned more than ${MAX_RESULT_BYTES / (1024 * 1024)} MB (as JSON): the exercise reads answers up to that size.`,
      logLines: session.logLines,
      ...(done ? { changes: done } : {}),
    };
  }
  return { op: 'result', ok: true, value: json, logLines: session.logLines, ...(done ? { changes: done } : {}) };
}
