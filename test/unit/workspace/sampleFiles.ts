// The sample project's root layout and Convex provider, in the variants the workspace model's tests move between.
export const LAYOUT = (alias: boolean, right: boolean): string => `import { ClerkProvider } from "@clerk/nextjs";
import ConvexClientProvider from "${alias ? '@/components/ConvexClientProvider' : '../components/ConvexClientProvider'}";
export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en"><body>
      ${right ? '<ClerkProvider><ConvexClientProvider>{children}</ConvexClientProvider></ClerkProvider>' : '<ConvexClientProvider><ClerkProvider>{children}</ClerkProvider></ConvexClientProvider>'}
    </body></html>
  );
}
`;
export const PROVIDER = (withClerk: boolean): string => `"use client";
import { ReactNode } from "react";
import { ConvexReactClient${withClerk ? '' : ', ConvexProvider'} } from "convex/react";
${withClerk ? 'import { ConvexProviderWithClerk } from "convex/react-clerk";\nimport { useAuth } from "@clerk/nextjs";\n' : ''}const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);
export default function ConvexClientProvider({ children }: { children: ReactNode }) {
  return ${withClerk ? '<ConvexProviderWithClerk client={convex} useAuth={useAuth}>{children}</ConvexProviderWithClerk>' : '<ConvexProvider client={convex}>{children}</ConvexProvider>'};
}
`;
