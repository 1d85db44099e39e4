// The panel's codicon.css, cut to the glyphs the panel can show: the full sheet (≈1,000 rules, 33 KB) is parsed
// before the panel's script runs on every first open. A glyph is kept when its name appears as a string literal
// in the webview's or the protocol's source (icon names are literals there: `icon('key')`, maps of statuses to
// names), so a literal that only happens to match a glyph name keeps one rule more, never one less.
import fs from 'node:fs';
import path from 'node:path';

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
  return css.split('\n').filter((line) => {
    const m = GLYPH_RULE.exec(line);
    return !m || keep.has(m[1]);
  }).join('\n');
}
