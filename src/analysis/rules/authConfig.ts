// convex/auth.config.* rules: the shape Convex reads at push time, the domain it compares with the token's
// issuer, and the project-level mistakes (two configs, wrong folder, env var only on the deployment). What the
// file exports, and where each value comes from, is read by the one auth.config reader (../authConfig.ts).
import type * as t from '@babel/types';
import { endOf, indentAt, startOf } from '../ast';
import { AuthConfigReader, providerEntries, readAuthConfigProgram, type ProviderRead } from '../authConfig';
import { issuerEnvName } from '../../project/issuerEnv';
import { RULES } from '../ruleCatalog';
import type { Fix } from '../types';
import { checkDomain } from './authConfig/domain';
import { checkEnv, checkHiddenEnv } from './authConfig/env';
import { report, type RuleContext } from './shared';

const APP_ID_MISSPELLINGS = /^(app_?id|application_?id)$/i;

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
  const layout = rc.context.project?.convexLayout;
  const functionsDir = layout?.functionsDir ?? 'convex';
  const inFunctionsDir =
    functionsDir === '' ? !dir.includes('/') && dir === '' : dir === functionsDir || dir.endsWith(`/${functionsDir}`);
  // Which package is the backend was a guess: "move it" there could send the file to the client app.
  if (!inFunctionsDir && !layout?.ambiguous) {
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
  if (list.elements.length === 0 && providers && !read.changed) {
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
