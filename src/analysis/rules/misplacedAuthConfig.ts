// A provider list in a file Convex never reads as its auth config (`convex/auth/config.js`, `convex/authConfig.ts`,
// `src/authConfig.ts`): the CLI bundles only `auth.config.ts` or `auth.config.js` at the root of the functions folder
// (convex 1.51, src/bundler/index.ts `bundleAuthConfig`), so such a project has no auth provider and every
// getUserIdentity() returns null. Said only when the file reads as Convex's (an exported `providers` list with an
// `applicationID` or a `customJwt` entry) and the functions folder holds no auth.config that could import it.
import { endOf, startOf } from '../ast';
import { AuthConfigReader, readAuthConfigProgram } from '../authConfig';
import { isAuthConfigName } from '../../project/authConfigName';
import { baseName, dirName, isInside, joinPath } from '../../project/paths';
import { RULES } from '../ruleCatalog';
import type { Fix } from '../types';
import { report, type RuleContext } from './shared';

/**
 * Names that say "auth config" outside the functions folder: `auth/config.ts`, `authConfig.ts`, `auth-config.js`,
 * and `auth.config.mjs` (or `.mts`, `.cjs`, …), which Convex does not read even in the functions folder.
 */
const AUTH_CONFIG_LIKE = /(^|\/)(auth\/config|auth[-_.]?config)\.[cm]?[jt]sx?$/i;
const RELATIVE_IMPORT = /(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*)["']\.{1,2}\//;

function relativeTo(fromDir: string, to: string): string {
  const from = fromDir ? fromDir.split('/') : [];
  const target = to.split('/');
  let common = 0;
  while (common < from.length && common < target.length - 1 && from[common] === target[common]) common++;
  return [...from.slice(common).map(() => '..'), ...target.slice(common)].join('/');
}

/** Whether the functions folder already holds an auth.config, as the project reader or the index knows it. */
function hasRealConfig(rc: RuleContext, functionsDir: string): boolean {
  const paths = [...(rc.context.project?.authConfigs ?? []).map((c) => c.path), ...(rc.context.authConfigFiles ?? [])];
  return paths.some((p) => dirName(p.replace(/\\/g, '/')) === functionsDir);
}

/** Reports the file; true when it is one (the index tells auth-config-missing about it). */
export function misplacedAuthConfig(rc: RuleContext): boolean {
  const file = rc.scan.fileName.replace(/\\/g, '/');
  const layout = rc.context.project?.convexLayout;
  if (!layout || layout.ambiguous || isAuthConfigName(file) || !rc.scan.text.includes('providers')) return false;
  if (file.split('/').some((part) => part === 'node_modules' || part === '_generated')) return false;
  const dir = layout.functionsDir;
  if (!isInside(file, dir) && !AUTH_CONFIG_LIKE.test(file)) return false;
  if (hasRealConfig(rc, dir)) return false;
  const reader = new AuthConfigReader(rc.scan.program, rc.scan.text);
  const read = readAuthConfigProgram(reader);
  const providers = read.configProps.get('providers');
  const convexShaped = read.entries.some(
    (e) =>
      e.props.has('applicationID') ||
      (e.props.has('type') && reader.literal(e.props.get('type')!.value) === 'customJwt'),
  );
  if (!providers || !convexShaped) return false;
  const ts = /\.[cm]?tsx?$/.test(file);
  const target = joinPath(dir, ts ? 'auth.config.ts' : 'auth.config.js');
  const fileDir = dirName(file);
  const fixes: Fix[] = [];
  // A move to another folder would break the file's relative imports; then the message says where, and no fix.
  if (fileDir === dir || !RELATIVE_IMPORT.test(rc.scan.text)) {
    fixes.push({
      title: `Move ${baseName(file)} to ${target}`,
      mechanical: false,
      edits: [],
      rename: { to: relativeTo(fileDir, target), path: target },
    });
  }
  report(
    rc,
    RULES.authConfigLocation,
    startOf(providers.key),
    endOf(providers.key),
    `Convex never reads this file: it loads auth providers only from ${joinPath(dir, 'auth.config.ts')} or ${joinPath(dir, 'auth.config.js')}, so this project has no auth config and every ctx.auth.getUserIdentity() returns null. Move it to ${target}.`,
    fixes,
  );
  return true;
}
