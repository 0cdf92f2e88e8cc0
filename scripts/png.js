'use strict';
// Rewrites a screenshot as a small PNG: at most 256 colours in a palette, one byte per pixel, deflated at
// the highest level. The pictures in docs/ ship in the .vsix and show on the extension's page, so they
// are kept small; a workbench screenshot has a few thousand colours, nearly all of them the anti-aliased
// edges of text, which the nearest of the 256 most used colours draws as well.
//
//   const { toPalettePng } = require('./png'); fs.writeFileSync(out, toPalettePng(await page.screenshot()));

const zlib = require('node:zlib');

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const COLOUR_TYPE = { truecolour: 2, indexed: 3, truecolourAlpha: 6 };
const PALETTE_SIZE = 256;

function chunksOf(png) {
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG');
  const chunks = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    chunks.push({ type: png.toString('latin1', at + 4, at + 8), data: png.subarray(at + 8, at + 8 + length) });
    at += 12 + length;
  }
  return chunks;
}

/** The pixels of an 8-bit, non-interlaced PNG (Chromium writes truecolour, toPalettePng indexed), as RGB. */
function readRgb(png) {
  const chunks = chunksOf(png);
  const header = chunks[0].data;
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const channels = { [COLOUR_TYPE.truecolour]: 3, [COLOUR_TYPE.indexed]: 1, [COLOUR_TYPE.truecolourAlpha]: 4 }[header[9]];
  if (header[8] !== 8 || header[12] !== 0 || !channels) throw new Error('expected an 8-bit, non-interlaced RGB, RGBA or indexed PNG');
  const filtered = zlib.inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  const stride = width * channels;
  const pixels = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) unfilterRow(filtered, y * (stride + 1), pixels, y * stride, stride, channels);
  const plte = channels === 1 ? chunks.find((c) => c.type === 'PLTE').data : undefined;
  const rgb = Buffer.alloc(width * height * 3);
  for (let i = 0, j = 0; i < pixels.length; i += channels, j += 3) {
    if (plte) plte.copy(rgb, j, pixels[i] * 3, pixels[i] * 3 + 3);
    else pixels.copy(rgb, j, i, i + 3);
  }
  return { width, height, colourType: header[9], rgb };
}

/** Undoes the PNG filter of one row (PNG specification, section 9). */
function unfilterRow(src, from, out, to, stride, bpp) {
  const filter = src[from];
  for (let x = 0; x < stride; x++) {
    const left = x >= bpp ? out[to + x - bpp] : 0;
    const up = to > 0 ? out[to + x - stride] : 0;
    const upLeft = x >= bpp && to > 0 ? out[to + x - stride - bpp] : 0;
    let predicted = 0;
    if (filter === 1) predicted = left;
    else if (filter === 2) predicted = up;
    else if (filter === 3) predicted = (left + up) >> 1;
    else if (filter === 4) predicted = paeth(left, up, upLeft);
    out[to + x] = (src[from + 1 + x] + predicted) & 0xff;
  }
}

function paeth(a, b, c) {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

const rgbKey = (rgb, i) => (rgb[i] << 16) | (rgb[i + 1] << 8) | rgb[i + 2];

/** The palette (the most used colours) and, for every colour in the picture, its index in it. */
function paletteOf(rgb) {
  const uses = new Map();
  for (let i = 0; i < rgb.length; i += 3) {
    const key = rgbKey(rgb, i);
    uses.set(key, (uses.get(key) || 0) + 1);
  }
  const palette = [...uses.keys()].sort((a, b) => uses.get(b) - uses.get(a)).slice(0, PALETTE_SIZE);
  const index = new Map(palette.map((key, i) => [key, i]));
  for (const key of uses.keys()) if (!index.has(key)) index.set(key, nearest(palette, key));
  return { palette, index };
}

/** The palette entry closest to a colour, the channels weighted as the eye weighs them (green most). */
function nearest(palette, key) {
  let best = 0;
  let bestDistance = Infinity;
  for (let i = 0; i < palette.length; i++) {
    const r = (key >> 16) - (palette[i] >> 16);
    const g = ((key >> 8) & 0xff) - ((palette[i] >> 8) & 0xff);
    const b = (key & 0xff) - (palette[i] & 0xff);
    const distance = 3 * r * r + 4 * g * g + 2 * b * b;
    if (distance < bestDistance) [best, bestDistance] = [i, distance];
  }
  return best;
}

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** The PNG rewritten with a palette. Rows are left unfiltered: palette indices do not predict well. */
function toPalettePng(png) {
  const { width, height, rgb } = readRgb(png);
  const { palette, index } = paletteOf(rgb);
  const rows = Buffer.alloc(height * (width + 1)); // each row: filter type 0, then one index per pixel
  for (let y = 0, i = 0; y < height; y++) {
    for (let x = 0; x < width; x++, i += 3) rows[y * (width + 1) + 1 + x] = index.get(rgbKey(rgb, i));
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per palette index
  header[9] = COLOUR_TYPE.indexed;
  const plte = Buffer.alloc(palette.length * 3);
  palette.forEach((key, i) => plte.writeUIntBE(key, i * 3, 3));
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('PLTE', plte),
    chunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

module.exports = { toPalettePng, readRgb };
