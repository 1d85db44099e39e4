// convex/auth.config.* rules: the shape Convex reads at push time, the domain it compares with the token's
// issuer, and the project-level mistakes (two configs, wrong folder, env var only on the deployment).
import type * as t from '@babel/types';
import { endOf, indentAt, keyName, startOf, unwrapTs } from '../ast';
import { readDomain } from '../../project/domain';
import { authConfigEnvUnset } from '../../project/convexPushTexts';
import { issuerEnvName } from '../../project/issuerEnv';
import { RULES } from '../ruleCatalog';
import type { Fix } from '../types';
import { report, type RuleContext } from './shared';

const APP_ID_MISSPELLINGS = /^(app_?id|application_?id)$/i;
const CLERK_EXAMPLE = 'https://your-instance.clerk.accounts.dev';

/** The object the file exports, through `satisfies`/`as`, a named constant, or `module.exports`. */
function configObject(program: t.Program): { object?: t.ObjectExpression; exported: boolean } {
  // Names already followed: `const a = b; const b = a;` must end, not recurse until the stack overflows.
  const seen = new Set<string>();
  const resolve = (n: t.Node): t.ObjectExpression | undefined => {
    const e = unwrapTs(n);
    if (e.type === 'ObjectExpression') return e;
    if (e.type === 'Identifier') {
      if (seen.has(e.name)) return undefined;
      seen.add(e.name);
      for (const s of program.body) {
        const d = s.type === 'ExportNamedDeclaration' ? s.declaration : s;
        if (d?.type !== 'VariableDeclaration') continue;
        for (const v of d.declarations)
          if (v.id.type === 'Identifier' && v.id.name === e.name && v.init) return resolve(v.init);
      }
    }
    if (e.type === 'CallExpression' && e.arguments[0]) return resolve(e.arguments[0]);
    return undefined;
  };
  for (const s of program.body) {
    if (s.type === 'ExportDefaultDeclaration') return { object: resolve(s.declaration), exported: true };
    if (s.type === 'ExpressionStatement' && s.expression.type === 'AssignmentExpression') {
      const left = s.expression.left;
      if (
        left.type === 'MemberExpression' &&
        left.object.type === 'Identifier' &&
        left.object.name === 'module' &&
        left.property.type === 'Identifier' &&
        left.property.name === 'exports'
      )
        return { object: resolve(s.expression.right), exported: true };
    }
  }
  return { exported: false };
}

function properties(o: t.ObjectExpression): { props: Map<string, t.ObjectProperty>; spread: boolean } {
  const props = new Map<string, t.ObjectProperty>();
  let spread = false;
  for (const p of o.properties) {
    if (p.type === 'SpreadElement') spread = true;
    else if (p.type === 'ObjectProperty') {
      const k = keyName(p);
      if (k !== undefined) props.set(k, p);
    }
  }
  return { props, spread };
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

function literalString(n: t.Node): string | undefined {
  const e = unwrapTs(n);
  if (e.type === 'StringLiteral') return e.value;
  if (e.type === 'TemplateLiteral' && e.expressions.length === 0) return e.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

function envName(n: t.Node): string | undefined {
  const e = unwrapTs(n);
  if (e.type !== 'MemberExpression' || e.computed || e.property.type !== 'Identifier') return undefined;
  const o = e.object;
  return o.type === 'MemberExpression' &&
    o.object.type === 'Identifier' &&
    o.object.name === 'process' &&
    o.property.type === 'Identifier' &&
    o.property.name === 'env'
    ? e.property.name
    : undefined;
}

/** What is wrong with a literal domain, and the value it should have. */
function domainProblem(value: string): { problem: string; fixed: string } | undefined {
  const d = readDomain(value);
  const problems: string[] = [];
  if (d.quoted) problems.push('starts with a quote character (Convex rejects it)');
  if (d.discoveryUrl)
    problems.push(
      "is a JWKS/discovery URL, not the issuer: Convex compares it with the token's `iss`, which is just the origin",
    );
  if (d.scheme === 'http') problems.push('uses http://; Clerk issuers are https://');
  else if (d.scheme === 'none' && !d.empty) problems.push('lacks https://');
  return problems.length ? { problem: problems.join('; '), fixed: d.issuer } : undefined;
}

function checkDomain(rc: RuleContext, prop: t.ObjectProperty): void {
  const value = literalString(prop.value);
  if (value === undefined) return;
  const issue = domainProblem(value);
  if (!issue) return;
  const q = rc.scan.text[startOf(prop.value)] === "'" ? "'" : '"';
  report(
    rc,
    RULES.authConfigDomain,
    startOf(prop.value),
    endOf(prop.value),
    `This domain ${issue.problem}. Use the issuer URL: ${issue.fixed}`,
    [
      {
        title: `Change the domain to ${issue.fixed}`,
        mechanical: true,
        edits: [{ start: startOf(prop.value), end: endOf(prop.value), newText: `${q}${issue.fixed}${q}` }],
      },
    ],
  );
}

function checkEnv(rc: RuleContext, prop: t.ObjectProperty): string | undefined {
  const name = envName(prop.value);
  const project = rc.context.project;
  if (!name || !project || project.env.some((e) => e.name === name)) return name;
  report(
    rc,
    RULES.authConfigEnv,
    startOf(prop.value),
    endOf(prop.value),
    `${name} is set in no local env file. That is fine only if it is set on the Convex deployment, which is where auth.config reads it at push time: npx convex env set ${name} ${CLERK_EXAMPLE} (check with npx convex env list).`,
  );
  return name;
}

/** The first `process.env.X` inside an expression, looked for a few levels down (domains are short). */
function envInside(n: t.Node, depth = 0): string | undefined {
  const direct = envName(n);
  if (direct || depth > 4) return direct;
  const e = unwrapTs(n);
  if (e.type === 'TemplateLiteral') {
    for (const x of e.expressions) {
      const found = envInside(x, depth + 1);
      if (found) return found;
    }
  } else if (e.type === 'BinaryExpression' || e.type === 'LogicalExpression') {
    return envInside(e.left, depth + 1) ?? envInside(e.right, depth + 1);
  } else if (e.type === 'CallExpression') {
    for (const a of e.arguments) {
      const found = envInside(a, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/** How a domain expression turns an unset variable into a string, or undefined when it lets Convex see it. */
function hidesUnsetEnv(n: t.Node): string | undefined {
  const e = unwrapTs(n);
  if (envName(e)) return undefined;
  if (e.type === 'TemplateLiteral' && e.expressions.length > 0)
    return 'a template literal turns an unset variable into the text "undefined"';
  if (e.type === 'BinaryExpression' && e.operator === '+')
    return 'string concatenation turns an unset variable into the text "undefined"';
  if (e.type === 'LogicalExpression' && (e.operator === '??' || e.operator === '||')) {
    return `the \`${e.operator}\` fallback replaces an unset variable with ${literalString(e.right) !== undefined ? `"${literalString(e.right)}"` : 'another value'}`;
  }
  if (e.type === 'CallExpression' && e.callee.type === 'Identifier' && e.callee.name === 'String')
    return 'String() turns an unset variable into the text "undefined"';
  return undefined;
}

function checkHiddenEnv(rc: RuleContext, prop: t.ObjectProperty): void {
  const name = envInside(prop.value);
  const how = name ? hidesUnsetEnv(prop.value) : undefined;
  if (!name || !how) return;
  const ts = /\.(ts|mts|cts)$/.test(rc.scan.fileName);
  const replacement = `process.env.${name}${ts ? '!' : ''}`;
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

function checkProvider(rc: RuleContext, o: t.ObjectExpression): void {
  const { props, spread } = properties(o);
  const typeProp = props.get('type');
  const custom = typeProp && literalString(typeProp.value) === 'customJwt';
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
    checkDomain(rc, domain);
    checkHiddenEnv(rc, domain);
    const env = checkEnv(rc, domain);
    const literal = literalString(domain.value);
    clerkish ||= (literal?.includes('clerk') ?? false) || (env?.includes('CLERK') ?? false);
  }
  const appIdValue = appId ? literalString(appId.value) : undefined;
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
  const { object, exported } = configObject(program);
  const first = program.body[0];
  const at: [number, number] = first ? [startOf(first), Math.min(endOf(first), startOf(first) + 200)] : [0, 0];
  checkProjectLayout(rc, at);
  if (!exported) {
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
  if (!object) return; // exported through something we cannot read: no guessing
  const { props, spread } = properties(object);
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
  } else if (!providers && !spread) {
    report(
      rc,
      RULES.authConfigNoProviders,
      startOf(object),
      endOf(object),
      `This auth config has no \`providers\`, so Convex accepts no tokens ("no providers configured"). Add providers: [{ domain: process.env.${issuerEnvName(rc.context.project)}!, applicationID: "convex" }].`,
    );
  }
  const list = providers ?? singular;
  if (!list) return;
  const arr = unwrapTs(list.value);
  if (arr.type !== 'ArrayExpression') return;
  if (arr.elements.length === 0 && providers) {
    report(
      rc,
      RULES.authConfigNoProviders,
      startOf(arr),
      endOf(arr),
      `The providers list is empty, so Convex accepts no tokens. Add your Clerk provider: { domain: process.env.${issuerEnvName(rc.context.project)}!, applicationID: "convex" }.`,
    );
  }
  for (const el of arr.elements) {
    const o = el ? unwrapTs(el) : undefined;
    if (o?.type === 'ObjectExpression') checkProvider(rc, o);
  }
}
