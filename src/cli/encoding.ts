import { isUtf8 } from 'node:buffer';

/**
 * How a plan's bytes are text: UTF-8 (with or without a BOM), or UTF-16 with a BOM, as Notepad saves
 * "Unicode" (LE) and "Unicode big endian" (BE). The BOM stays in the text as U+FEFF, which the analysis
 * accepts, so writing the text back gives the same bytes (docs/cli.md).
 */
export type Encoding = 'UTF-8' | 'UTF-16 LE' | 'UTF-16 BE';

export interface DecodedPlan {
  readonly text: string;
  readonly encoding: Encoding;
  /**
   * The first line (from 1, counting line breaks as the editor does) holding bytes that are not valid in the
   * encoding. They were read as U+FFFD, so the text no longer gives back the file's bytes.
   */
  readonly badLine: number | undefined;
}

export function decodePlan(bytes: Buffer): DecodedPlan {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeUtf16(bytes, 'UTF-16 LE');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeUtf16(bytes, 'UTF-16 BE');
  // Buffer's decoding keeps a UTF-8 BOM as U+FEFF, so it is written back too.
  const text = bytes.toString('utf8');
  return { text, encoding: 'UTF-8', badLine: isUtf8(bytes) ? undefined : firstBadUtf8Line(bytes) };
}

/** The text as the bytes of its encoding; the BOM is the text's own U+FEFF. */
export function encodePlan(text: string, encoding: Encoding): Buffer {
  if (encoding === 'UTF-8') return Buffer.from(text, 'utf8');
  const bytes = Buffer.from(text, 'utf16le');
  return encoding === 'UTF-16 BE' ? bytes.swap16() : bytes;
}

/**
 * Every pair of bytes is one UTF-16 code unit, even half of a broken surrogate pair, and goes back
 * unchanged: the only byte that cannot be text is a last odd one, read as U+FFFD like a bad UTF-8 byte.
 */
function decodeUtf16(bytes: Buffer, encoding: Encoding): DecodedPlan {
  const even = bytes.length - (bytes.length % 2);
  const units = Buffer.from(bytes.subarray(0, even));
  const text = (encoding === 'UTF-16 BE' ? units.swap16() : units).toString('utf16le');
  if (even === bytes.length) return { text, encoding, badLine: undefined };
  return { text: text + '\uFFFD', encoding, badLine: lineCount(text) };
}

/** CR LF, CR and LF each end a line, as in the editor; a UTF-8 sequence never holds either byte. */
function firstBadUtf8Line(bytes: Buffer): number {
  let line = 1;
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte !== 0x0a && byte !== 0x0d) continue;
    if (!isUtf8(bytes.subarray(start, i))) return line;
    if (byte === 0x0d && bytes[i + 1] === 0x0a) i++;
    line++;
    start = i + 1;
  }
  return line;
}

function lineCount(text: string): number {
  return 1 + (text.match(/\r\n?|\n/g)?.length ?? 0);
}
