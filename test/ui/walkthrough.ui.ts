import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { WALKTHROUGH_LAYOUT } from '../unit/lessonState/walkthroughLayout';
import type { UiHarness } from './harness';

const THEMES = [
  ['dark', 'Dark Modern'],
  ['light', 'Light Modern'],
  ['hc', 'Dark High Contrast'],
] as const;

const repoRoot = path.resolve(__dirname, '..', '..');

/** What each step's own SVG says of itself (its <title> and <desc>, as renderedMedia reads them), by step id. */
function ownMedia(): Map<string, string> {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    contributes: { walkthroughs: { steps: { id: string; media: { svg?: string } }[] }[] };
  };
  const text = (svg: string, tag: string) =>
    new RegExp(`<${tag}[^>]*>([\\s\\S]*?)</${tag}>`)
      .exec(svg)?.[1]
      ?.replace(/&#x27;/g, "'")
      .replace(/&amp;/g, '&') ?? '';
  const out = new Map<string, string>();
  for (const step of manifest.contributes.walkthroughs[0]?.steps ?? []) {
    if (!step.media.svg) continue;
    const svg = fs.readFileSync(path.join(repoRoot, step.media.svg), 'utf8');
    out.set(step.id, `${text(svg, 'title')} ${text(svg, 'desc')}`);
  }
  return out;
}

/**
 * The rendered media of the open step. VS Code inlines SVG media into a webview (no <img>, and it does not apply
 * `altText` there), so each of our SVGs carries role="img" with its own <title>/<desc>: that is what we read.
 */
async function renderedMedia(
  frames: Frame[],
): Promise<{ alt: string; width: number; smallest: { text: string; px: number } } | undefined> {
  for (const frame of frames) {
    const found = await frame
      .evaluate(() => {
        const svg = document.querySelector<SVGSVGElement>('svg[role="img"]');
        if (!svg) return undefined;
        const box = svg.getBoundingClientRect();
        const alt =
          (svg.querySelector('title')?.textContent ?? '') + ' ' + (svg.querySelector('desc')?.textContent ?? '');
        // Each label's font size as drawn: its size in the SVG times the scale the SVG is drawn at.
        let smallest = { text: '', px: Infinity };
        for (const t of svg.querySelectorAll<SVGTextElement>('text')) {
          const px = parseFloat(getComputedStyle(t).fontSize) * (t.getScreenCTM()?.a ?? 0);
          if (px < smallest.px) smallest = { text: t.textContent ?? '', px };
        }
        return box.width > 0 && box.height > 0 ? { alt, width: box.width, smallest } : undefined;
      })
      .catch(() => undefined);
    if (found) return found;
  }
  return undefined;
}

/**
 * Titles and header lines the walkthrough cuts with an ellipsis or a line clamp, as rendered: closed step titles
 * wider than their box, a header whose text runs past its three lines.
 */
async function cutText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const cut: string[] = [];
    const root = document.querySelector('.gettingStartedSlideDetails');
    for (const t of root?.querySelectorAll<HTMLElement>('.getting-started-step:not(.expanded) .step-title') ?? [])
      if (t.scrollWidth > t.clientWidth) cut.push(`title: ${t.textContent}`);
    for (const t of root?.querySelectorAll<HTMLElement>('.category-title, .category-description') ?? [])
      if (t.scrollHeight > t.clientHeight + 1) cut.push(`header: ${t.textContent}`);
    return cut;
  });
}

// The lesson opens from the Command Palette; every step shows its media, with alt text, in each theme.
async function openLesson(h: UiHarness) {
  await h.runCommand('Clerk ↔ Convex: Open Lesson');
  const steps = h.page.locator('.getting-started-step');
  await steps.first().waitFor({ state: 'visible', timeout: 20_000 });
  await h.page
    .locator('.gettingStartedContainer')
    .getByText('Wiring Clerk to Convex', { exact: true })
    .first()
    .waitFor({ state: 'visible', timeout: 10_000 });
  return steps;
}

// The lesson opens from the Command Palette; every step shows its own media, with alt text, in each theme, with
// labels of at least 18 px as drawn; no step title or header line is cut (checked in the dark theme).
export default async function walkthrough(h: UiHarness): Promise<void> {
  const { page } = h;
  const expected = ownMedia();
  for (const [label, theme] of THEMES) {
    // Fresh for each theme: after a theme change VS Code re-renders the walkthrough with its step buttons disabled.
    await h.reset();
    await h.setTheme(theme);
    const steps = await openLesson(h);
    const count = await steps.count();
    assert.ok(count >= 8, `expected the lesson's 8 steps, saw ${count}`);
    let previous = '';
    for (let i = 0; i < count; i++) {
      const step = steps.nth(i);
      const id = (await step.getAttribute('data-step-id'))?.split('#').pop() ?? String(i);
      // The step list animates as a step opens, and a click during it can be lost: click until the step says it is
      // open (its aria-expanded), each time waiting for that rather than for a fixed pause.
      for (let clicks = 0; (await step.getAttribute('aria-expanded')) !== 'true'; clicks++) {
        assert.ok(clicks < 5, `step "${id}" (${label}) did not open after ${clicks} clicks`);
        await step.click();
        await step
          .and(page.locator('[aria-expanded="true"]'))
          .waitFor({ state: 'attached', timeout: 2_000 })
          .catch(() => undefined);
      }
      let media: Awaited<ReturnType<typeof renderedMedia>>;
      // Each step shows its own picture. A step already open (the lesson opens where the learner left off) may still
      // show another step's media until it is selected: wait for its own, clicking it again if it does not come.
      const own = expected.get(id);
      for (let round = 0; round < 3 && media?.alt !== own; round++) {
        if (round > 0) await step.locator('.step-title').first().click();
        for (let tries = 0; tries < 30; tries++) {
          media = await renderedMedia(page.frames());
          if (media && (own === undefined ? media.alt !== previous : media.alt === own)) break;
          await page.waitForTimeout(200);
        }
        if (own === undefined) break;
      }
      assert.ok(media, `step "${id}" (${label}): no rendered media`);
      assert.ok(media.alt.trim().length > 0, `step "${id}" (${label}): media has no alt text`);
      assert.notEqual(media.alt, previous, `step "${id}" (${label}): still showing the previous step's media`);
      if (own !== undefined) assert.equal(media.alt, own, `step "${id}" (${label}): shows another step's media`);
      assert.ok(
        media.smallest.px >= WALKTHROUGH_LAYOUT.minLabelPx - 0.01,
        `step "${id}" (${label}): "${media.smallest.text}" is drawn at ${media.smallest.px.toFixed(1)} px`,
      );
      if (label === 'dark') assert.deepEqual(await cutText(page), [], `step "${id}": text the walkthrough cuts`);
      previous = media.alt;
      if (label !== 'hc' || i < 2) await h.screenshot(`walkthrough-${label}-${i + 1}-${id}`);
    }
  }
  await h.setTheme('Dark Modern');
}
