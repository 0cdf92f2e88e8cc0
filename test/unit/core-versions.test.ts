import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyze, BUILT_IN_RELEASES, formatMajorMinor, formatVersion, majorOf, makeVersion, minorOf } from '../../src/core';
import { Catalog, type Release } from '../../src/core/catalog';
import { REPO_ROOT } from './helpers/plans';

/** docs/format.md, "Versions": version = (major << 16) | minor, written "M.m", a DWORD or "0x…". */

describe('makeVersion, majorOf, minorOf', () => {
  it("reproduces the reference's worked example: major 2, minor 224 is 131296 = 0x000200E0", () => {
    assert.equal(makeVersion(2, 224), 131296);
    assert.equal(makeVersion(2, 224), 0x000200e0);
    assert.equal(majorOf(131296), 2);
    assert.equal(minorOf(131296), 224);
  });

  it('Windows Server 2003 RTM is 4.3790 = 0x00040ECE = 265934', () => {
    assert.equal(makeVersion(4, 3790), 265934);
    assert.equal(makeVersion(4, 3790), 0x00040ece);
  });

  it('keeps majors of 0x8000 and above unsigned', () => {
    assert.equal(makeVersion(0xffff, 0xffff), 0xffffffff);
    assert.equal(makeVersion(0x8000, 0), 0x80000000);
    assert.equal(majorOf(0xffffffff), 0xffff);
    assert.equal(minorOf(0xffffffff), 0xffff);
  });
});

describe('formatVersion', () => {
  it('shows the hex DWORD, then M.m', () => {
    assert.equal(formatVersion(131296), '0x000200E0 (2.224)');
    assert.equal(formatVersion(makeVersion(4, 3790)), '0x00040ECE (4.3790)');
    assert.equal(formatVersion(makeVersion(4, 3718)), '0x00040E86 (4.3718)');
    assert.equal(formatVersion(makeVersion(3, 2195)), '0x00030893 (3.2195)');
    assert.equal(formatVersion(0), '0x00000000 (0.0)');
    assert.equal(formatVersion(0xffffffff), '0xFFFFFFFF (65535.65535)');
  });

  it('formatMajorMinor prints the minor in decimal without padding', () => {
    assert.equal(formatMajorMinor(makeVersion(1, 224)), '1.224');
    assert.equal(formatMajorMinor(makeVersion(4, 7)), '4.7');
  });
});

describe('the built-in catalog (docs/format.md)', () => {
  const table: Record<string, [string, string, boolean]> = {
    'nt4-sp3': ['1.224', '1.224', false],
    'nt4-sp4': ['2.224', '1.224', false],
    win2000: ['3.2195', '2.224', false],
    'ws2003-rc1': ['4.3663', '3.2195', true],
    'ws2003-rc2': ['4.3718', '3.2195', true],
    'ws2003-rtm': ['4.3790', '3.2195', false],
    ws2003: ['4.3790', '3.2195', false],
    // From Windows Server 2008 on, lowest = highest and the major is the functional level.
    ws2008: ['5.6001', '5.6001', false],
    ws2008r2: ['6.7600', '6.7600', false],
    ws2012: ['7.9200', '7.9200', false],
    ws2012r2: ['8.9600', '8.9600', false],
    ws2016: ['9.8', '9.8', false],
    ws2019: ['10.3', '10.3', false],
    ws2022: ['11.4', '11.4', false],
    ws2025: ['12.0', '12.0', false],
  };
  it('holds exactly the documented aliases and numbers', () => {
    const actual = Object.fromEntries(BUILT_IN_RELEASES.map((r) => [r.alias, [formatMajorMinor(r.highest), formatMajorMinor(r.lowest), r.preRelease]]));
    assert.deepEqual(actual, table);
  });

  it("is the table of docs/format.md, with the DWORDs, and marks as inferred what the catalog's notes do", () => {
    const page = fs.readFileSync(path.join(REPO_ROOT, 'docs', 'format.md'), 'utf8');
    const section = page.slice(page.indexOf('## The built-in catalog'), page.indexOf('## The plan\'s own versions'));
    const rows = [...section.matchAll(/^\| `([^`]+)` \| ([\d.]+) \| ([\d.]+) \| (\d+) = `(0x[0-9A-F]{8})` \| (.*) \|$/gm)];
    const documented = rows.map((m) => [m[1], m[2], m[3], Number(m[4]), m[5], /inferred/.test(m[6]!)]);
    const hex = (v: number) => `0x${v.toString(16).toUpperCase().padStart(8, '0')}`;
    const built = BUILT_IN_RELEASES.map((r) => [r.alias, formatMajorMinor(r.highest), formatMajorMinor(r.lowest), r.highest, hex(r.highest), /inferred/.test(r.note ?? '')]);
    assert.deepEqual(documented, built);
  });

  it('marks in its notes what no Microsoft source gives: levels 5 to 7, the minors before 2016, and 2025\'s minor', () => {
    const notes = Object.fromEntries(BUILT_IN_RELEASES.filter((r) => majorOf(r.highest) >= 5).map((r) => [r.alias, r.note]));
    assert.deepEqual(notes, {
      ws2008: 'Windows Server 2008; level 5 and minor 6001 inferred',
      ws2008r2: 'Windows Server 2008 R2; level 6 and minor 7600 inferred',
      ws2012: 'Windows Server 2012; level 7 and minor 9200 inferred',
      ws2012r2: 'Windows Server 2012 R2; minor 9600 inferred',
      ws2016: 'Windows Server 2016',
      ws2019: 'Windows Server 2019',
      ws2022: 'Windows Server 2022',
      ws2025: 'Windows Server 2025; minor unknown',
    });
  });
});

/** Reads one version as a node's "highest", written as the source text `source`, through the public analyze(). */
function read(source: string): { version: number | undefined; codes: string[]; quoteAs: string | undefined } {
  const text = `{ "nodes": { "NODE1": { "highest": ${source} } }, "steps": [] }`;
  const analysis = analyze(text);
  const node = analysis.plan!.nodes[0]!;
  const value = analysis.plan!.versionValues.find((v) => v.pointer === '/nodes/NODE1/highest');
  return {
    version: node.highest,
    codes: analysis.findings.map((f) => `${f.code}@${f.pointer}`),
    quoteAs: value?.problem?.quoteAs,
  };
}

function assertVersion(source: string, expected: number): void {
  const r = read(source);
  assert.deepEqual(r.codes, [], `${source} should be valid`);
  assert.equal(r.version, expected, `${source} should be ${formatVersion(expected)}`);
}

function assertInvalid(source: string): void {
  const r = read(source);
  assert.deepEqual(r.codes, ['invalid-version@/nodes/NODE1/highest'], `${source} should be invalid`);
  assert.equal(r.version, undefined);
}

describe('Catalog.releaseOf: which release a numeric version stands for', () => {
  const own = (alias: string, minor: number, preRelease: boolean): Release => ({ alias, highest: makeVersion(4, minor), lowest: makeVersion(3, 2195), preRelease, origin: 'plan' });

  it('the first alias of a build when none is better: ws2003-rtm before ws2003', () => {
    assert.equal(new Catalog().releaseOf(makeVersion(4, 3790))?.alias, 'ws2003-rtm');
  });

  it("a plan's own alias before a built-in one of the same build", () => {
    assert.equal(new Catalog([own('ours', 3790, false)]).releaseOf(makeVersion(4, 3790))?.alias, 'ours');
  });

  it('a pre-release entry before everything, so that the security-descriptor warning is never hidden', () => {
    assert.equal(new Catalog([own('ours', 3718, false)]).releaseOf(makeVersion(4, 3718))?.alias, 'ws2003-rc2');
    assert.equal(new Catalog([own('ours', 3790, true)]).releaseOf(makeVersion(4, 3790))?.alias, 'ours');
  });

  it('nothing for a build no alias names', () => {
    assert.equal(new Catalog().releaseOf(makeVersion(4, 3800)), undefined);
  });
});

describe('reading versions', () => {
  describe('"M.m" strings', () => {
    it('reads decimal major and minor', () => {
      assertVersion('"4.3790"', makeVersion(4, 3790));
      assertVersion('"2.224"', 131296);
      assertVersion('"0.0"', 0);
      assertVersion('"65535.65535"', 0xffffffff);
    });
    it('refuses a major or a minor above 65535', () => {
      assertInvalid('"65536.0"');
      assertInvalid('"4.65536"');
      assertInvalid('"99999999999.1"');
    });
    it('refuses more than one dot, a missing part and spaces', () => {
      assertInvalid('"4.3790.1"');
      assertInvalid('"4."');
      assertInvalid('".3790"');
      assertInvalid('" 4.3790"');
      assertInvalid('"4.3790 "');
    });
  });

  describe('hex strings', () => {
    it('reads 0x and 0X with up to 8 digits, in either case', () => {
      assertVersion('"0x00040ECE"', 265934);
      assertVersion('"0X00040ece"', 265934);
      assertVersion('"0x40ECE"', 265934);
      assertVersion('"0xFFFFFFFF"', 0xffffffff);
      assertVersion('"0x0"', 0);
    });
    it('refuses 9 digits, even with a leading zero, and no digits', () => {
      assertInvalid('"0x100000000"');
      assertInvalid('"0x000040ECE"');
      assertInvalid('"0x"');
    });
  });

  describe('JSON numbers', () => {
    it('reads an integer DWORD', () => {
      assertVersion('265934', 265934);
      assertVersion('0', 0);
      assertVersion('4294967295', 0xffffffff);
    });
    it('refuses a negative number and one above 0xFFFFFFFF', () => {
      assertInvalid('-1');
      assertInvalid('4294967296');
    });
    it('refuses 4.3790 (JSON reads 4.379) and offers to quote it as "4.3790"', () => {
      const r = read('4.3790');
      assert.deepEqual(r.codes, ['invalid-version@/nodes/NODE1/highest']);
      assert.equal(r.version, undefined);
      assert.equal(r.quoteAs, '4.3790');
    });
    it('refuses 4.0, which JSON.parse would read as the integer 4', () => {
      const r = read('4.0');
      assert.deepEqual(r.codes, ['invalid-version@/nodes/NODE1/highest']);
      assert.equal(r.quoteAs, '4.0');
    });
    it('a number too large for a double is out of range, and one too small is a fraction, not 0', () => {
      const messages = analyze('{ "nodes": { "N1": { "highest": 1e400 }, "N2": { "highest": -1E400 }, "N3": { "highest": 1e-400 } }, "steps": [] }').findings.map((f) => `${f.code}@${f.pointer}: ${f.message}`);
      assert.deepEqual(messages, [
        'invalid-version@/nodes/N1/highest: Invalid version: 1e400 is out of range: above 0xFFFFFFFF (4294967295), the largest DWORD.',
        'invalid-version@/nodes/N2/highest: Invalid version: -1E400 is out of range: negative, and a version is an unsigned DWORD.',
        'invalid-version@/nodes/N3/highest: Invalid version: 1e-400 is a JSON number with a fraction: write it as the string "1e-400".',
      ]);
      assertVersion('0e-5', 0);
    });
    it('the message of a fractional number shows how to quote it', () => {
      const f = analyze('{ "nodes": { "NODE1": { "highest": 4.3790 } }, "steps": [] }').findings[0]!;
      assert.match(f.message, /"4\.3790"/);
    });
  });

  describe('decimal strings', () => {
    it('refuses a decimal DWORD in a string: it is neither "M.m", "0x…" nor an alias', () => {
      assertInvalid('"265934"');
      assertInvalid('"0"');
    });
  });

  describe('aliases', () => {
    it('an alias where a version is expected stands for its highest version', () => {
      assertVersion('"ws2003-rtm"', makeVersion(4, 3790));
    });
    it('an unknown alias is unknown-version-alias, not invalid-version', () => {
      const r = read('"ws2003-sp9"');
      assert.deepEqual(r.codes, ['unknown-version-alias@/nodes/NODE1/highest']);
    });
    it('"version" with a number-like string is not an alias', () => {
      const codes = analyze('{ "nodes": { "NODE1": { "version": "4.3790" } }, "steps": [] }').findings.map((f) => `${f.code}@${f.pointer}`);
      assert.deepEqual(codes, ['unknown-version-alias@/nodes/NODE1/version']);
    });
    it('inside "versions", a value must be a number, not another alias', () => {
      const text = '{ "versions": { "mine": { "highest": "ws2003-rtm" } }, "nodes": { "NODE1": { "version": "ws2003-rtm" } }, "steps": [] }';
      assert.deepEqual(
        analyze(text).findings.map((f) => `${f.code}@${f.pointer}`),
        ['invalid-version@/versions/mine/highest'],
      );
    });
  });

  describe('lowest', () => {
    it('defaults to highest when missing', () => {
      const node = analyze('{ "nodes": { "NODE1": { "highest": "4.3790" } }, "steps": [] }').plan!.nodes[0]!;
      assert.equal(node.lowest, makeVersion(4, 3790));
    });
    it('comes from the alias', () => {
      const node = analyze('{ "nodes": { "NODE1": { "version": "win2000" } }, "steps": [] }').plan!.nodes[0]!;
      assert.equal(node.highest, makeVersion(3, 2195));
      assert.equal(node.lowest, makeVersion(2, 224));
    });
    it('can be written in a different notation from highest', () => {
      const node = analyze('{ "nodes": { "NODE1": { "highest": 265934, "lowest": "0x00030893" } }, "steps": [] }').plan!.nodes[0]!;
      assert.equal(node.highest, makeVersion(4, 3790));
      assert.equal(node.lowest, makeVersion(3, 2195));
    });
  });
});
