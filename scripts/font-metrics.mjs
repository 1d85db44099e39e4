// Writes test/unit/lessonState/textMetrics.json: the advance widths of DejaVu Sans (Book and Bold) and DejaVu Sans
// Mono, read from the fonts' own hmtx and cmap tables. DejaVu Sans is the font the workbench renders its UI in on
// these machines (fc-match resolves system-ui, Ubuntu and sans-serif to it; the harness installs fonts-dejavu-core)
// and one of the widest common UI fonts, so a text that fits with its widths fits with Segoe UI or SF too.
// Kerning is left out: it only narrows DejaVu text (the unit test compares with widths Chromium measured).
// Usage: node scripts/font-metrics.mjs [font dir]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = process.argv[2] ?? '/usr/share/fonts/truetype/dejavu';
const FILES = { sans: 'DejaVuSans.ttf', sansBold: 'DejaVuSans-Bold.ttf', mono: 'DejaVuSansMono.ttf' };
// Printable ASCII and the few other characters the walkthrough and its diagrams use.
const CHARS = [
  ...Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)),
  ...'‘’“”…↔—–·→←↓↑✓✗×•€é',
];

function tables(data) {
  const count = data.readUInt16BE(4);
  const out = {};
  for (let i = 0; i < count; i++) {
    const at = 12 + 16 * i;
    out[data.toString('latin1', at, at + 4)] = data.readUInt32BE(at + 8);
  }
  return out;
}

/** Unicode → glyph id from the Windows Unicode BMP subtable (format 4). */
function cmap(data, offset) {
  const map = new Map();
  const subtables = data.readUInt16BE(offset + 2);
  for (let i = 0; i < subtables; i++) {
    const rec = offset + 4 + 8 * i;
    if (data.readUInt16BE(rec) !== 3 || data.readUInt16BE(rec + 2) !== 1) continue;
    const t = offset + data.readUInt32BE(rec + 4);
    if (data.readUInt16BE(t) !== 4) continue;
    const segs = data.readUInt16BE(t + 6) / 2;
    const ends = t + 14;
    const starts = ends + 2 * segs + 2;
    const deltas = starts + 2 * segs;
    const ranges = deltas + 2 * segs;
    for (let s = 0; s < segs; s++) {
      const end = data.readUInt16BE(ends + 2 * s);
      const start = data.readUInt16BE(starts + 2 * s);
      const delta = data.readInt16BE(deltas + 2 * s);
      const range = data.readUInt16BE(ranges + 2 * s);
      for (let c = start; c <= end && c !== 0xffff; c++) {
        let glyph;
        if (range === 0) glyph = (c + delta) & 0xffff;
        else {
          glyph = data.readUInt16BE(ranges + 2 * s + range + 2 * (c - start));
          if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
        }
        map.set(c, glyph);
      }
    }
  }
  return map;
}

function metrics(file) {
  const data = fs.readFileSync(path.join(dir, file));
  const t = tables(data);
  const unitsPerEm = data.readUInt16BE(t.head + 18);
  const hMetrics = data.readUInt16BE(t.hhea + 34);
  const advance = (glyph) => data.readUInt16BE(t.hmtx + 4 * Math.min(glyph, hMetrics - 1));
  const glyphs = cmap(data, t.cmap);
  const advances = {};
  for (const ch of CHARS) {
    const glyph = glyphs.get(ch.codePointAt(0));
    if (glyph !== undefined && glyph !== 0) advances[ch] = advance(glyph);
  }
  return { file, unitsPerEm, missing: advance(0), advances };
}

const out = {
  source: `DejaVu Sans 2.37 (Debian fonts-dejavu-core), ${dir}; written by scripts/font-metrics.mjs`,
  fonts: Object.fromEntries(Object.entries(FILES).map(([k, f]) => [k, metrics(f)])),
};
const target = path.join(root, 'test', 'unit', 'lessonState', 'textMetrics.json');
fs.writeFileSync(target, JSON.stringify(out, null, 2) + '\n');
console.log(`wrote ${path.relative(root, target)}`);
