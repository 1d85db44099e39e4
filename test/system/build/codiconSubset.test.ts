// The panel's codicon sheet is cut to the glyphs the panel can show; a glyph the page asks for must never be cut.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');
type Subset = {
  literalsIn(dirs: string[]): Set<string>;
  subsetCodicons(css: string, keep: Set<string>): string;
  glyphsOf(css: string): string;
  subsetFontTo(ttf: Buffer, chars: string): Promise<Buffer>;
};
const load = () => import(path.join(root, 'scripts', 'lib', 'codiconSubset.mjs')) as Promise<Subset>;
const fullSheet = fs.readFileSync(
  path.join(root, 'node_modules', '@vscode', 'codicons', 'dist', 'codicon.css'),
  'utf8',
);
const fullFont = fs.readFileSync(path.join(root, 'node_modules', '@vscode', 'codicons', 'dist', 'codicon.ttf'));

/** The code points a font maps to glyphs (its cmap), read by harfbuzz. */
async function unicodesOf(font: Buffer): Promise<Set<number>> {
  const hb = await import('harfbuzzjs');
  return new Set(new hb.Face(new hb.Blob(font)).collectUnicodes());
}

/** Every glyph name the webview passes to icon(…) as a literal, or keeps in a map of names. */
function iconNamesInWebview(): Set<string> {
  const names = new Set<string>();
  const dir = path.join(root, 'src', 'webview');
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    for (const m of text.matchAll(/icon\(\s*'([a-z0-9-]+)'/g)) names.add(m[1]);
    for (const m of text.matchAll(/ICONS[^=]*=\s*\{([^}]*)\}/g))
      for (const v of m[1].matchAll(/:\s*'([a-z0-9-]+)'/g)) names.add(v[1]);
  }
  return names;
}

describe('codicon subset of the token panel', () => {
  it('keeps every glyph the webview names, the font face and the spin modifier, and drops the rest', async () => {
    const { literalsIn, subsetCodicons } = await load();
    const css = subsetCodicons(
      fullSheet,
      literalsIn([path.join(root, 'src', 'webview'), path.join(root, 'src', 'protocol')]),
    );
    const used = iconNamesInWebview();
    assert.ok(used.size >= 10, `found the panel's icon names (${[...used].join(', ')})`);
    for (const name of used) assert.match(css, new RegExp(`\\.codicon-${name}:before`), `glyph "${name}" kept`);
    assert.match(css, /@font-face/);
    assert.match(css, /\.codicon-loading\.codicon-modifier-spin/);
    assert.doesNotMatch(css, /\.codicon-git-fetch:before/, 'a glyph nobody names is dropped');
    assert.ok(css.length < fullSheet.length / 5, `${css.length} of ${fullSheet.length} characters`);
  });

  it('cuts the font to the glyphs the cut sheet draws: each one is in it, nothing else', async () => {
    const { literalsIn, subsetCodicons, glyphsOf, subsetFontTo } = await load();
    const css = subsetCodicons(
      fullSheet,
      literalsIn([path.join(root, 'src', 'webview'), path.join(root, 'src', 'protocol')]),
    );
    const wanted = new Set([...glyphsOf(css)].map((c) => c.codePointAt(0) as number));
    assert.ok(wanted.size >= 10, `the sheet draws ${wanted.size} glyphs`);
    const cut = await subsetFontTo(fullFont, glyphsOf(css));
    assert.deepEqual([...(await unicodesOf(cut))].sort(), [...wanted].sort());
    const all = await unicodesOf(fullFont);
    for (const u of wanted) assert.ok(all.has(u), `U+${u.toString(16)} is a codicon`);
    assert.ok(cut.length < fullFont.length / 5, `${cut.length} of ${fullFont.length} bytes`);
  });
});
