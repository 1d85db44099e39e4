import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { WALKTHROUGH_ID } from '../../../src/lessonState';
import { textWidth, wrapLines, type FontName } from './textWidth';
import { WALKTHROUGH_LAYOUT as L } from './walkthroughLayout';

// The walkthrough read at 1400×900 (walkthroughLayout.ts): short steps, titles the step list shows whole, a
// header that is not cut, diagrams whose labels are readable at the size they are drawn.
const root = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  contributes: { walkthroughs: Walkthrough[] };
};
const nls = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;

interface Walkthrough {
  id: string;
  title: string;
  description: string;
  steps: { id: string; title: string; description: string; media: { svg?: string } }[];
}

const walkthrough = manifest.contributes.walkthroughs.find((w) => w.id === WALKTHROUGH_ID)!;
const localized = (value: string): string => (value.startsWith('%') ? (nls[value.slice(1, -1)] ?? value) : value);

/** The text a step shows: a link's label stays, its target goes; markdown escapes are dropped. */
export function shownText(markdown: string): string {
  return markdown.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/\\(.)/g, '$1');
}

/** Words as a reader counts them: runs with a letter or digit ("aud", "1.49", "npx"), not "·" or "→". */
export function words(text: string): string[] {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
}

interface SvgText {
  text: string;
  sizePx: number;
  font: FontName;
  x: number;
  anchor: string;
}

function attr(attrs: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(attrs)?.[1];
}

const ENTITIES: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>', apos: "'", '#x27': "'" };
const decode = (s: string): string => s.replace(/&(quot|amp|lt|gt|apos|#x27);/g, (_, e: string) => ENTITIES[e]);

export function svgTexts(svg: string): { viewBox: [number, number]; texts: SvgText[] } {
  const vb = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg);
  assert.ok(vb, 'the SVG has a viewBox starting at 0 0');
  const texts: SvgText[] = [];
  for (const m of svg.matchAll(/<text\b([^>]*)>([\s\S]*?)<\/text>/g)) {
    const [, attrs, inner] = m;
    const sizes = [
      attr(attrs, 'font-size'),
      ...[...inner.matchAll(/<tspan\b[^>]*font-size="([^"]*)"/g)].map((t) => t[1]),
    ];
    const family = attr(attrs, 'font-family') ?? '';
    const weight = attr(attrs, 'font-weight') ?? '400';
    texts.push({
      text: decode(inner.replace(/<[^>]+>/g, '')),
      sizePx: Math.min(...sizes.map((s) => Number(s ?? 'NaN'))),
      font: family.includes('editor-font') ? 'mono' : Number(weight) >= 600 || weight === 'bold' ? 'sansBold' : 'sans',
      x: Number(attr(attrs, 'x') ?? 0),
      anchor: attr(attrs, 'text-anchor') ?? 'start',
    });
  }
  return { viewBox: [Number(vb[1]), Number(vb[2])], texts };
}

describe('lessonState: the walkthrough reads at 1400×900', () => {
  it('measures text as Chromium draws it in the workbench (widths it measured for the old titles)', () => {
    // Rendered widths of step titles (13 px, weight 600) read with a DOM Range in the real workbench at 1400×900.
    const measured: [string, number][] = [
      ['Nest the Provider Sandwich', 203.98],
      ['Tell Convex Which Issuer to Trust', 242.92],
      ['Read the Signed-In User in a Convex Function', 335.58],
      ["Gate the UI on Convex's Auth State", 258.78],
      ['Run the Token Handoff Exercise', 232.25],
      ['Decode Your Own Token', 175.53],
      ['Next: Decide What Each User May See', 280.05],
    ];
    for (const [text, px] of measured) {
      const computed = textWidth(text, 'sansBold', L.stepTitle.sizePx);
      // Never narrower than Chromium (no kerning), and not much wider.
      assert.ok(computed >= px - 0.5 && computed <= px * 1.02, `"${text}": computed ${computed}, Chromium ${px}`);
    }
  });

  it('fits the header: title and description each within its lines', () => {
    const { widthPx, titleSizePx, descriptionSizePx, maxLines } = L.header;
    const title = wrapLines(localized(walkthrough.title), 'sans', titleSizePx, widthPx);
    assert.ok(title.length <= maxLines, `title takes ${title.length} lines: ${title.join(' | ')}`);
    const description = wrapLines(localized(walkthrough.description), 'sans', descriptionSizePx, widthPx);
    assert.ok(
      description.length <= maxLines,
      `description takes ${description.length} lines, ${maxLines} are shown: ${description.join(' | ')}`,
    );
  });

  for (const step of walkthrough.steps) {
    it(`${step.id}: one short step (≤ ${L.maxStepWords} words, buttons included) with a title the list shows whole`, () => {
      const text = shownText(localized(step.description));
      const count = words(text).length;
      assert.ok(count <= L.maxStepWords, `${step.id}: ${count} words:\n${text}`);
      const title = localized(step.title);
      const width = textWidth(title, 'sansBold', L.stepTitle.sizePx);
      assert.ok(
        width <= L.stepTitle.widthPx,
        `"${title}" is ${width.toFixed(1)} px, the list shows ${L.stepTitle.widthPx}`,
      );
    });
  }

  const svgs = [...new Set(walkthrough.steps.map((s) => s.media.svg).filter((s): s is string => !!s))];
  for (const file of svgs) {
    it(`${file}: every label at least ${L.minLabelPx} px as drawn, inside the picture`, () => {
      const { viewBox, texts } = svgTexts(fs.readFileSync(path.join(root, file), 'utf8'));
      const scale = Math.min(L.media.widthPx / viewBox[0], L.media.heightPx / viewBox[1]);
      assert.ok(texts.length > 0, 'the diagram has labels');
      for (const t of texts) {
        const drawn = t.sizePx * scale;
        assert.ok(drawn >= L.minLabelPx - 1e-9, `"${t.text}" is drawn at ${drawn.toFixed(1)} px`);
        const width = textWidth(t.text, t.font, t.sizePx);
        const left = t.anchor === 'middle' ? t.x - width / 2 : t.anchor === 'end' ? t.x - width : t.x;
        assert.ok(
          left >= 0 && left + width <= viewBox[0],
          `"${t.text}" runs outside the picture (${left.toFixed(0)}…${(left + width).toFixed(0)})`,
        );
      }
    });
  }
});
