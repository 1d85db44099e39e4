// The README pictures' encoder loses no pixel: whatever it picks (palette, RGB, RGBA), decoding gives the image back.
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import fc from 'fast-check';
import { chunk as pngChunk, decodePng, encodePng, optimisePng, readmePng } from '../../../scripts/lib/png.mjs';

function image(width: number, height: number, pixel: (i: number) => [number, number, number, number]) {
  const rgba = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) rgba.set(pixel(i), i * 4);
  return { width, height, rgba };
}

/** Colour type, from IHDR. */
const colourType = (png: Buffer) => png[25];

describe('PNG re-encoding for the README pictures', () => {
  it('keeps every pixel of random images, opaque or not, with few or many colours', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 24 }),
        fc.integer({ min: 1, max: 24 }),
        fc.integer({ min: 1, max: 600 }),
        fc.boolean(),
        fc.integer(),
        (width, height, colours, opaque, seed) => {
          let s = seed;
          const next = () => ((s = (Math.imul(s, 1103515245) + 12345) | 0) >>> 16) & 0xff;
          const palette = Array.from({ length: colours }, () => [next(), next(), next(), opaque ? 255 : next()]);
          const img = image(width, height, () => palette[next() % colours] as [number, number, number, number]);
          const back = decodePng(encodePng(img));
          assert.equal(back.width, width);
          assert.equal(back.height, height);
          assert.ok(back.rgba.equals(img.rgba));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('writes a palette for few colours and RGB without alpha for an opaque photo-like image', () => {
    const flat = image(40, 10, (i) => (i % 7 ? [30, 30, 30, 255] : [200, 120, 0, 255]));
    assert.equal(colourType(encodePng(flat)), 3);
    const rich = image(40, 40, (i) => [i % 251, (i * 7) % 253, Math.floor(i / 40) * 5, 255]);
    assert.equal(colourType(encodePng(rich)), 2);
  });

  it('makes a screenshot-like PNG written with fast compression smaller, and never larger', () => {
    const img = image(200, 60, (i) => ((i % 200) % 9 < 2 ? [220, 220, 220, 255] : [31, 31, 31, 255]));
    // A straightforward RGBA PNG at zlib level 1, the way a browser writes one quickly.
    const raw = Buffer.alloc((200 * 4 + 1) * 60);
    for (let y = 0; y < 60; y++) img.rgba.copy(raw, y * (200 * 4 + 1) + 1, y * 800, (y + 1) * 800);
    const fast = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      pngChunk('IHDR', Buffer.from([0, 0, 0, 200, 0, 0, 0, 60, 8, 6, 0, 0, 0])),
      pngChunk('IDAT', zlib.deflateSync(raw, { level: 1 })),
      pngChunk('IEND', Buffer.alloc(0)),
    ]);
    assert.ok(decodePng(fast).rgba.equals(img.rgba), 'the hand-made PNG decodes');
    const small = optimisePng(fast);
    assert.ok(small.length < fast.length, `${small.length} < ${fast.length}`);
    assert.ok(decodePng(small).rgba.equals(img.rgba));
    assert.equal(optimisePng(small).length <= small.length, true);
  });

  it('reduces a README picture with many colours to a palette of at most 256, each pixel near its original', () => {
    // Dark background with noisy light strokes (anti-aliased text, roughly): far more than 256 colours.
    let seed = 7;
    const noise = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) >> 16) % 64;
    const img = image(160, 60, (i) =>
      (i % 160) % 9 < 3 ? [190 + noise(), 170 + noise(), 120 + noise(), 255] : [30, 30, 36, 255],
    );
    const colours = new Set<number>();
    for (let p = 0; p < img.rgba.length; p += 4) colours.add(img.rgba.readUInt32BE(p));
    assert.ok(colours.size > 256, `the input has ${colours.size} colours`);
    const small = readmePng(encodePng(img));
    assert.equal(colourType(small), 3);
    const out = decodePng(small);
    assert.deepEqual([out.width, out.height], [160, 60]);
    let worst = 0;
    for (let p = 0; p < img.rgba.length; p++)
      worst = Math.max(worst, Math.abs((out.rgba[p] ?? 0) - (img.rgba[p] ?? 0)));
    assert.ok(worst <= 48, `the largest channel error is ${worst}`);
  });
});
