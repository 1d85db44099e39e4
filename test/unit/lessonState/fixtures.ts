// Builders for measured state: each test states only the facts it is about.
import type { FileFacts, Finding } from '../../../src/analysis/types';
import type { AuthConfigInfo, AuthProviderEntry, ProjectSnapshot } from '../../../src/project/types';
import type { MeasuredFile } from '../../../src/lessonState';

export function facts(over: Partial<FileFacts> = {}): FileFacts {
  return {
    sandwichCorrect: false,
    rendersConvexProviderWithClerk: false,
    exportsConvexProviderComponents: [],
    readsIdentityCorrectly: false,
    gatesWithConvexAuth: false,
    ...over,
  };
}

export function file(path: string, over: Partial<FileFacts> = {}, findings: Finding[] = []): MeasuredFile {
  return { path, uri: `file:///ws/${path}`, facts: facts(over), findings };
}

export function finding(lessonStep: string, over: Partial<Finding> = {}): Finding {
  return {
    code: 'clerk-convex/test',
    severity: 'warning',
    message: 'm',
    start: 10,
    end: 20,
    fixes: [],
    lessonStep,
    ...over,
  };
}

export function provider(over: Partial<AuthProviderEntry> = {}): AuthProviderEntry {
  return {
    domain: { kind: 'env', name: 'CLERK_JWT_ISSUER_DOMAIN' },
    applicationID: 'convex',
    start: 30,
    end: 90,
    ...over,
  };
}

export function authConfig(providers: AuthProviderEntry[], over: Partial<AuthConfigInfo> = {}): AuthConfigInfo {
  return { path: 'convex/auth.config.ts', uri: 'file:///ws/convex/auth.config.ts', providers, ...over };
}

export function project(over: Partial<ProjectSnapshot> = {}): ProjectSnapshot {
  return { authConfigs: [], env: [], packages: { framework: 'next', clerkSdks: ['@clerk/nextjs'] }, ...over };
}
