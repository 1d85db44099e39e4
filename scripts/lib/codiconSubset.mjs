// The panel's codicon.css, cut to the glyphs the panel can show: the full sheet (≈1,000 rules, 33 KB) is parsed
// before the panel's script runs on every first open. A glyph is kept when its name appears as a string literal
// in the webview's or the protocol's source (icon names are literals there: `icon('key')`, maps of statuses to
// names), so a literal that only happens to match a glyph name keeps one rule more, never one less.
// The font is cut to the same glyphs: the webview is shown once its `load` event fires, which waits for the font
// its first layout asks for, and the whole font (126 KB) took 30-60 ms through the webview's service worker.
import fs from 'node:fs';
import path from 'node:path';
import subsetFont from 'subset-font';

const GLYPH_RULE = /^\.codicon-([a-z0-9-]+):before\s*\{[^}]*\}\s*$/;

/** String literals ('…', "…", `…` without `${`) in the .ts files under `dirs`. */
export function literalsIn(dirs) {
  const names = new Set();
  for (const dir of dirs) {
    for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
      const text = fs.readFileSync(path.join(entry.parentPath ?? entry.path, entry.name), 'utf8');
      for (const m of text.matchAll(/'([a-z0-9-]+)'|"([a-z0-9-]+)"|`([a-z0-9-]+)`/g)) names.add(m[1] ?? m[2] ?? m[3]);
    }
  }
  return names;
}

/** `css` with only the glyph rules whose names are in `keep`; every other line (font, base rule, modifiers) stays. */
export function subsetCodicons(css, keep) {
  return css
    .split('\n')
    .filter((line) => {
      const m = GLYPH_RULE.exec(line);
      return !m || keep.has(m[1]);
    })
    .join('\n');
}

/** The characters the glyph rules of `css` draw (`content: "\ea61"`). */
export function glyphsOf(css) {
  let chars = '';
  for (const line of css.split('\n')) {
    if (!GLYPH_RULE.test(line)) continue;
    const m = /content:\s*"\\([0-9a-f]{4,6})"/i.exec(line);
    if (!m) throw new Error(`a codicon rule without a glyph: ${line}`);
    chars += String.fromCodePoint(parseInt(m[1], 16));
  }
  return chars;
}

/** The TrueType font `ttf` with only the glyphs of `chars` (harfbuzz's hb-subset). */
export async function subsetFontTo(ttf, chars) {
  return subsetFont(ttf, chars, { targetFormat: 'truetype' });
}
