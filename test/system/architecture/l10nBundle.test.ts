import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '../../..');
const SRC = path.join(ROOT, 'src');

function files(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? files(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : [],
    );
}

/** The messages passed to `l10n.t(…)` as literals (the form translators get through l10n/bundle.l10n.json). */
export function l10nMessages(fileName: string, text: string): string[] {
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text === 't' &&
      /(^|\.)l10n$/.test(node.expression.expression.getText())
    ) {
      const first = node.arguments[0];
      if (first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) out.push(first.text);
      else if (first && ts.isObjectLiteralExpression(first)) {
        for (const p of first.properties) {
          if (ts.isPropertyAssignment(p) && p.name.getText() === 'message' && ts.isStringLiteral(p.initializer))
            out.push(p.initializer.text);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true));
  return out;
}

// A message missing from the bundle still shows in English, but a translation can never reach it: the bundle is
// what translators get. `npm run l10n` regenerates it.
describe('l10n bundle', () => {
  it('holds every message the source passes to vscode.l10n.t', function () {
    // Parses every source file with TypeScript: seconds on a loaded 2-core machine, not a speed check.
    this.timeout(120_000);
    const bundle = JSON.parse(fs.readFileSync(path.join(ROOT, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    const missing = files(SRC).flatMap((f) =>
      l10nMessages(f, fs.readFileSync(f, 'utf8'))
        .filter((m) => !(m in bundle))
        .map((m) => `${path.relative(ROOT, f)}: ${m.slice(0, 80)}`),
    );
    assert.deepEqual(missing, [], 'run `npm run l10n` to regenerate l10n/bundle.l10n.json');
  });

  it('reads the message forms the source uses', () => {
    const found = l10nMessages(
      'x.ts',
      "vscode.l10n.t('a {0}', x); l10n.t(`b`); vscode.l10n.t({ message: 'c', comment: ['why'] }); other.t('d'); vscode.l10n.t(name);",
    );
    assert.deepEqual(found, ['a {0}', 'b', 'c']);
  });
});
