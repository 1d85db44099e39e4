// Re-encodes a screenshot PNG (8-bit RGB or RGBA, not interlaced: what Chromium writes) as small as it can
// without losing a pixel: alpha dropped when every pixel is opaque, a palette when there are at most 256
// colours, each row's filter picked by the usual heuristic, and zlib at its highest level.
import zlib from 'node:zlib';
import * as imageQ from 'image-q';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CHANNELS = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** @param {Buffer} png @returns {{ width: number, height: number, rgba: Buffer }} */
export function decodePng(png) {
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG');
  let offset = 8;
  let header;
  let palette;
  let transparency;
  const data = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR')
      header = {
        width: body.readUInt32BE(0),
        height: body.readUInt32BE(4),
        depth: body[8],
        colour: body[9],
        interlace: body[12],
      };
    else if (type === 'PLTE') palette = body;
    else if (type === 'tRNS') transparency = body;
    else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  if (!header) throw new Error('PNG without IHDR');
  const { width, height, depth, colour, interlace } = header;
  if (depth !== 8 || interlace !== 0 || !(colour in CHANNELS))
    throw new Error(`unsupported PNG (bit depth ${depth}, colour type ${colour}, interlace ${interlace})`);
  const channels = CHANNELS[colour];
  const raw = unfilter(zlib.inflateSync(Buffer.concat(data)), width, height, channels);
  const rgba = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const s = i * channels;
    const d = i * 4;
    if (colour === 6) raw.copy(rgba, d, s, s + 4);
    else if (colour === 2) (raw.copy(rgba, d, s, s + 3), (rgba[d + 3] = 255));
    else if (colour === 3)
      (palette.copy(rgba, d, raw[s] * 3, raw[s] * 3 + 3), (rgba[d + 3] = transparency?.[raw[s]] ?? 255));
    else if (colour === 0) (rgba.fill(raw[s], d, d + 3), (rgba[d + 3] = 255));
    else (rgba.fill(raw[s], d, d + 3), (rgba[d + 3] = raw[s + 1]));
  }
  return { width, height, rgba };
}

function unfilter(data, width, height, bpp) {
  const stride = width * bpp;
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = data[y * (stride + 1)];
    const row = data.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const o = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? out[o + x - bpp] : 0;
      const b = y > 0 ? out[o - stride + x] : 0;
      const c = x >= bpp && y > 0 ? out[o - stride + x - bpp] : 0;
      out[o + x] = (row[x] + predict(filter, a, b, c)) & 0xff;
    }
  }
  return out;
}

function predict(filter, a, b, c) {
  switch (filter) {
    case 0:
      return 0;
    case 1:
      return a;
    case 2:
      return b;
    case 3:
      return (a + b) >> 1;
    case 4:
      return paeth(a, b, c);
    default:
      throw new Error(`bad PNG filter ${filter}`);
  }
}

function paeth(a, b, c) {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** @param {{ width: number, height: number, rgba: Buffer }} image @returns {Buffer} */
export function encodePng({ width, height, rgba }) {
  const pixels = width * height;
  let opaque = true;
  for (let i = 3; i < rgba.length && opaque; i += 4) opaque = rgba[i] === 255;
  // A palette when the colours fit in one: 1 byte a pixel, and no filtering (it does not help indexed rows).
  const index = new Map();
  for (let i = 0; i < pixels && index.size <= 256; i++) {
    const key = rgba.readUInt32BE(i * 4);
    if (!index.has(key)) index.set(key, index.size);
  }
  const chunks = [];
  let raw;
  let bpp;
  let colour;
  if (index.size <= 256) {
    colour = 3;
    bpp = 1;
    raw = Buffer.alloc(pixels);
    for (let i = 0; i < pixels; i++) raw[i] = index.get(rgba.readUInt32BE(i * 4));
    const plte = Buffer.alloc(index.size * 3);
    const trns = Buffer.alloc(index.size);
    for (const [key, i] of index) {
      plte.writeUIntBE(key >>> 8, i * 3, 3);
      trns[i] = key & 0xff;
    }
    chunks.push(['PLTE', plte]);
    if (!opaque) chunks.push(['tRNS', trns]);
  } else {
    colour = opaque ? 2 : 6;
    bpp = opaque ? 3 : 4;
    raw = Buffer.alloc(pixels * bpp);
    for (let i = 0; i < pixels; i++) rgba.copy(raw, i * bpp, i * 4, i * 4 + bpp);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = colour;
  const idat = zlib.deflateSync(filterRows(raw, width, height, bpp, colour !== 3), {
    level: 9,
    memLevel: 9,
    strategy: zlib.constants.Z_DEFAULT_STRATEGY,
  });
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', ihdr),
    ...chunks.map(([type, body]) => chunk(type, body)),
    chunk('IDAT', idat),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Each row with the filter whose output has the smallest sum of absolute values (libpng's heuristic). */
function filterRows(raw, width, height, bpp, adaptive) {
  const stride = width * bpp;
  const out = Buffer.alloc((stride + 1) * height);
  const candidate = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const o = y * stride;
    let bestScore = Infinity;
    for (let f = 0; f < (adaptive ? 5 : 1); f++) {
      let score = 0;
      for (let x = 0; x < stride; x++) {
        const a = x >= bpp ? raw[o + x - bpp] : 0;
        const b = y > 0 ? raw[o - stride + x] : 0;
        const c = x >= bpp && y > 0 ? raw[o - stride + x - bpp] : 0;
        const v = (raw[o + x] - predict(f, a, b, c)) & 0xff;
        candidate[x] = v;
        score += v < 128 ? v : 256 - v;
      }
      if (score < bestScore) {
        bestScore = score;
        out[y * (stride + 1)] = f;
        candidate.copy(out, y * (stride + 1) + 1);
      }
    }
  }
  return out;
}

/** One PNG chunk: length, type, body and CRC. */
export function chunk(type, body) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), body])), 0);
  return Buffer.concat([head, body, crc]);
}

/** A screenshot re-encoded losslessly as small as this encoder can make it; the original when that is smaller. */
export function optimisePng(png) {
  const again = encodePng(decodePng(png));
  return again.length < png.length ? again : png;
}

/**
 * A README picture: reduced to at most 256 colours (a palette PNG is about half the bytes of the lossless one, and
 * the pictures ship in the VSIX), then encoded as above. Screenshots of the workbench have few colours besides
 * anti-aliased text, which the reduction keeps legible; the original is kept when it is smaller.
 * @param {Buffer} png @returns {Buffer}
 */
export function readmePng(png) {
  const { width, height, rgba } = decodePng(png);
  const points = imageQ.utils.PointContainer.fromUint8Array(rgba, width, height);
  const palette = imageQ.buildPaletteSync([points], { colors: 256, paletteQuantization: 'rgbquant' });
  const reduced = imageQ.applyPaletteSync(points, palette, { imageQuantization: 'nearest' });
  const again = encodePng({ width, height, rgba: Buffer.from(reduced.toUint8Array()) });
  return again.length < png.length ? again : png;
}
