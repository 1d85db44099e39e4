// The one reader of convex/auth.config.*: which object the file exports, its providers and where each provider's
// domain comes from. The auth.config rules report from it, and the project's AuthConfigInfo (panel, lesson) is a
// projection of it, so the two can never disagree about the same file. Convex evaluates the file at push time; it
// is never run here, so anything that is not a literal, an env var or a top-level constant stays an expression.
import type * as t from '@babel/types';
import { endOf, keyName, startOf } from './ast';
import { pushesOnto } from './authConfigPushes';
import { parseOutcome } from './parse';
import type { AuthConfigInfo, AuthProviderEntry, DomainSource } from '../project/types';

const MAX_EXPRESSION_TEXT = 200;
const MAX_IDENTIFIER_HOPS = 8;
/** `@convex-dev/eslint-plugin` 5 rewrites `process.env.X` to `env.X` imported from here. */
const GENERATED_SERVER = /(^|\/)_generated\/server(\.[cm]?[jt]s)?$/;

export interface ProviderRead {
  node: t.ObjectExpression;
  /** Properties by static key; the last one wins, as at run time. */
  props: Map<string, t.ObjectProperty>;
  /** Static keys as written, in order (misspellings included). */
  keys: string[];
  spread: boolean;
}

export interface AuthConfigRead {
  /** The file has a default export (in any form). */
  exported: boolean;
  /** The exported object literal, when it can be read without running the file. */
  config?: t.ObjectExpression;
  configProps: Map<string, t.ObjectProperty>;
  configSpread: boolean;
  /** The `providers` array literal, when there is one. */
  providers?: t.ArrayExpression;
  /** Its object-literal entries (spreads and holes skipped, constants followed). */
  entries: ProviderRead[];
  /** Why no providers could be read, when they could not. */
  problem?: string;
  /** The list is changed after it is made (`providers.push(…)`): its pushed entries are in `entries`. */
  changed?: true;
}

function unwrap(node: t.Node): t.Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case 'TSSatisfiesExpression':
      case 'TSAsExpression':
      case 'TSTypeAssertion':
      case 'TSNonNullExpression':
      case 'ParenthesizedExpression':
      case 'TypeCastExpression':
        current = current.expression;
        break;
      default:
        return current;
    }
  }
}

function memberName(node: t.MemberExpression | t.OptionalMemberExpression): string | undefined {
  if (!node.computed && node.property.type === 'Identifier') return node.property.name;
  return node.property.type === 'StringLiteral' ? node.property.value : undefined;
}

function literalString(node: t.Node): string | undefined {
  const n = unwrap(node);
  if (n.type === 'StringLiteral') return n.value;
  if (n.type === 'TemplateLiteral' && n.expressions.length === 0) {
    const quasi = n.quasis[0];
    return quasi ? (quasi.value.cooked ?? quasi.value.raw) : '';
  }
  return undefined;
}

function isCommonJsDefault(left: t.Node): boolean {
  if (left.type !== 'MemberExpression') return false;
  const property = memberName(left);
  if (left.object.type === 'Identifier' && left.object.name === 'module') return property === 'exports';
  if (left.object.type === 'Identifier' && left.object.name === 'exports') return property === 'default';
  return left.object.type === 'MemberExpression' && isCommonJsDefault(left.object) && property === 'default';
}

/** Reads one parsed auth.config: its constants, its env bindings, its default export. */
export class AuthConfigReader {
  private readonly constants = new Map<string, t.Expression>();
  /** Local names of `env` imported from `./_generated/server`. */
  private readonly envLocals = new Set<string>();

  constructor(
    readonly program: t.Program,
    readonly text: string,
  ) {
    for (const statement of program.body) {
      if (statement.type === 'ImportDeclaration' && GENERATED_SERVER.test(statement.source.value)) {
        for (const s of statement.specifiers) {
          const imported = s.type === 'ImportSpecifier' ? s.imported : undefined;
          const name = imported?.type === 'Identifier' ? imported.name : imported?.value;
          if (name === 'env') this.envLocals.add(s.local.name);
        }
      }
      const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
      if (declaration?.type !== 'VariableDeclaration') continue;
      for (const d of declaration.declarations) {
        if (d.id.type === 'Identifier' && d.init) this.constants.set(d.id.name, d.init);
      }
    }
  }

  /**
   * `export default X`, `export { X as default }`, `module.exports = X` or `exports.default = X`;
   * 'declaration' for `export default function/class`.
   */
  defaultExport(): t.Node | 'declaration' | undefined {
    for (const statement of this.program.body) {
      if (statement.type === 'ExportDefaultDeclaration') {
        const d = statement.declaration;
        return d.type.endsWith('Declaration') ? 'declaration' : d;
      }
      if (statement.type === 'ExportNamedDeclaration' && !statement.source) {
        for (const s of statement.specifiers) {
          if (s.type !== 'ExportSpecifier') continue;
          const exported = s.exported.type === 'Identifier' ? s.exported.name : s.exported.value;
          if (exported === 'default') return s.local;
        }
      }
      if (statement.type === 'ExpressionStatement' && statement.expression.type === 'AssignmentExpression') {
        const { left, right } = statement.expression;
        if (isCommonJsDefault(left)) return right;
      }
    }
    return undefined;
  }

  /** The last top-level constant `resolve` goes through from `node` (`providers` in `{ providers }`), if any. */
  constantName(node: t.Node): string | undefined {
    let current = unwrap(node);
    let name: string | undefined;
    for (let hops = 0; hops <= MAX_IDENTIFIER_HOPS && current.type === 'Identifier'; hops++) {
      const next = this.constants.get(current.name);
      if (!next) break;
      name = current.name;
      current = unwrap(next);
    }
    return name;
  }

  /** Strips type-only wrappers and follows top-level constants (a bounded number of hops, so cycles end). */
  resolve(node: t.Node): t.Node {
    let current = node;
    for (let hops = 0; hops <= MAX_IDENTIFIER_HOPS; hops++) {
      current = unwrap(current);
      if (current.type !== 'Identifier') return current;
      const next = this.constants.get(current.name);
      if (!next) return current;
      current = next;
    }
    return current;
  }

  /** `process.env.X`, `process.env["X"]`, or `env.X` with `env` from `./_generated/server`. */
  envName(node: t.Node): string | undefined {
    const n = unwrap(node);
    if (n.type !== 'MemberExpression' && n.type !== 'OptionalMemberExpression') return undefined;
    const object = unwrap(n.object);
    if (object.type === 'Identifier' && this.envLocals.has(object.name)) return memberName(n);
    if (object.type !== 'MemberExpression' || memberName(object) !== 'env') return undefined;
    if (object.object.type !== 'Identifier' || object.object.name !== 'process') return undefined;
    return memberName(n);
  }

  /** The string a value is written as (a literal, directly or through constants), if it is one. */
  literal(node: t.Node): string | undefined {
    return literalString(this.resolve(node));
  }

  /** Where a domain (or issuer) comes from. */
  domainSource(value: t.Node): DomainSource {
    const direct = this.envName(value);
    if (direct !== undefined) return { kind: 'env', name: direct };
    const resolved = this.resolve(value);
    const literal = literalString(resolved);
    if (literal !== undefined) return { kind: 'literal', value: literal };
    const env = this.envName(resolved);
    if (env !== undefined) return { kind: 'env', name: env };
    return { kind: 'expression', text: this.source(value) };
  }

  private source(node: t.Node): string {
    const text = this.text.slice(startOf(node), endOf(node)).replace(/\s+/g, ' ').trim();
    return text.length > MAX_EXPRESSION_TEXT ? `${text.slice(0, MAX_EXPRESSION_TEXT)}…` : text;
  }
}

function objectProperties(o: t.ObjectExpression): {
  props: Map<string, t.ObjectProperty>;
  keys: string[];
  spread: boolean;
} {
  const props = new Map<string, t.ObjectProperty>();
  const keys: string[] = [];
  let spread = false;
  for (const p of o.properties) {
    if (p.type === 'SpreadElement') spread = true;
    else if (p.type === 'ObjectProperty') {
      const k = keyName(p);
      if (k === undefined) continue;
      keys.push(k);
      props.set(k, p);
    }
  }
  return { props, keys, spread };
}

/** What a parsed auth.config holds. Never throws on any tree Babel produces (a bounded walk, no recursion). */
export function readAuthConfigProgram(reader: AuthConfigReader): AuthConfigRead {
  const read: AuthConfigRead = { exported: false, configProps: new Map(), configSpread: false, entries: [] };
  const exported = reader.defaultExport();
  if (!exported) {
    read.problem = 'The file has no default export. Convex reads `export default { providers: [...] }`.';
    return read;
  }
  read.exported = true;
  const config = exported === 'declaration' ? undefined : reader.resolve(exported);
  if (config?.type !== 'ObjectExpression') {
    read.problem =
      'The default export is not an object literal, so its providers cannot be read without running the file.';
    return read;
  }
  read.config = config;
  const { props, spread } = objectProperties(config);
  read.configProps = props;
  read.configSpread = spread;
  const providersProp = props.get('providers');
  if (!providersProp) {
    read.problem = 'The exported object has no `providers` property.';
    return read;
  }
  const providers = reader.resolve(providersProp.value);
  if (providers.type !== 'ArrayExpression') {
    read.problem = '`providers` is not an array literal, so its entries cannot be read without running the file.';
    return read;
  }
  read.providers = providers;
  read.entries = providerEntries(reader, providers);
  const name = reader.constantName(providersProp.value);
  const pushes = name === undefined ? undefined : pushesOnto(reader.program, reader.text, name);
  if (pushes && (pushes.values.length || pushes.unknown)) {
    read.changed = true;
    for (const value of pushes.values) {
      const provider = reader.resolve(value);
      if (provider.type === 'ObjectExpression') read.entries.push({ node: provider, ...objectProperties(provider) });
    }
    if (pushes.unknown)
      read.problem = `\`${name}\` is changed after it is made in a way that cannot be followed without running the file, so its providers cannot all be read.`;
  }
  return read;
}

/** The object-literal entries of a providers array (spreads and holes skipped, constants followed). */
export function providerEntries(reader: AuthConfigReader, providers: t.ArrayExpression): ProviderRead[] {
  const entries: ProviderRead[] = [];
  for (const element of providers.elements) {
    if (!element || element.type === 'SpreadElement') continue;
    const provider = reader.resolve(element);
    if (provider.type !== 'ObjectExpression') continue;
    entries.push({ node: provider, ...objectProperties(provider) });
  }
  return entries;
}

/** The project's view of one provider: where its domain comes from, its application ID, its keys. */
export function providerEntry(reader: AuthConfigReader, provider: ProviderRead): AuthProviderEntry {
  const entry: AuthProviderEntry = { start: startOf(provider.node), end: endOf(provider.node), keys: provider.keys };
  const domain = provider.props.get('domain');
  const issuer = provider.props.get('issuer');
  const applicationID = provider.props.get('applicationID');
  const type = provider.props.get('type');
  const algorithm = provider.props.get('algorithm');
  if (domain) entry.domain = reader.domainSource(domain.value);
  if (issuer) entry.issuer = reader.domainSource(issuer.value);
  if (applicationID) {
    const value = reader.literal(applicationID.value);
    if (value !== undefined) entry.applicationID = value;
  }
  if (type) {
    const value = reader.literal(type.value);
    if (value !== undefined) entry.type = value;
  }
  if (algorithm) {
    const value = reader.literal(algorithm.value);
    if (value !== undefined) entry.algorithm = value;
  }
  return entry;
}

/** Reads the providers of an auth config file. Never throws; `problem` says why providers could not be read. */
export function readAuthConfig(text: string, path: string, uri: string): AuthConfigInfo {
  const info: AuthConfigInfo = { path, uri, providers: [] };
  const parsed = parseOutcome(path, text);
  if (!parsed.file) {
    info.problem =
      parsed.failure === 'too-deep'
        ? 'The file nests too deeply to be read, so its providers cannot be read.'
        : 'The file could not be parsed, so its providers cannot be read.';
    return info;
  }
  try {
    const reader = new AuthConfigReader(parsed.file.program, text);
    const read = readAuthConfigProgram(reader);
    if (read.problem) info.problem = read.problem;
    info.providers = read.entries.map((p) => providerEntry(reader, p));
  } catch (e) {
    // A shape of tree we did not foresee must not take the caller down with it.
    info.problem = `The providers could not be read (${e instanceof Error ? e.message : String(e)}).`;
    info.providers = [];
  }
  return info;
}
