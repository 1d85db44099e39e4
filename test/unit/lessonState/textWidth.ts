// Text widths from DejaVu Sans's own advance widths (textMetrics.json, written by scripts/font-metrics.mjs): the
// font the workbench renders in on these machines, and wider than Segoe UI or SF, so what fits here fits there.
import metrics from './textMetrics.json';

export type FontName = keyof typeof metrics.fonts;

/** Width in CSS px of `text` set in `font` at `sizePx`, without kerning (which only narrows DejaVu text). */
export function textWidth(text: string, font: FontName, sizePx: number): number {
  const f = metrics.fonts[font];
  const advances = f.advances as Record<string, number>;
  let units = 0;
  for (const ch of text) {
    const advance = advances[ch];
    if (advance === undefined)
      throw new Error(
        `no width for "${ch}" (U+${ch.codePointAt(0)?.toString(16)}): add it to scripts/font-metrics.mjs`,
      );
    units += advance;
  }
  return (units * sizePx) / f.unitsPerEm;
}

/**
 * Lines of `text` wrapped greedily at spaces into `widthPx`, as a browser wraps normal text. A browser may also
 * break after a hyphen; breaking only at spaces can only give more lines, never fewer.
 */
export function wrapLines(text: string, font: FontName, sizePx: number, widthPx: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && textWidth(candidate, font, sizePx) > widthPx) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines;
}
