/**
 * The pictures in docs/ ship in the .vsix and show on the extension's page: `npm run screenshot` writes
 * them as palette PNGs (scripts/png.js) so that they stay small however often they are regenerated.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import * as zlib from 'node:zlib';

const ROOT = path.resolve(__dirname, '../../..');
// scripts/ is plain JavaScript that the build does not compile.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const png = require(path.join(ROOT, 'scripts', 'png.js')) as {
  toPalettePng(png: Buffer): Buffer;
  readRgb(png: Buffer): { width: number; height: number; colourType: number; rgb: Buffer };
};

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunks(file: Buffer): { type: string; data: Buffer; crc: number }[] {
  const out = [];
  for (let at = 8; at < file.length; ) {
    const length = file.readUInt32BE(at);
    out.push({ type: file.toString('latin1', at + 4, at + 8), data: file.subarray(at + 8, at + 8 + length), crc: file.readUInt32BE(at + 8 + length) });
    at += 12 + length;
  }
  return out;
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An RGB PNG as Chromium writes one, each row with its own filter type, from a colour per pixel. */
function truecolourPng(width: number, height: number, colour: (x: number, y: number) => number): Buffer {
  const rows = Buffer.alloc(height * (width * 3 + 1));
  for (let y = 0; y < height; y++) {
    const start = y * (width * 3 + 1);
    const filter = y % 5; // none, sub, up, average, paeth
    rows[start] = filter;
    for (let x = 0; x < width; x++) {
      const c = colour(x, y);
      const pixel = [c >> 16, (c >> 8) & 0xff, c & 0xff];
      for (let ch = 0; ch < 3; ch++) {
        const i = start + 1 + x * 3 + ch;
        const left = x > 0 ? (colour(x - 1, y) >> (16 - 8 * ch)) & 0xff : 0;
        const up = y > 0 ? (colour(x, y - 1) >> (16 - 8 * ch)) & 0xff : 0;
        const upLeft = x > 0 && y > 0 ? (colour(x - 1, y - 1) >> (16 - 8 * ch)) & 0xff : 0;
        const p = left + up - upLeft;
        const paeth = Math.abs(p - left) <= Math.abs(p - up) && Math.abs(p - left) <= Math.abs(p - upLeft) ? left : Math.abs(p - up) <= Math.abs(p - upLeft) ? up : upLeft;
        const predicted = [0, left, up, (left + up) >> 1, paeth][filter];
        rows[i] = (pixel[ch] - predicted) & 0xff;
      }
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = 2;
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

const pixelsOf = (rgb: Buffer) => Array.from({ length: rgb.length / 3 }, (_, i) => rgb.readUIntBE(i * 3, 3));

describe('scripts/png.js', () => {
  test('a picture of at most 256 colours keeps every pixel, in a palette PNG whose chunks check out', () => {
    // 240 colours: 120 steps, each above and below the diagonal.
    const colour = (x: number, y: number) => ((x * 7 + y * 3) % 120) * 0x010203 + (x > y ? 0x300000 : 0);
    const pixels = Array.from({ length: 40 * 30 }, (_, i) => colour(i % 40, Math.floor(i / 40)));
    const input = truecolourPng(40, 30, colour);
    assert.deepEqual(pixelsOf(png.readRgb(input).rgb), pixels);
    const output = png.toPalettePng(input);
    const read = png.readRgb(output);
    assert.deepEqual([read.width, read.height, read.colourType], [40, 30, 3]);
    assert.deepEqual(pixelsOf(read.rgb), pixels);
    assert.deepEqual(output.subarray(0, 8), SIGNATURE);
    const found = chunks(output);
    assert.deepEqual(found.map((c) => c.type), ['IHDR', 'PLTE', 'IDAT', 'IEND']);
    for (const c of found) assert.equal(c.crc, zlib.crc32(Buffer.concat([Buffer.from(c.type, 'latin1'), c.data])), c.type);
  });

  test('past 256 colours, a rare colour is drawn with the nearest of the 256 most used', () => {
    // 256 greys, each used on a whole row, and one pixel of a near-black blue that no row uses.
    const colour = (x: number, y: number) => (x === 3 && y === 9 ? 0x010103 : y * 0x010101);
    const read = png.readRgb(png.toPalettePng(truecolourPng(8, 256, colour)));
    const expected = Array.from({ length: 8 * 256 }, (_, i) => (i === 9 * 8 + 3 ? 0x010101 : Math.floor(i / 8) * 0x010101));
    assert.deepEqual(pixelsOf(read.rgb), expected);
  });
});

test('the pictures in docs/ are palette PNGs, together well under 200 KB', () => {
  const pictures = fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.png')).sort();
  assert.deepEqual(pictures, ['diagnostics.png', 'tree-and-hints.png']);
  let bytes = 0;
  for (const picture of pictures) {
    const file = fs.readFileSync(path.join(ROOT, 'docs', picture));
    assert.equal(png.readRgb(file).colourType, 3, picture);
    bytes += file.length;
  }
  assert.ok(bytes < 200 * 1024, `${bytes} bytes`);
});
