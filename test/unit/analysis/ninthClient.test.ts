import assert from 'node:assert/strict';
import { only } from './helpers';

// Issue 23's ninth fresh check, M8: a ConvexReactClient made in useMemo whose dependencies change while the app runs.

const provider = (memo: string): string => `"use client";
import { ConvexProvider, ConvexReactClient } from "convex/react";
import { useAuth } from "@clerk/nextjs";
import { ReactNode, useMemo } from "react";

export function ConvexClientProvider({ children }: { children: ReactNode }) {
  const { getToken, isSignedIn } = useAuth();
  const convexUrl = process.env.NEXT_PUBLIC_CONVEX_URL!;
${memo}
  return <ConvexProvider client={convex}>{children}</ConvexProvider>;
}
`;

describe('analysis: client-in-component, a client in useMemo with changing dependencies (ninth check M8)', () => {
  it('flags useMemo(() => new ConvexReactClient(…), [getToken, isSignedIn]) and names the dependencies', () => {
    const text = provider(
      '  const convex = useMemo(() => {\n    return new ConvexReactClient(convexUrl, { verbose: isSignedIn });\n  }, [getToken, isSignedIn]);',
    );
    const [f] = only('app/providers/ConvexClientProvider.tsx', text, 'client-in-component');
    assert.ok(f);
    assert.match(text.slice(f.start, f.end), /^new ConvexReactClient\(/);
    assert.match(f.message, /\[getToken, isSignedIn\]/);
    assert.match(f.message, /ConvexClientProvider gets a new client/);
    assert.deepEqual(f.fixes, []);
  });
  it('near misses: useMemo with [], with only the deployment URL, a useState initialiser', () => {
    for (const memo of [
      '  const convex = useMemo(() => new ConvexReactClient(convexUrl), []);',
      '  const convex = useMemo(() => new ConvexReactClient(convexUrl), [convexUrl]);',
      '  const [convex] = useState(() => new ConvexReactClient(convexUrl));',
    ])
      assert.deepEqual(only('app/providers/ConvexClientProvider.tsx', provider(memo), 'client-in-component'), [], memo);
  });
});
