import assert from 'node:assert/strict';
import { codes, only } from './helpers';

// The seventh fresh check's F2 (raising-vibrations/planatery-pairs src/app/layout.tsx): the page is kept in a
// variable and wrapped in ClerkProvider when a key is set, rendered bare otherwise. "Rendered outside ClerkProvider"
// is false on the configured path, and which condition picks the bare one cannot be said here.
const head = `"use client";
import { ClerkProvider, useAuth } from "@clerk/nextjs";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import { ConvexReactClient } from "convex/react";

const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);
`;

const layout = (tree: string, returns: string): string => `${head}
export default function RootLayout({ children }) {
  const page = ${tree};
${returns}
}
`;

const tree = `(
    <html>
      <body>
        <ConvexProviderWithClerk client={convex} useAuth={useAuth}>{children}</ConvexProviderWithClerk>
      </body>
    </html>
  )`;

describe('analysis: provider-order with the tree kept in a variable', () => {
  it('is silent when a ClerkProvider of the same component renders the variable on one path', () => {
    const conditional = layout(
      tree,
      '  if (process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY) {\n    return <ClerkProvider>{page}</ClerkProvider>;\n  }\n  return page;',
    );
    assert.deepEqual(codes('app/layout.tsx', conditional), []);
    const ternary = layout(tree, '  return hasKey ? <ClerkProvider>{page}</ClerkProvider> : page;');
    assert.deepEqual(codes('app/layout.tsx', ternary), []);
    const deeper = layout(tree, '  return <ClerkProvider><Theme>{page}</Theme></ClerkProvider>;');
    assert.deepEqual(codes('app/layout.tsx', deeper), []);
  });

  it('still flags a tree in a variable that no ClerkProvider renders, when ClerkProvider is in the same component', () => {
    const beside = layout(tree, '  return <><ClerkProvider>{children}</ClerkProvider>{page}</>;');
    const [f] = only('app/layout.tsx', beside, 'provider-order');
    assert.match(f?.message ?? '', /is rendered outside <ClerkProvider>/);
  });

  it('still flags ConvexProviderWithClerk wrapping ClerkProvider in a variable rendered bare', () => {
    const inverted = layout(
      '(\n    <ConvexProviderWithClerk client={convex} useAuth={useAuth}>\n      <ClerkProvider>{children}</ClerkProvider>\n    </ConvexProviderWithClerk>\n  )',
      '  return page;',
    );
    assert.equal(only('app/layout.tsx', inverted, 'provider-order').length, 1);
  });
});
