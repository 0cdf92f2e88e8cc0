/**
 * Cluster service version numbers: a DWORD made of a 16-bit major (the Cluster service release, not the
 * OS version) and a 16-bit minor (the build). Mirrors ClusAPI.h's CLUSTER_MAKE_VERSION and friends.
 */

export const MAX_DWORD = 0xffffffff;

export function makeVersion(major: number, minor: number): number {
  // `>>> 0` keeps majors of 0x8000 and above positive: a version is an unsigned DWORD.
  return ((major << 16) | minor) >>> 0;
}

export function majorOf(version: number): number {
  return version >>> 16;
}

export function minorOf(version: number): number {
  return version & 0xffff;
}

/** `M.m`, the way the Cluster service's own logs print a version ("Cluster Version 1.224"). */
export function formatMajorMinor(version: number): string {
  return `${majorOf(version)}.${minorOf(version)}`;
}

/** `0x00040ECE (4.3790)`: the hex the registry and APIs show, then the M.m administrators recognise. */
export function formatVersion(version: number | undefined): string {
  if (version === undefined) return 'unknown';
  return `0x${version.toString(16).toUpperCase().padStart(8, '0')} (${formatMajorMinor(version)})`;
}

export type VersionTextResult =
  | { kind: 'version'; version: number }
  | { kind: 'invalid'; reason: string }
  /** Not a numeric notation: the caller looks it up as an alias. */
  | { kind: 'alias'; name: string };

const MAJOR_MINOR = /^(\d{1,10})\.(\d{1,10})$/;
const HEX = /^0[xX]([0-9a-fA-F]*)$/;
const DECIMAL = /^\d+$/;

/** Reads a version written as a string: `"M.m"`, `"0x…"`, or (if neither) an alias name. */
export function parseVersionString(text: string): VersionTextResult {
  const mm = MAJOR_MINOR.exec(text);
  if (mm) {
    const major = Number(mm[1]);
    const minor = Number(mm[2]);
    if (major > 0xffff) return { kind: 'invalid', reason: `major ${major} is above 65535` };
    if (minor > 0xffff) return { kind: 'invalid', reason: `minor ${minor} is above 65535` };
    return { kind: 'version', version: makeVersion(major, minor) };
  }
  const hex = HEX.exec(text);
  if (hex) {
    const digits = hex[1]!;
    if (digits.length === 0) return { kind: 'invalid', reason: `"${text}" has no hex digits after 0x` };
    if (digits.length > 8) {
      return { kind: 'invalid', reason: `"${text}" has ${digits.length} hex digits; a DWORD has at most 8` };
    }
    return { kind: 'version', version: parseInt(digits, 16) };
  }
  if (DECIMAL.test(text)) {
    return {
      kind: 'invalid',
      reason: `"${text}" is a decimal DWORD in a string: write it as the number ${text} without quotes, or as "M.m"`,
    };
  }
  if (/^\s|\s$/.test(text)) return { kind: 'invalid', reason: `"${text}" has leading or trailing spaces` };
  if (/^[\d.]+$/.test(text)) return { kind: 'invalid', reason: `"${text}" is not "major.minor" with one dot` };
  return { kind: 'alias', name: text };
}

/**
 * Reads a version written as a JSON number. `raw` is the number's source text: `4.3790` parses to 4.379,
 * so only the source shows what the administrator meant, and `4.0` (an integer to JSON.parse) is just as
 * ambiguous as `4.3790`.
 */
export function parseVersionNumber(value: number, raw: string): VersionTextResult {
  // A number too large for a double is read as infinity, and one too small as 0: `1e400` is out of range,
  // and `1e-400` a fraction, whatever they were read as.
  if (value === Infinity) return { kind: 'invalid', reason: `${raw} is out of range: above 0xFFFFFFFF (4294967295), the largest DWORD` };
  if (value === -Infinity) return { kind: 'invalid', reason: `${raw} is out of range: negative, and a version is an unsigned DWORD` };
  const underflow = value === 0 && /[1-9]/.test(raw.split(/[eE]/)[0]!);
  if (raw.includes('.') || !Number.isInteger(value) || underflow) {
    return {
      kind: 'invalid',
      reason: `${raw} is a JSON number with a fraction: write it as the string "${raw}"`,
    };
  }
  if (value < 0) return { kind: 'invalid', reason: `${raw} is negative; a version is an unsigned DWORD` };
  if (value > MAX_DWORD) return { kind: 'invalid', reason: `${raw} is above 0xFFFFFFFF (4294967295), the largest DWORD` };
  return { kind: 'version', version: value };
}
