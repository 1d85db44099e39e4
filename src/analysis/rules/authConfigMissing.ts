// auth-config-missing: ConvexProviderWithClerk sends Clerk's token, but the Convex project has no auth.config, so
// Convex knows no provider and rejects every token ("No auth provider found matching the given token … (no providers
// configured)"): every function that needs a signed-in user fails. Said only where it is known: the Convex functions
// folder is not a guess, functions in it need a user, and neither the project reader nor the index holds an
// auth.config anywhere in the workspace. Anything less certain is silence.
import { endOf, startOf } from '../ast';
import { isInside } from '../../project/paths';
import { RULES } from '../ruleCatalog';
import type { ElementInfo } from '../scanRecords';
import { report, type RuleContext } from './shared';

/** The Convex functions folder when it is known to hold no auth.config (see the file comment); else undefined. */
export function functionsDirWithoutAuthConfig(rc: RuleContext): string | undefined {
  const { project, authConfigFiles, identityFunctionFiles } = rc.context;
  const layout = project?.convexLayout;
  if (!project || !layout || layout.ambiguous) return undefined;
  if (project.authConfigs.length > 0 || authConfigFiles === undefined || authConfigFiles.length > 0) return undefined;
  const dir = layout.functionsDir;
  return (identityFunctionFiles ?? []).some((p) => isInside(p, dir)) ? dir : undefined;
}

/** Whether the project (as read and as indexed) holds no auth.config at all: a plain provider then needs both steps. */
export function noAuthConfigAnywhere(rc: RuleContext): boolean {
  const { project, authConfigFiles } = rc.context;
  return !!project && project.authConfigs.length === 0 && authConfigFiles !== undefined && authConfigFiles.length === 0;
}

export function checkMissingAuthConfig(rc: RuleContext, withClerk: readonly ElementInfo[]): void {
  if (withClerk.length === 0) return;
  const dir = functionsDirWithoutAuthConfig(rc);
  if (dir === undefined) return;
  const functions = (rc.context.identityFunctionFiles ?? []).filter((p) => isInside(p, dir));
  const config = `${dir ? `${dir}/` : ''}auth.config.ts`;
  // A provider list Convex never reads (misplacedAuthConfig.ts) is the config the learner meant: name it, not a new one.
  const misplaced = rc.context.misplacedAuthConfigFiles?.[0];
  const target = misplaced && `${dir ? `${dir}/` : ''}auth.config.${/\.[cm]?tsx?$/.test(misplaced) ? 'ts' : 'js'}`;
  const rejects = `so it rejects every token ("No auth provider found matching the given token", no providers configured) and the functions that need a signed-in user (${functions.slice(0, 2).join(', ')}${functions.length > 2 ? ', …' : ''}) never see one`;
  for (const el of withClerk) {
    const name = el.node.openingElement.name;
    if (misplaced && target) {
      report(
        rc,
        RULES.authConfigMissing,
        startOf(name),
        endOf(name),
        `<${el.name}> sends Clerk's token, but there is no ${config}: your providers are in ${misplaced}, which Convex never reads (it loads only ${dir ? `${dir}/` : ''}auth.config.ts or .js). Convex knows no auth provider, ${rejects}. Move ${misplaced} to ${target} and run npx convex dev.`,
        [],
        [{ path: misplaced, start: 0, end: 0, message: `the provider list Convex never reads: ${misplaced}` }],
      );
      continue;
    }
    report(
      rc,
      RULES.authConfigMissing,
      startOf(name),
      endOf(name),
      `<${el.name}> sends Clerk's token, but there is no ${config}: Convex knows no auth provider, ${rejects}. Create ${config} with Clerk's issuer as a provider ({ domain: process.env.CLERK_JWT_ISSUER_DOMAIN, applicationID: "convex" }), set the variable on the deployment and run npx convex dev.`,
      [],
    );
  }
}
