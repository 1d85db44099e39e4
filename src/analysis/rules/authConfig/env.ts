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
 * How a domain expression turns an unset variable into a string, or undefined when Convex still sees it unset. A
 * `??`/`||` fallback to a real issuer is deliberate (the app runs against that instance) and is left alone; one to
 * a placeholder or an empty string is not.
 */
function hidesUnsetEnv(reader: AuthConfigReader, n: t.Node): string | undefined {
  const e = unwrapTs(n);
  if (reader.envName(e)) return undefined;
  if (e.type === 'TemplateLiteral' && e.expressions.length > 0)
    return 'a template literal turns an unset variable into the text "undefined"';
  if (e.type === 'BinaryExpression' && e.operator === '+')
    return 'string concatenation turns an unset variable into the text "undefined"';
  if (e.type === 'LogicalExpression' && (e.operator === '??' || e.operator === '||')) {
    const fallback = reader.literal(e.right);
    if (fallback !== undefined && domainProblem(fallback) === undefined) return undefined;
    return `the \`${e.operator}\` fallback replaces an unset variable with ${fallback !== undefined ? `"${fallback}"` : 'another value'}`;
  }
  if (e.type === 'CallExpression' && e.callee.type === 'Identifier' && e.callee.name === 'String')
    return 'String() turns an unset variable into the text "undefined"';
  return undefined;
}

export function checkHiddenEnv(rc: RuleContext, reader: AuthConfigReader, prop: t.ObjectProperty): void {
  const env = envInside(reader, prop.value);
  const how = env ? hidesUnsetEnv(reader, prop.value) : undefined;
  if (!env || !how) return;
  const { name } = env;
  const ts = /\.(ts|mts|cts)$/.test(rc.scan.fileName);
  const written = rc.scan.text.slice(startOf(env.node), endOf(env.node));
  const replacement = `${written}${ts && !written.endsWith('!') ? '!' : ''}`;
  report(
    rc,
    RULES.authConfigEnvHidden,
    startOf(prop.value),
    endOf(prop.value),
    `This domain always ends up a string: ${how}. When ${name} is not set on the deployment, Convex's push then no longer stops with "${authConfigEnvUnset(name)}", and tokens are silently never matched. Read the variable alone (Convex adds https:// to a domain without a scheme).`,
    [
      {
        title: `Use ${replacement} alone`,
        mechanical: false,
        edits: [{ start: startOf(prop.value), end: endOf(prop.value), newText: replacement }],
      },
    ],
  );
}
