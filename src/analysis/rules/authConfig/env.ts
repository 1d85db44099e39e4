// A provider's domain read from an env var: set where auth.config runs (the deployment), or hidden by a fallback.
import type * as t from '@babel/types';
import { endOf, startOf, unwrapTs } from '../../ast';
import type { AuthConfigReader } from '../../authConfig';
import { authConfigEnvUnset } from '../../../project/convexPushTexts';
import { RULES } from '../../ruleCatalog';
import { report, type RuleContext } from '../shared';
import { CLERK_EXAMPLE, domainProblem } from './domain';

/** Variables every Convex deployment has without anyone setting them (Convex Auth's config reads the first). */
const BUILT_IN_ENV = new Set(['CONVEX_SITE_URL', 'CONVEX_CLOUD_URL']);
export function checkEnv(rc: RuleContext, reader: AuthConfigReader, prop: t.ObjectProperty): string | undefined {
  const name = reader.envName(prop.value) ?? reader.envName(reader.resolve(prop.value));
  const project = rc.context.project;
  if (!name || !project || BUILT_IN_ENV.has(name) || project.env.some((e) => e.name === name)) return name;
  report(
    rc,
    RULES.authConfigEnv,
    startOf(prop.value),
    endOf(prop.value),
    `${name} is set in no local env file. That is fine only if it is set on the Convex deployment, which is where auth.config reads it at push time: npx convex env set ${name} ${CLERK_EXAMPLE} (check with npx convex env list).`,
  );
  return name;
}

/** The first env var (`process.env.X` or `env.X`) inside an expression, looked for a few levels down. */
function envInside(reader: AuthConfigReader, n: t.Node, depth = 0): { name: string; node: t.Node } | undefined {
  const direct = reader.envName(n);
  if (direct) return { name: direct, node: n };
  if (depth > 4) return undefined;
  const e = unwrapTs(n);
  const parts: t.Node[] =
    e.type === 'TemplateLiteral'
      ? e.expressions
      : e.type === 'BinaryExpression' || e.type === 'LogicalExpression'
        ? [e.left, e.right]
        : e.type === 'CallExpression'
          ? e.arguments
          : [];
  for (const part of parts) {
    const found = envInside(reader, part, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * The fallback a domain expression puts after its variable (`process.env.X ?? "…"`, `|| process.env.Y`), when it is
 * one the learner may be counting on. Convex reads a variable its deployment lacks as an error while it evaluates
 * auth.config (convex-backend crates/isolate/src/environment/auth_config.rs `get_environment_variable`: "… is used
 * in auth config file but its value was not set"; process.env is a proxy onto that op, udf-runtime/src/setup.ts
 * setupMisc), so the push stops before `??`/`||` runs: the fallback never stands in for an unset variable. A
 * template literal, `+` or String() around the variable is therefore no risk (the audit of 2026-12-07 found the
 * older reading false) and says nothing. A fallback to a real issuer is harmless and left alone too.
 */
function deadFallback(
  reader: AuthConfigReader,
  n: t.Node,
): { operator: string; literal: string | undefined; right: t.Node } | undefined {
  const e = unwrapTs(n);
  if (e.type !== 'LogicalExpression' || (e.operator !== '??' && e.operator !== '||')) return undefined;
  if (!envInside(reader, e.left)) return undefined;
  const literal = reader.literal(e.right);
  if (literal !== undefined && domainProblem(literal) === undefined) return undefined;
  return { operator: e.operator, literal, right: e.right };
}

export function checkHiddenEnv(rc: RuleContext, reader: AuthConfigReader, prop: t.ObjectProperty): void {
  const env = envInside(reader, prop.value);
  const dead = env ? deadFallback(reader, prop.value) : undefined;
  if (!env || !dead) return;
  const { name } = env;
  const ts = /\.(ts|mts|cts)$/.test(rc.scan.fileName);
  const written = rc.scan.text.slice(startOf(env.node), endOf(env.node));
  const replacement = `${written}${ts && !written.endsWith('!') ? '!' : ''}`;
  const fallback =
    dead.literal !== undefined ? `"${dead.literal}"` : rc.scan.text.slice(startOf(dead.right), endOf(dead.right));
  report(
    rc,
    RULES.authConfigEnvHidden,
    startOf(prop.value),
    endOf(prop.value),
    `This fallback is never used: when ${name} is not set on the deployment, Convex stops the push with "${authConfigEnvUnset(name)}" while it reads the variable, before \`${dead.operator}\` is evaluated, so ${fallback} never stands in for it. Read the variable alone and set it with npx convex env set.`,
    [
      {
        title: `Use ${replacement} alone`,
        mechanical: false,
        edits: [{ start: startOf(prop.value), end: endOf(prop.value), newText: replacement }],
      },
    ],
  );
}
