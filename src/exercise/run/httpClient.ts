// The real `convex` package's ConvexHttpClient as the exercise's client: the request the stand-in receives is
// the one a Convex app sends, byte for byte. A function path string is a valid function reference for it.
import { ConvexHttpClient } from 'convex/browser';
import { convexToJson, type Value } from 'convex/values';
import type { WireClient } from './ownFunctionRun';

export const convexHttpClient: WireClient = async (url, token, kind, path, args) => {
  const client = new ConvexHttpClient(url, { logger: false });
  if (token !== undefined) client.setAuth(token);
  const ref = path as unknown as Parameters<ConvexHttpClient['query']>[0];
  try {
    const value: unknown =
      kind === 'query'
        ? await client.query(ref, args)
        : kind === 'mutation'
          ? await client.mutation(ref as unknown as Parameters<ConvexHttpClient['mutation']>[0], args)
          : await client.action(ref as unknown as Parameters<ConvexHttpClient['action']>[0], args);
    return { ok: true, value: convexToJson((value ?? null) as Value) };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
};
