import { parse } from '@babel/parser';
import type * as t from '@babel/types';
import { keyName } from '../analysis/ast';
import type { AuthConfigInfo, AuthProviderEntry, DomainSource } from './types';

// Reads convex/auth.config.* as text. Convex evaluates the file at push time; we never run it, so anything
// that is not a literal, `process.env.X` or a top-level constant stays an unevaluated expression.

const MAX_EXPRESSION_TEXT = 200;
const MAX_IDENTIFIER_HOPS = 8;

/** Reads the providers of an auth config file. Never throws; `problem` says why providers could not be read. */
export function readAuthConfig(text: string, path: string, uri: string): AuthConfigInfo {
  const info: AuthConfigInfo = { path, uri, providers: [] };
  let program: t.Program;
  try {
    program = parse(text, {
      sourceType: 'module',
      plugins: /\.[cm]?js$/i.test(path) ? ['jsx'] : ['typescript'],
      errorRecovery: true,
      allowReturnOutsideFunction: true,
      allowImportExportEverywhere: true,
      allowUndeclaredExports: true,
    }).program;
  } catch (e) {
    info.problem = `The file could not be parsed (${e instanceof Error ? e.message : String(e)}), so its providers cannot be read.`;
    return info;
  }
  try {
    readProviders(new Reader(text, program), info);
  } catch (e) {
    // A shape of tree we did not foresee must not take the caller down with it.
    info.problem = `The providers could not be read (${e instanceof Error ? e.message : String(e)}).`;
  }
  return info;
}

function readProviders(reader: Reader, info: AuthConfigInfo): void {
  const exported = reader.defaultExport();
  if (!exported) {
    info.problem = 'The file has no default export. Convex reads `export default { providers: [...] }`.';
    return;
  }
  const config = exported === 'declaration' ? undefined : reader.resolve(exported);
  if (config?.type !== 'ObjectExpression') {
    info.problem =
      'The default export is not an object literal, so its providers cannot be read without running the file.';
    return;
  }
  const providersProp = findProperty(config, 'providers');
  if (!providersProp) {
    info.problem = 'The exported object has no `providers` property.';
    return;
  }
  const providers = reader.resolve(providersProp.value as t.Expression);
  if (providers.type !== 'ArrayExpression') {
    info.problem = '`providers` is not an array literal, so its entries cannot be read without running the file.';
    return;
  }
  for (const element of providers.elements) {
    if (!element || element.type === 'SpreadElement') continue;
    const provider = reader.resolve(element);
    if (provider.type === 'ObjectExpression') info.providers.push(reader.provider(provider));
  }
}

class Reader {
  private readonly constants = new Map<string, t.Expression>();

  constructor(
    private readonly text: string,
    private readonly program: t.Program,
  ) {
    for (const statement of program.body) {
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
  defaultExport(): t.Expression | 'declaration' | undefined {
    for (const statement of this.program.body) {
      if (statement.type === 'ExportDefaultDeclaration') {
        const d = statement.declaration;
        return isExpression(d) ? d : 'declaration';
      }
      if (statement.type === 'ExportNamedDeclaration' && !statement.source) {
        for (const s of statement.specifiers) {
          if (s.type === 'ExportSpecifier' && nameOf(s.exported) === 'default') return s.local;
        }
      }
      if (statement.type === 'ExpressionStatement' && statement.expression.type === 'AssignmentExpression') {
        const { left, right } = statement.expression;
        if (isCommonJsDefault(left)) return right;
      }
    }
    return undefined;
  }

  /** Strips type-only wrappers and follows top-level constants. */
  resolve(node: t.Expression): t.Expression {
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

  provider(node: t.ObjectExpression): AuthProviderEntry {
    const entry: AuthProviderEntry = { start: node.start ?? 0, end: node.end ?? 0, keys: [] };
    for (const prop of node.properties) {
      if (prop.type !== 'ObjectProperty') continue;
      const key = keyName(prop);
      if (key === undefined) continue;
      entry.keys?.push(key);
      const value = prop.value as t.Expression;
      if (key === 'domain') entry.domain = this.domainSource(value);
      else if (key === 'issuer') entry.issuer = this.domainSource(value);
      else if (key === 'applicationID') entry.applicationID = this.literal(value);
      else if (key === 'type') entry.type = this.literal(value);
      else if (key === 'algorithm') entry.algorithm = this.literal(value);
    }
    return entry;
  }

  private domainSource(value: t.Expression): DomainSource {
    const resolved = this.resolve(value);
    const literal = literalString(resolved);
    if (literal !== undefined) return { kind: 'literal', value: literal };
    const env = envName(resolved);
    if (env !== undefined) return { kind: 'env', name: env };
    return { kind: 'expression', text: this.source(value) };
  }

  private literal(value: t.Expression): string | undefined {
    return literalString(this.resolve(value));
  }

  private source(node: t.Node): string {
    const text = this.text
      .slice(node.start ?? 0, node.end ?? 0)
      .replace(/\s+/g, ' ')
      .trim();
    return text.length > MAX_EXPRESSION_TEXT ? `${text.slice(0, MAX_EXPRESSION_TEXT)}…` : text;
  }
}

function unwrap(node: t.Expression): t.Expression {
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

function isExpression(node: t.Node): node is t.Expression {
  return !node.type.endsWith('Declaration');
}

function isCommonJsDefault(left: t.LVal | t.OptionalMemberExpression): boolean {
  if (left.type !== 'MemberExpression') return false;
  const property = memberName(left);
  if (left.object.type === 'Identifier' && left.object.name === 'module') return property === 'exports';
  if (left.object.type === 'Identifier' && left.object.name === 'exports') return property === 'default';
  return left.object.type === 'MemberExpression' && isCommonJsDefault(left.object) && property === 'default';
}

function memberName(node: t.MemberExpression): string | undefined {
  if (!node.computed && node.property.type === 'Identifier') return node.property.name;
  return node.property.type === 'StringLiteral' ? node.property.value : undefined;
}

function nameOf(node: t.Identifier | t.StringLiteral): string {
  return node.type === 'Identifier' ? node.name : node.value;
}

function findProperty(node: t.ObjectExpression, name: string): t.ObjectProperty | undefined {
  // The last one wins at run time, as with any object literal.
  let found: t.ObjectProperty | undefined;
  for (const prop of node.properties) {
    if (prop.type === 'ObjectProperty' && keyName(prop) === name) found = prop;
  }
  return found;
}

function literalString(node: t.Expression): string | undefined {
  if (node.type === 'StringLiteral') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) {
    const quasi = node.quasis[0];
    return quasi ? (quasi.value.cooked ?? quasi.value.raw) : '';
  }
  return undefined;
}

/** `process.env.NAME` or `process.env["NAME"]`, after type wrappers are stripped. */
function envName(node: t.Expression): string | undefined {
  const n = unwrap(node);
  if (n.type !== 'MemberExpression') return undefined;
  const env = n.object;
  if (env.type !== 'MemberExpression' || memberName(env) !== 'env') return undefined;
  if (env.object.type !== 'Identifier' || env.object.name !== 'process') return undefined;
  return memberName(n);
}
