// convex/auth.config.* rules: the shape Convex reads at push time, the domain it compares with the token's
// issuer, and the project-level mistakes (two configs, wrong folder, env var only on the deployment). What the
// file exports, and where each value comes from, is read by the one auth.config reader (../authConfig.ts).
import type * as t from '@babel/types';
import { endOf, indentAt, startOf, unwrapTs } from '../ast';
import { AuthConfigReader, providerEntries, readAuthConfigProgram, type ProviderRead } from '../authConfig';
import { readDomain } from '../../project/domain';
import { authConfigEnvUnset } from '../../project/convexPushTexts';
import { issuerEnvName } from '../../project/issuerEnv';
import { RULES } from '../ruleCatalog';
import type { Fix } from '../types';
import { report, type RuleContext } from './shared';

const APP_ID_MISSPELLINGS = /^(app_?id|application_?id)$/i;
const CLERK_EXAMPLE = 'https://your-instance.clerk.accounts.dev';
/** Variables every Convex deployment has without anyone setting them (Convex Auth's config reads the first). */
const BUILT_IN_ENV = new Set(['CONVEX_SITE_URL', 'CONVEX_CLOUD_URL']);
/** A domain left as a template's placeholder: no token's issuer can equal it. */
const PLACEHOLDER =
  /[{}<>]|(^|[./_-])(example|placeholder|your|yours|replace|replace[-_]?me|changeme|xxx+|todo)([./_-]|$)/i;

/** Whether a literal domain is still a placeholder (`https://{issuer}`, `https://REPLACE_ME.clerk.accounts.dev`). */
export function isPlaceholderDomain(value: string): boolean {
  const host = value
    .trim()
    .replace(/^["'`]+|["'`]+$/g, '')
    .replace(/^https?:\/\//i, '');
  return host === '' || PLACEHOLDER.test(host);
}

function renameKey(p: t.ObjectProperty, to: string): Fix {
  return {
    title: `Rename to ${to}`,
    mechanical: true,
    edits: [{ start: startOf(p.key), end: endOf(p.key), newText: to }],
  };
}

/** Inserts a property after the object's last one, matching one-line or multi-line layout. */
function addProperty(rc: RuleContext, o: t.ObjectExpression, text: string): Fix['edits'] {
  const src = rc.scan.text;
  const last = o.properties[o.properties.length - 1];
  if (!last) return [{ start: startOf(o) + 1, end: startOf(o) + 1, newText: ` ${text} ` }];
  const between = src.slice(endOf(last), endOf(o) - 1);
  const comma = between.indexOf(',');
  if (!src.slice(startOf(o), endOf(o)).includes('\n'))
    return [{ start: endOf(last), end: endOf(last), newText: `, ${text}` }];
  const indent = indentAt(src, startOf(last));
  if (comma !== -1) {
    const at = endOf(last) + comma + 1;
    return [{ start: at, end: at, newText: `\n${indent}${text},` }];
  }
  return [{ start: endOf(last), end: endOf(last), newText: `,\n${indent}${text}` }];
}

/** What is wrong with a literal domain, and the value it should have (none when it cannot be known). */
function domainProblem(value: string): { problem: string; fixed?: string } | undefined {
  if (isPlaceholderDomain(value))
    return { problem: "is still a placeholder: no token's issuer can equal it. Put your Clerk Frontend API URL here" };
  const d = readDomain(value);
  const problems: string[] = [];
  if (d.quoted) problems.push('starts with a quote character (Convex rejects it)');
  if (d.discoveryUrl)
    problems.push(
      "is a JWKS/discovery URL, not the issuer: Convex compares it with the token's `iss`, which is just the origin",
    );
  // No scheme is fine: Convex adds https:// at push time (convex-backend crates/common/src/auth.rs,
  // deserialize_issuer_url), so only http:// can never equal a Clerk token's https:// issuer.
  if (d.scheme === 'http') problems.push('uses http://; Clerk issuers are https://');
  return problems.length ? { problem: problems.join('; '), fixed: d.issuer } : undefined;
}

/** The literal a domain is written as (directly, or in a top-level constant), and the node that holds it. */
function literalDomain(reader: AuthConfigReader, prop: t.ObjectProperty): { node: t.Node; value: string } | undefined {
  const node = reader.resolve(prop.value);
  const value = reader.literal(node);
  return value === undefined ? undefined : { node, value };
}

function checkDomain(rc: RuleContext, reader: AuthConfigReader, prop: t.ObjectProperty): void {
  const literal = literalDomain(reader, prop);
  if (!literal) return;
  const issue = domainProblem(literal.value);
  if (!issue) return;
  const { node } = literal;
  const q = rc.scan.text[startOf(node)] === "'" ? "'" : '"';
  const host = rc.context.project?.publishableKeyInfo?.host;
  const fixes: Fix[] = issue.fixed
    ? [
        {
          title: `Change the domain to ${issue.fixed}`,
          mechanical: true,
          edits: [{ start: startOf(node), end: endOf(node), newText: `${q}${issue.fixed}${q}` }],
        },
      ]
    : host
      ? [
          {
            title: `Use https://${host} (the issuer your publishable key names)`,
            mechanical: false,
            edits: [{ start: startOf(node), end: endOf(node), newText: `${q}https://${host}${q}` }],
          },
        ]
      : [];
  report(
    rc,
    RULES.authConfigDomain,
    startOf(node),
    endOf(node),
    `This domain ${issue.problem}${issue.fixed ? `. Use the issuer URL: ${issue.fixed}` : ` (e.g. ${CLERK_EXAMPLE}), or read it from an env var set on the deployment.`}`,
    fixes,
  );
}

function checkEnv(rc: RuleContext, reader: AuthConfigReader, prop: t.ObjectProperty): string | undefined {
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

function checkHiddenEnv(rc: RuleContext, reader: AuthConfigReader, prop: t.ObjectProperty): void {
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

function checkProvider(rc: RuleContext, reader: AuthConfigReader, provider: ProviderRead): void {
  const { node: o, props, spread } = provider;
  const typeProp = props.get('type');
  const custom = typeProp && reader.literal(typeProp.value) === 'customJwt';
  let misspelt = false;
  for (const [key, p] of props) {
    if (key !== 'applicationID' && APP_ID_MISSPELLINGS.test(key)) {
      misspelt = true;
      report(
        rc,
        RULES.authConfigMisspeltKey,
        startOf(p.key),
        endOf(p.key),
        `Convex reads \`applicationID\` (capital ID), so \`${key}\` is ignored and tokens are never matched. Rename it to applicationID.`,
        [renameKey(p, 'applicationID')],
      );
    } else if (key === 'Domain' || key === 'domian') {
      report(
        rc,
        RULES.authConfigMisspeltKey,
        startOf(p.key),
        endOf(p.key),
        `Convex reads \`domain\`, so \`${key}\` is ignored. Rename it to domain.`,
        [renameKey(p, 'domain')],
      );
    }
  }
  if (custom || spread) return;
  const appId = props.get('applicationID');
  if (!appId && !misspelt) {
    report(
      rc,
      RULES.authConfigMissingField,
      startOf(o),
      endOf(o),
      'This provider has no applicationID, so no token audience can match it. With Clerk add applicationID: "convex".',
      [
        {
          title: 'Add applicationID: "convex"',
          mechanical: false,
          edits: addProperty(rc, o, 'applicationID: "convex"'),
        },
      ],
    );
  }
  const domain = props.get('domain');
  if (!domain && !props.has('Domain') && !props.has('domian')) {
    report(
      rc,
      RULES.authConfigMissingField,
      startOf(o),
      endOf(o),
      `This provider has no domain, so Convex cannot match the token issuer. Add domain: process.env.${issuerEnvName(rc.context.project)}! (set on the deployment with npx convex env set).`,
    );
  }
  let clerkish = (rc.context.project?.packages.clerkSdks.length ?? 0) > 0;
  if (domain) {
    checkDomain(rc, reader, domain);
    checkHiddenEnv(rc, reader, domain);
    const env = checkEnv(rc, reader, domain);
    const literal = reader.literal(domain.value);
    clerkish ||= (literal?.includes('clerk') ?? false) || (env?.includes('CLERK') ?? false);
  }
  const appIdValue = appId ? reader.literal(appId.value) : undefined;
  if (appId && appIdValue !== undefined && appIdValue !== 'convex' && clerkish) {
    report(
      rc,
      RULES.authConfigApplicationId,
      startOf(appId.value),
      endOf(appId.value),
      `With Clerk, tokens carry aud "convex": Clerk's Convex integration sets it, and the legacy JWT template must be named "convex". "${appIdValue}" only matches if your tokens really carry that audience.`,
    );
  }
}

function checkProjectLayout(rc: RuleContext, at: [number, number]): void {
  const file = rc.scan.fileName.replace(/\\/g, '/');
  const dir = file.slice(0, file.lastIndexOf('/'));
  const base = file.slice(file.lastIndexOf('/') + 1);
  const functionsDir = rc.context.project?.convexLayout?.functionsDir ?? 'convex';
  const inFunctionsDir =
    functionsDir === '' ? !dir.includes('/') && dir === '' : dir === functionsDir || dir.endsWith(`/${functionsDir}`);
  if (!inFunctionsDir) {
    report(
      rc,
      RULES.authConfigLocation,
      at[0],
      at[1],
      `Convex only reads auth.config from its functions folder (${functionsDir || '.'}/), so this file is ignored. Move it to ${functionsDir || '.'}/${base}.`,
    );
  }
  for (const other of rc.context.project?.authConfigs ?? []) {
    const path = other.path.replace(/\\/g, '/');
    const otherDir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
    const otherBase = path.slice(path.lastIndexOf('/') + 1);
    if (otherBase === base || !(dir === otherDir || dir.endsWith(`/${otherDir}`))) continue;
    report(
      rc,
      RULES.authConfigDuplicate,
      at[0],
      at[1],
      `Both ${base} and ${otherBase} exist; Convex refuses to push with two auth configs. Delete one.`,
      [],
      [{ path: other.uri || other.path, start: 0, end: 0, message: `the other config: ${other.path}` }],
    );
  }
}

export function authConfigRules(rc: RuleContext): void {
  const program = rc.scan.program;
  const reader = new AuthConfigReader(program, rc.scan.text);
  const read = readAuthConfigProgram(reader);
  const first = program.body[0];
  const at: [number, number] = first ? [startOf(first), Math.min(endOf(first), startOf(first) + 200)] : [0, 0];
  checkProjectLayout(rc, at);
  if (!read.exported) {
    if (program.body.length > 0) {
      report(
        rc,
        RULES.authConfigNoProviders,
        at[0],
        at[1],
        'auth.config has no default export, so Convex sees no providers. Export default { providers: [{ domain, applicationID: "convex" }] }.',
      );
    }
    return;
  }
  const object = read.config;
  if (!object) return; // exported through something we cannot read: no guessing
  const props = read.configProps;
  const providers = props.get('providers');
  const singular = props.get('provider');
  if (singular && !providers) {
    report(
      rc,
      RULES.authConfigMisspeltKey,
      startOf(singular.key),
      endOf(singular.key),
      'Convex reads `providers` (plural), so this key is ignored. Rename it to providers.',
      [renameKey(singular, 'providers')],
    );
  } else if (!providers && !read.configSpread) {
    report(
      rc,
      RULES.authConfigNoProviders,
      startOf(object),
      endOf(object),
      `This auth config has no \`providers\`, so Convex accepts no tokens ("no providers configured"). Add providers: [{ domain: process.env.${issuerEnvName(rc.context.project)}!, applicationID: "convex" }].`,
    );
  }
  // A misspelt `provider` list is still checked, as the list Convex would read once the key is renamed.
  const list = providers ? read.providers : singular ? reader.resolve(singular.value) : undefined;
  if (list?.type !== 'ArrayExpression') return;
  if (list.elements.length === 0 && providers) {
    report(
      rc,
      RULES.authConfigNoProviders,
      startOf(list),
      endOf(list),
      `The providers list is empty, so Convex accepts no tokens. Add your Clerk provider: { domain: process.env.${issuerEnvName(rc.context.project)}!, applicationID: "convex" }.`,
    );
  }
  const entries = providers ? read.entries : providerEntries(reader, list);
  for (const provider of entries) checkProvider(rc, reader, provider);
}
