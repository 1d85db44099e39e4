// convex/auth.config.* files as projects write them.
import type { CorpusEntry } from './types';

export const authConfigs: CorpusEntry[] = [
  {
    id: 'auth-config-convex-auth-site-url',
    sources: [{ repo: 'lekt9/launchpal-mcp', path: 'convex/auth.config.ts' }],
    dependencies: { convex: '*', '@convex-dev/auth': '*' },
    files: {
      'convex/auth.config.ts': `// Default export for Convex auth configuration
export default {
  providers: [
    {
      domain: process.env.CONVEX_SITE_URL,
      applicationID: "convex",
    },
  ],
};
`,
    },
    verdict:
      "Clean: Convex Auth's config; CONVEX_SITE_URL is a variable every deployment has built in, never set by hand.",
    expect: [],
  },
  {
    id: 'auth-config-js-clerk-issuer-url',
    sources: [{ repo: 'zacheys123/gig_up', path: 'convex/auth.config.js' }],
    dependencies: { next: '*', '@clerk/nextjs': '*', convex: '*' },
    files: {
      'convex/auth.config.js': `// convex/auth.config.ts
export default {
  providers: [
    {
      domain: process.env.CLERK_ISSUER_URL,
      applicationID: "convex",
    },
  ],
};
`,
    },
    verdict: 'Clean (any variable name works if it is set on the deployment).',
    expect: [],
  },
  {
    id: 'auth-config-const-misspelt-application-id',
    sources: [{ repo: 'priyankaamba67-sketch/CollabPad-', path: 'convex/auth.config.ts' }],
    dependencies: { next: '*', '@clerk/nextjs': '*', convex: '*' },
    files: {
      'convex/auth.config.ts': `// convex/auth.config.ts (or wherever your auth config lives)

const authConfig = {
  providers: [
    {
      domain: "https://colorless-gull-651.clerk.accounts.dev",
      applicationId: "convex",
    },
  ],
};

export default authConfig;
`,
    },
    verdict: 'Bug: applicationId instead of applicationID, so no token audience matches. On the applicationId key.',
    expect: [{ file: 'convex/auth.config.ts', code: 'auth-config-misspelt-key', at: 'applicationId' }],
  },
  {
    id: 'auth-config-deliberate-fallback-no-scheme',
    sources: [{ repo: 'georgesiosi/gsdapp', path: 'convex/auth.config.ts' }],
    dependencies: { next: '*', '@clerk/nextjs': '*', convex: '*' },
    files: {
      'convex/auth.config.ts': `// Define auth config for Convex
export default {
  providers: [{
    name: "clerk",
    domain: process.env.NEXT_PUBLIC_CLERK_DOMAIN || "live-glider-97.clerk.accounts.dev",
    applicationID: "convex",
  }],
};
`,
    },
    verdict:
      'Clean: a deliberate fallback to the real dev issuer (Convex adds https://); the extra name key is ignored by Convex.',
    expect: [],
  },
  {
    id: 'auth-config-deliberate-fallback-https',
    sources: [{ repo: 'rashmiofficial45/helper-agent', path: 'convex/auth.config.ts' }],
    dependencies: { next: '*', '@clerk/nextjs': '*', convex: '*' },
    files: {
      'convex/auth.config.ts': `
export default {
  providers: [
    {
      // This domain must exactly match the "iss" in your Clerk JWT payload.
      domain: process.env.CLERK_ISSUER_ID || "https://included-hedgehog-61.clerk.accounts.dev",
      applicationID: "convex",
    },
  ],
};
`,
    },
    verdict: 'Clean: a deliberate fallback to a real issuer.',
    expect: [],
  },
  {
    id: 'auth-config-placeholder-fallback',
    sources: [{ repo: 'Anledinhminh/mirco-clone', path: 'convex/auth.config.ts' }],
    dependencies: { next: '*', '@clerk/nextjs': '*', convex: '*' },
    files: {
      'convex/auth.config.ts': `export default {
    providers: [
        {
            // After running npx convex dev, set your Clerk Frontend API URL here
            domain: process.env.CLERK_JWT_ISSUER_DOMAIN ?? "https://REPLACE_ME.clerk.accounts.dev",
            applicationID: "convex",
        },
    ],
};
`,
    },
    verdict:
      "Dead fallback (verdict corrected on 2026-12-07 from convex-backend's source, auth_config.rs get_environment_variable: the first verdict said the ?? hands Convex the placeholder and the push succeeds; in fact reading the unset variable stops the push before ?? runs): the placeholder never applies. On the domain's value.",
    expect: [
      { file: 'convex/auth.config.ts', code: 'auth-config-env-hidden', at: 'process.env.CLERK_JWT_ISSUER_DOMAIN ??' },
    ],
  },
  {
    id: 'auth-config-js-const-single-quotes',
    sources: [{ repo: 'shaykhedeee/ascend', path: 'convex/auth.config.js' }],
    dependencies: { next: '*', '@clerk/nextjs': '*', convex: '*' },
    files: {
      'convex/auth.config.js': `// Convex auth configuration: trusts Clerk JWTs
const authConfig = {
  providers: [
    {
      // Set CLERK_JWT_ISSUER_DOMAIN in Convex Dashboard environment variables
      domain: process.env.CLERK_JWT_ISSUER_DOMAIN,
      applicationID: 'convex',
    },
  ],
};
export default authConfig;
`,
    },
    verdict: 'Clean.',
    expect: [],
  },
  {
    id: 'auth-config-template-placeholder-domain',
    sources: [
      {
        repo: 'smartekaico/saaskit-convex-clerk-react-router',
        path: 'convex/auth.config.ts',
        commit: '006ad57558ddc1a5615bd48b8d8aa327683ce1b9',
      },
    ],
    dependencies: { 'react-router': '^7.1.0', vite: '^8.0.9', '@clerk/react-router': '^3.1.3', convex: '^1.36.0' },
    files: {
      'convex/auth.config.ts': `export default {
  providers: [
    {
      domain: 'https://{issuer}', // Replace with your Clerk issuer URL (e.g., https://your-org.clerk.com)
      applicationID: 'convex',
    },
  ],
};
`,
    },
    verdict:
      "Bug: the domain is still the template's placeholder, which no token's issuer can equal. On the domain's value.",
    expect: [{ file: 'convex/auth.config.ts', code: 'auth-config-domain', at: "'https://{issuer}'" }],
  },
  {
    id: 'auth-config-literal-trailing-slash',
    sources: [
      {
        repo: 'ramyosama/ticket-marketplace-saas-nextjs15-convex-clerk-stripe-connect',
        path: 'convex/auth.config.ts',
        commit: '8696cb2b5603ea36df7f10827a6d277f9289f527',
      },
    ],
    dependencies: { next: '15.0.3', '@clerk/nextjs': '^6.3.2', convex: '^1.17.0' },
    files: {
      'convex/auth.config.ts': `export default {
  providers: [
    {
      domain: "https://fresh-monster-41.clerk.accounts.dev/",
      applicationID: "convex",
    },
  ],
};
`,
    },
    verdict: "Clean: Convex strips a trailing slash before comparing with the token's iss.",
    expect: [],
  },
  {
    id: 'auth-config-expo-public-variable',
    sources: [
      {
        repo: 'jaronheard/expo-convex-clerk',
        path: 'convex/auth.config.js',
        commit: '844fb76110bd4038c69f12d2736970b4c17dca63',
      },
    ],
    dependencies: { expo: '~53.0.9', '@clerk/clerk-expo': '^2.11.5', convex: '^1.24.1' },
    files: {
      'convex/auth.config.js': `export default {
  providers: [
    {
      domain: process.env.EXPO_PUBLIC_CLERK_FRONTEND_API_URL,
      applicationID: "convex",
    },
  ],
};
`,
    },
    verdict: "Clean: the variable's name does not matter to Convex, only that the deployment has it.",
    expect: [],
  },
  {
    id: 'auth-config-monorepo-package',
    sources: [
      {
        repo: 'darrylyip/tanstackstart-convex-clerk-pnpm-monorepo',
        path: 'packages/convex/auth.config.ts',
        commit: '3f8d57cfa3cccc9612b1e231e71966d0c4e8fd12',
      },
    ],
    dependencies: { '@tanstack/react-start': 'latest', '@clerk/clerk-react': '^5.45.0', convex: '^1.16.0' },
    files: {
      'packages/convex/auth.config.ts': `export default {
  providers: [
    {
      domain: process.env.CLERK_JWT_ISSUER_DOMAIN,
      applicationID: "convex",
    },
  ],
};
`,
    },
    verdict: "Clean: a monorepo's Convex package (its folder is named convex).",
    expect: [],
  },
  {
    id: 'auth-config-env-non-null',
    sources: [{ repo: 'mavo41/ResumeJobMatcher', path: 'convex/auth.config.ts' }],
    dependencies: { next: '*', '@clerk/nextjs': '*', convex: '*' },
    files: {
      'convex/auth.config.ts': `// convex/auth.config.ts

export default {
  providers: [
    {
      domain: process.env.CLERK_JWT_ISSUER_DOMAIN!,
      applicationID: "convex",
    },
  ],
} ;
`,
    },
    verdict: 'Clean.',
    expect: [],
  },
];
