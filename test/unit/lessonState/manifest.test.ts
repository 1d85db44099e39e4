import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { CHECK_IDS, LESSON_STEPS, WALKTHROUGH_ID, doneKey, variantStepIds } from '../../../src/lessonState';

// package.json's walkthrough and the state module must agree: ids, variant pairs, completion keys, media.
const root = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  contributes: { walkthroughs: { id: string; steps: Step[] }[] };
};
const nls = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;

interface Step {
  id: string;
  title: string;
  description: string;
  when?: string;
  completionEvents?: string[];
  media: { svg?: string; altText?: string };
}

const walkthrough = manifest.contributes.walkthroughs.find((w) => w.id === WALKTHROUGH_ID);
const steps = walkthrough?.steps ?? [];
const byId = new Map(steps.map((s) => [s.id, s]));
const localized = (value: string | undefined): string | undefined =>
  value?.startsWith('%') ? nls[value.slice(1, -1)] : value;

describe('lessonState: the walkthrough in package.json', () => {
  it('contributes every lesson step, in lesson order', () => {
    assert.ok(walkthrough, 'walkthrough clerkConvex.lesson is contributed');
    const base = steps.map((s) => s.id).filter((id) => (LESSON_STEPS as readonly string[]).includes(id));
    assert.deepEqual(base, [...LESSON_STEPS]);
  });

  it("lists each step's variants right after it, each on its own key, the base step when none applies", () => {
    const byStep = new Map<string, { id: string; key: string }[]>();
    for (const v of variantStepIds()) byStep.set(v.step, [...(byStep.get(v.step) ?? []), v]);
    for (const [step, variants] of byStep) {
      const a = byId.get(step);
      assert.equal(
        a?.when,
        variants.map((v) => `!${v.key}`).join(' && '),
        `${step} is shown exactly when none of its variants is`,
      );
      variants.forEach(({ id, key }, i) => {
        const b = byId.get(id);
        assert.equal(b?.when, key, `${id} is shown on ${key}`);
        assert.equal(steps.indexOf(b), steps.indexOf(a) + 1 + i);
        assert.deepEqual(a?.completionEvents, b?.completionEvents, `${step} and ${id} tick on the same state`);
      });
    }
    const known = new Set([...LESSON_STEPS, ...variantStepIds().map((v) => v.id)]);
    for (const s of steps) assert.ok(known.has(s.id), `unexpected step ${s.id}`);
  });

  it('ticks each measured step on its done key', () => {
    for (const id of CHECK_IDS) assert.deepEqual(byId.get(id)?.completionEvents, [`onContext:${doneKey(id)}`], id);
  });

  it('gives every step a localized title, description, alt text and existing SVG media', () => {
    for (const s of steps) {
      for (const field of [s.title, s.description, s.media.altText])
        assert.ok(localized(field), `${s.id}: ${field} is localized`);
      assert.ok(s.media.svg && fs.existsSync(path.join(root, s.media.svg)), `${s.id}: ${s.media.svg} exists`);
    }
  });

  it('links only to commands the extension declares or registers', () => {
    const declared = new Set(
      (
        JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
          contributes: { commands: { command: string }[] };
        }
      ).contributes.commands.map((c) => c.command),
    );
    const internal = new Set([
      'clerkConvex.lesson.useClerkMode',
      'clerkConvex.lessonChecks.focus',
      'clerkConvex.lesson.nestProviders',
      'clerkConvex.lesson.gateOnConvexAuth',
      'clerkConvex.lesson.issuerCommand',
    ]);
    for (const s of steps) {
      for (const m of (localized(s.description) ?? '').matchAll(/\(command:([\w.]+)/g)) {
        assert.ok(declared.has(m[1]) || internal.has(m[1]), `${s.id} links to ${m[1]}`);
      }
    }
  });

  describe('SVG media', () => {
    const files = [...new Set(steps.map((s) => s.media.svg!))];
    for (const file of files) {
      it(`${file} draws only with theme colours and carries a title`, () => {
        const text = fs.readFileSync(path.join(root, file), 'utf8');
        assert.match(text, /<title[^>]*>[^<]+<\/title>/);
        assert.match(text, /role="img"/);
        // VS Code shows SVG media in a webview whose CSP admits only its own <style>: colours must be presentation
        // attributes, and every one of them must come from the theme (no hex, rgb()/hsl() or named colours).
        assert.doesNotMatch(text, /<style|\sstyle="/);
        assert.doesNotMatch(text, /#[0-9a-fA-F]{3,8}\b/);
        assert.doesNotMatch(text, /\b(rgba?|hsla?)\(/);
        const colours = [...text.matchAll(/\s(fill|stroke|color|stop-color)="([^"]*)"/g)];
        assert.ok(colours.length > 0, 'draws with theme colours');
        for (const m of colours) assert.match(m[2], /^(none|var\(--vscode-[\w-]+\))$/, `${file}: ${m[0]}`);
      });
    }
  });
});
