import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyze, escapeMarkdown, hoverAt, inlayHints, planSummary, type PlanHover } from '../../src/core';
import { readKbExample, REPO_ROOT } from './helpers/plans';

/** Reading the plan: hovers, inlay hints and the summary above "steps", with exact strings. */

const KB = readKbExample();
const kb = analyze(KB);

/** The hover at the first occurrence of `needle` in `text`, `delta` characters into it. */
function hoverOn(text: string, needle: string, delta = 1): PlanHover | undefined {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `"${needle}" is in the plan`);
  return hoverAt(analyze(text), at + delta);
}

/** The hovered text, to check the range. */
function hovered(text: string, hover: PlanHover | undefined): string {
  assert.ok(hover, 'a hover');
  return text.slice(hover.offset, hover.offset + hover.length);
}

describe('escapeMarkdown', () => {
  it('escapes links, code spans, HTML and emphasis so they show as written', () => {
    assert.equal(escapeMarkdown('[x](command:foo)'), '\\[x\\]\\(command\\:foo\\)');
    assert.equal(escapeMarkdown('`code` and ``more``'), '\\`code\\` and \\`\\`more\\`\\`');
    assert.equal(escapeMarkdown('<img src=x onerror=alert(1)>'), '\\<img src\\=x onerror\\=alert\\(1\\)\\>');
    assert.equal(escapeMarkdown('*bold* _it_ ~~s~~ # h | t'), '\\*bold\\* \\_it\\_ \\~\\~s\\~\\~ \\# h \\| t');
    assert.equal(escapeMarkdown('![i](https://e.com/x.png) &amp; $(zap)'), '\\!\\[i\\]\\(https\\:\\/\\/e\\.com\\/x\\.png\\) \\&amp\\; \\$\\(zap\\)');
    assert.equal(escapeMarkdown('C:\\x'), 'C\\:\\\\x');
  });

  it('keeps the text on one line', () => {
    assert.equal(escapeMarkdown('a\nb\r\nc\rd'), 'a b c d');
    assert.equal(escapeMarkdown('x\n# heading\n- item'), 'x \\# heading \\- item');
  });

  it('leaves plain names alone', () => {
    assert.equal(escapeMarkdown('NODE1'), 'NODE1');
    assert.equal(escapeMarkdown(''), '');
  });

  it('escapes every ASCII punctuation character, so unescaping gives the text back', () => {
    let ascii = '';
    for (let c = 32; c < 127; c++) ascii += String.fromCharCode(c);
    const escaped = escapeMarkdown(ascii);
    assert.equal(escaped.replace(/\\(.)/g, '$1'), ascii);
    assert.doesNotMatch(escaped.replace(/\\[!-/:-@[-`{-~]/g, ''), /[!-/:-@[-`{-~]/, 'no punctuation is left unescaped');
  });
});

describe('hoverAt: versions', () => {
  it('shows an alias with both versions in hex, M.m and decimal, and whether it is a pre-release', () => {
    const hover = hoverOn(KB, '"ws2003-rtm"');
    assert.equal(hovered(KB, hover), '"ws2003-rtm"');
    assert.equal(
      hover!.markdown,
      [
        '**ws2003\\-rtm**: Windows Server 2003 RTM, from the built-in catalog',
        '',
        '- highest: 0x00040ECE (4.3790), decimal 265934',
        '- lowest: 0x00030893 (3.2195), decimal 198803',
        '- pre-release: no',
      ].join('\n'),
    );
  });

  it('marks a pre-release alias', () => {
    const hover = hoverOn(KB, '"ws2003-rc2"');
    assert.match(hover!.markdown, /^\*\*ws2003\\-rc2\*\*: Windows Server 2003 RC2 \\\(build not confirmed by Microsoft\\\), from the built-in catalog\n/);
    assert.match(hover!.markdown, /\n- pre-release: yes: the Cluster service does not cover a pre-release to release upgrade, so KB 811272 joins with NoVersionCheck, and the cluster security descriptor needs fixing afterwards$/);
  });

  const numeric = `{
  "nodes": {
    "NODE1": { "highest": 265934, "lowest": "0x00030893" },
    "NODE2": { "highest": "4.3718", "lowest": "ws2003-rtm" },
    "NODE3": { "highest": "9.2", "lowest": "9.1" }
  },
  "steps": []
}`;

  it('shows a decimal DWORD in every notation, with its catalog entry and the other aliases of that version', () => {
    const hover = hoverOn(numeric, '265934', 0);
    assert.equal(hovered(numeric, hover), '265934');
    assert.equal(
      hover!.markdown,
      [
        '**Version 0x00040ECE (4.3790)**, written as a decimal DWORD',
        '',
        '- hex: 0x00040ECE',
        '- M.m: 4.3790: major 4 (the Cluster service of Windows Server 2003), minor 3790 (the build)',
        '- decimal: 265934',
        '- catalog: ws2003\\-rtm (Windows Server 2003 RTM); also ws2003',
        '- pre-release: no',
      ].join('\n'),
    );
  });

  it('shows a hex string and an M.m string', () => {
    assert.equal(
      hoverOn(numeric, '"0x00030893"')!.markdown,
      [
        '**Version 0x00030893 (3.2195)**, written as a hex DWORD',
        '',
        '- hex: 0x00030893',
        '- M.m: 3.2195: major 3 (the Cluster service of Windows 2000), minor 2195 (the build)',
        '- decimal: 198803',
        '- catalog: win2000 (Windows 2000)',
        '- pre-release: no',
      ].join('\n'),
    );
    const rc2 = hoverOn(numeric, '"4.3718"')!.markdown;
    assert.match(rc2, /^\*\*Version 0x00040E86 \(4\.3718\)\*\*, written as "M\.m"\n/);
    assert.match(rc2, /\n- decimal: 265862\n- catalog: ws2003\\-rc2 \(Windows Server 2003 RC2 \\\(build not confirmed by Microsoft\\\)\)\n- pre-release: yes: /);
  });

  it('says what a version outside the catalog is, and that from 2016 on the minor is the upgrade version', () => {
    assert.equal(
      hoverOn(numeric, '"9.2"')!.markdown,
      [
        '**Version 0x00090002 (9.2)**, written as "M.m"',
        '',
        '- hex: 0x00090002',
        '- M.m: 9.2: major 9 (the Cluster service of Windows Server 2016), minor 2 (the upgrade version)',
        '- functional level: FL 9 (Windows Server 2016)',
        '- decimal: 589826',
        '- catalog: no release in the catalog or the plan\'s "versions" has this version',
        '- pre-release: no',
      ].join('\n'),
    );
  });

  it('says which version an alias stands for in a single-version position', () => {
    assert.match(hoverOn(numeric, '"ws2003-rtm"')!.markdown, /\n- here: it stands for its highest version, 0x00040ECE \(4\.3790\)$/);
  });

  it('escapes a plan alias and its note', () => {
    const text = `{
  "versions": { "l[a](command:b)": { "highest": "4.3718", "note": "[x](command:foo) \`tick\`" } },
  "nodes": { "NODE1": { "version": "l[a](command:b)" } },
  "steps": []
}`;
    const hover = hoverOn(text, '"l[a](command:b)" }');
    assert.equal(
      hover!.markdown,
      [
        '**l\\[a\\]\\(command\\:b\\)**: \\[x\\]\\(command\\:foo\\) \\`tick\\`, from the plan\'s "versions"',
        '',
        '- highest: 0x00040E86 (4.3718), decimal 265862',
        '- lowest: 0x00040E86 (4.3718), decimal 265862',
        '- pre-release: no',
      ].join('\n'),
    );
  });
});

describe('hoverAt: steps', () => {
  const join = '{ "action": "join", "node": "NODE2", "sponsor": "NODE1" }';
  const expected = [
    '**Step 6**: join NODE2 with sponsor NODE1',
    '',
    'NODE2 joins without a version check: NoVersionCheck is in effect on NODE2 and on its sponsor NODE1.',
    '',
    '- ClusterHighestVersion: 0x00040E86 (4.3718), unchanged',
    '- ClusterLowestVersion: 0x00030893 (3.2195), unchanged',
    '- active nodes: NODE1 → NODE1, NODE2',
    '- mixed: no → yes',
  ].join('\n');

  it('shows the cluster state before → after on the step\'s braces', () => {
    const hover = hoverOn(KB, join, 0);
    assert.equal(hovered(KB, hover), join);
    assert.equal(hover!.markdown, expected);
  });

  it('shows the same on the "action" value, for the value\'s range', () => {
    const hover = hoverOn(KB, '"join", "node": "NODE2"');
    assert.equal(hovered(KB, hover), '"join"');
    assert.equal(hover!.markdown, expected);
  });

  it('shows a change of ClusterHighestVersion, and what an upgrade does', () => {
    assert.equal(
      hoverOn(KB, '{ "action": "upgrade", "node": "NODE1"', 0)!.markdown,
      [
        '**Step 7**: upgrade NODE1 to ws2003\\-rtm',
        '',
        'NODE1 now has highest 0x00040ECE (4.3790) and lowest 0x00030893 (3.2195); its service ends stopped, so it leaves the cluster first.',
        '',
        '- ClusterHighestVersion: 0x00040E86 (4.3718) → 0x00040ECE (4.3790)',
        '- ClusterLowestVersion: 0x00030893 (3.2195), unchanged',
        '- active nodes: NODE1, NODE2 → NODE2',
        '- mixed: yes → no',
      ].join('\n'),
    );
  });

  it('leaves the step\'s other members to their own hovers', () => {
    assert.equal(hoverOn(KB, '"NODE2", "sponsor"'), undefined);
  });

  it('lists the step\'s findings under the state, and escapes names, descriptions and notes', () => {
    const text = `{
  "nodes": { "N[x](command:foo)": { "version": "ws2003-rtm" } },
  "steps": [
    { "action": "stop", "node": "N[x](command:foo)", "description": "<b>hi</b> \`x\`" },
    { "action": "note", "text": "Check \`MSDTC\` [y](command:z)" }
  ]
}`;
    const stop = hoverOn(text, '{ "action": "stop"', 0)!.markdown;
    assert.equal(
      stop,
      [
        '**Step 1**: stop N\\[x\\]\\(command\\:foo\\)',
        '',
        '> \\<b\\>hi\\<\\/b\\> \\`x\\`',
        '',
        'N\\[x\\]\\(command\\:foo\\) leaves the cluster.',
        '',
        '- ClusterHighestVersion: 0x00040ECE (4.3790) → none (no node is active)',
        '- ClusterLowestVersion: 0x00030893 (3.2195) → none (no node is active)',
        '- active nodes: N\\[x\\]\\(command\\:foo\\) → none',
        '- mixed: no, unchanged',
        '',
        '---',
        '',
        '**`cluster-offline`** · warning: A step leaves no node active',
        '',
        'A rolling upgrade keeps at least one node running so the cluster\\\'s resources stay online\\. A step that stops or upgrades the last active node takes the whole cluster offline\\.',
      ].join('\n'),
    );
    const note = hoverOn(text, '{ "action": "note"', 0)!.markdown;
    assert.match(note, /^\*\*Step 2\*\*: note: Check \\`MSDTC\\` \\\[y\\\]\\\(command\\:z\\\)\n/);
    for (const markdown of [stop, note]) {
      assert.doesNotMatch(markdown, /\]\(command:/, 'no link');
      assert.doesNotMatch(markdown, /<b>|`x`|`MSDTC`/, 'no HTML or code span from the document');
    }
  });

  it('says that a value other than NoVersionCheck changes nothing', () => {
    const text = KB.replace('"node": "NODE2", "name": "NoVersionCheck"', '"node": "NODE2", "name": "NoVersionChecks"');
    const hover = hoverOn(text, '{ "action": "set-registry", "node": "NODE2"', 0)!.markdown;
    assert.match(hover, /^\*\*Step 5\*\*: set NoVersionCheck on NODE2: REG\\_DWORD 1\n\nThe Cluster service reads only NoVersionCheck under ClusSvc\\\\Parameters: nothing changes\.\n/);
  });

  it('names the computer a key\'s \\\\NAME\\ prefix writes to, a node of the plan or not', () => {
    const set = '"node": "NODE2", "name": "NoVersionCheck"';
    const toNode1 = hoverOn(KB.replace(set, `${set}, "key": "\\\\\\\\NODE1\\\\HKLM\\\\SYSTEM\\\\CurrentControlSet\\\\Services\\\\ClusSvc\\\\Parameters"`), '{ "action": "set-registry", "node": "NODE2"', 0)!.markdown;
    assert.match(toNode1, /^\*\*Step 5\*\*: set NoVersionCheck on NODE1: REG\\_DWORD 1 under /);
    const toWorkstation = hoverOn(KB.replace(set, `${set}, "key": "\\\\\\\\.\\\\HKLM\\\\SYSTEM\\\\CurrentControlSet\\\\Services\\\\ClusSvc\\\\Parameters"`), '{ "action": "set-registry", "node": "NODE2"', 0)!.markdown;
    assert.match(toWorkstation, /^\*\*Step 5\*\*: set NoVersionCheck on the computer \\\.: REG\\_DWORD 1 under .*\n\nThe key names \\\., which is not a node of the plan: no node's registry changes at this step\.\n/);
  });

  it('explains a refused join, and leaves the event and the error to the finding VS Code shows beside it', () => {
    const text = KB.replace('{ "action": "set-registry", "node": "NODE1", "name": "NoVersionCheck", "type": "REG_DWORD", "data": 1 },', '');
    const hover = hoverOn(text, '{ "action": "join", "node": "NODE2"', 0)!.markdown;
    assert.match(hover, /^\*\*Step 5\*\*: join NODE2 with sponsor NODE1\n\nNODE2 is refused and stays stopped\.\n\n- ClusterHighestVersion: 0x00040E86 \(4\.3718\), unchanged\n/);
    assert.match(hover, /\n---\n\n\*\*`join-incompatible`\*\* · error: A start\\, join or restart is refused\\: error 5075\\, event 1071\n\nA node may join only if /);
    // The hover on this step shows the finding's message, then this markdown: the error is explained once.
    const finding = analyze(text).findings.find((f) => f.code === 'join-incompatible')!;
    const shown = `${finding.message}\n${hover.replace(/\\(.)/g, '$1')}`;
    assert.equal(shown.match(/ERROR_CLUSTER_INCOMPATIBLE_VERSIONS/g)?.length, 1);
    assert.equal(shown.match(/log event 1071 with error 5075/g)?.length, 1);
  });
});

describe('hoverAt: findings and suppression comments', () => {
  const typo = `{
  "nodes": { "NODE1": { "version": "ws2003-rtm" }, "NODE2": { "version": "ws2003-rtm" } },
  "steps": [
    // clusterplan-disable-next-line cluster-offline -- planned outage
    { "action": "stop", "node": "NDOE2" }
  ]
}`;

  it('shows each finding at the offset with its rule\'s title and explanation, for the finding\'s range', () => {
    const hover = hoverOn(typo, 'NDOE2');
    assert.equal(hovered(typo, hover), '"NDOE2"');
    assert.equal(
      hover!.markdown,
      '**`unknown-node`** · error: A step names a node that is not declared\n\n' +
        'Every \\"node\\" and \\"sponsor\\" of a step must be declared under \\"nodes\\" \\(names match without regard to case\\)\\. ' +
        'The simulation skips a step whose node is unknown\\, so the steps after it may be judged on a wrong cluster state\\.',
    );
  });

  it('uses the severity the finding has, which clusterplan.rules may change', () => {
    const hover = hoverAt(analyze(typo, { severities: { 'unknown-node': 'hint' } }), typo.indexOf('NDOE2'));
    assert.match(hover!.markdown, /^\*\*`unknown-node`\*\* · hint: /);
  });

  it('explains a rule code in a suppression comment', () => {
    const hover = hoverOn(typo, 'cluster-offline --', 3);
    assert.equal(hovered(typo, hover), 'cluster-offline');
    assert.equal(
      hover!.markdown,
      '**`cluster-offline`** · warning by default: A step leaves no node active\n\n' +
        'A rolling upgrade keeps at least one node running so the cluster\\\'s resources stay online\\. A step that stops or upgrades the last active node takes the whole cluster offline\\.',
    );
  });

  it('explains the suppression marker itself', () => {
    const hover = hoverOn(typo, 'clusterplan-disable-next-line', 5);
    assert.equal(hovered(typo, hover), 'clusterplan-disable-next-line');
    assert.match(hover!.markdown, /^\*\*`clusterplan-disable-next-line`\*\*\n\nHides the findings of the named rules that start on the next line\./);
  });

  it('has nothing to say outside versions, steps and findings', () => {
    assert.equal(hoverOn(KB, '"cluster"'), undefined);
    assert.equal(hoverOn(KB, '"PRODCLUS"'), undefined);
    assert.equal(hoverAt(kb, 0), undefined, 'the leading comment');
  });

  it('shows a finding on an empty or unreadable file', () => {
    assert.match(hoverAt(analyze(''), 0)!.markdown, /^\*\*`schema`\*\* · error: /);
    // The syntax errors are at the end, where the text breaks off; the object they leave open reports no schema finding.
    assert.match(hoverAt(analyze('{ "nodes": '), 11)?.markdown ?? '', /^\*\*`syntax`\*\* · error: /);
  });
});

describe('inlayHints', () => {
  const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length - 1;

  it('puts the state each step leaves after the step\'s comma, over the whole KB example', () => {
    const hints = inlayHints(kb, 0, KB.length);
    assert.deepEqual(
      hints.map((h) => h.label),
      [
        '→ 4.3718 / 3.2195 · 1 active',
        '→ 4.3718 / 3.2195 · 1 active',
        '→ 4.3718 / 3.2195 · 2 active',
        '→ 4.3718 / 3.2195 · 1 active',
        '→ 4.3718 / 3.2195 · 1 active',
        '→ 4.3718 / 3.2195 · 2 active · mixed',
        '→ 4.3790 / 3.2195 · 1 active',
        ...Array<string>(8).fill('→ 4.3790 / 3.2195 · 2 active'),
      ],
    );
    const join = '{ "action": "join", "node": "NODE2", "sponsor": "NODE1" },';
    const sixth = hints[5]!;
    assert.equal(sixth.offset, KB.indexOf(join) + join.length, 'right after the comma');
    assert.equal(sixth.tooltip, 'After step 6:\nClusterHighestVersion 0x00040E86 (4.3718)\nClusterLowestVersion 0x00030893 (3.2195)\nactive nodes: NODE1, NODE2\nmixed: the active nodes run different versions');
    for (const hint of hints) assert.equal(KB[hint.offset - 1], ',', `hint "${hint.label}" follows a comma`);
  });

  it('computes only the hints in the requested range', () => {
    const line = (n: number) => KB.split('\n').slice(0, n).join('\n').length + 1;
    const start = KB.indexOf('{ "action": "upgrade", "node": "NODE2"');
    const end = KB.indexOf('{ "action": "upgrade", "node": "NODE1"');
    const hints = inlayHints(kb, start, end);
    assert.deepEqual(
      hints.map((h) => lineOf(KB, h.offset)),
      [15, 17, 18],
    );
    assert.deepEqual(inlayHints(kb, 0, line(5)), []);
  });

  it('places the hint after the brace when no comma follows on the line, and says when no node is active', () => {
    const text = '{\n  "nodes": { "NODE1": { "version": "ws2003-rtm" } },\n  "steps": [\n    { "action": "stop", "node": "NODE1" }\n  ]\n}';
    const hints = inlayHints(analyze(text), 0, text.length);
    assert.deepEqual(hints, [
      {
        offset: text.indexOf('"NODE1" }\n') + '"NODE1" }'.length,
        label: '→ no node active',
        tooltip: 'After step 1:\nClusterHighestVersion none (no node is active)\nClusterLowestVersion none (no node is active)\nactive nodes: none\nnot mixed',
      },
    ]);
  });

  it('gives the M.m of a DWORD number or a hex string, not of an M.m string or an alias', () => {
    const text = `{
  "nodes": {
    "NODE1": { "highest": 265934, "lowest": "0x00030893" },
    "NODE2": { "highest": "4.3718", "lowest": "3.2195" },
    "NODE3": { "version": "ws2003-rtm", "state": "stopped" }
  },
  "steps": []
}`;
    assert.deepEqual(inlayHints(analyze(text), 0, text.length), [
      { offset: text.indexOf('265934') + 6, label: '= 4.3790', tooltip: '0x00040ECE (4.3790): ws2003-rtm' },
      { offset: text.indexOf('"0x00030893"') + 12, label: '= 3.2195', tooltip: '0x00030893 (3.2195): win2000' },
    ]);
  });

  it('gives no hint for an unreadable version, and none at all without a plan', () => {
    const text = '{ "nodes": { "NODE1": { "highest": 4.3790 } }, "steps": [] }';
    assert.deepEqual(inlayHints(analyze(text), 0, text.length), []);
    assert.deepEqual(inlayHints(analyze(''), 0, 0), []);
  });

  it('works out only the steps on screen of a plan of 20,000 steps', () => {
    const steps = Array.from({ length: 10_000 }, () => '    { "action": "stop", "node": "NODE1" },\n    { "action": "start", "node": "NODE1" },').join('\n');
    const text = `{\n  "nodes": { "NODE1": { "version": "ws2003-rtm" }, "NODE2": { "version": "ws2003-rtm" } },\n  "steps": [\n${steps}\n  ]\n}`;
    const analysis = analyze(text);
    // Counted, not timed (timings belong in the benchmarks): the step results the hints read.
    const asked = new Set<number>();
    const results = new Proxy(analysis.timeline!.steps, {
      get: (target, key, receiver) => {
        if (typeof key === 'string' && /^\d+$/.test(key)) asked.add(Number(key));
        return Reflect.get(target, key, receiver);
      },
    });
    const middle = text.length >> 1;
    const hints = inlayHints({ ...analysis, timeline: { ...analysis.timeline!, steps: results } }, middle, middle + 3000);
    assert.ok(hints.length > 30 && hints.length < 80, `about one screen: ${hints.length}`);
    assert.ok(asked.size <= hints.length + 2, `results of ${asked.size} steps for ${hints.length} hints`);
    assert.ok(Math.min(...asked) > 9_000 && Math.max(...asked) < 11_000, 'the steps in the middle');
  });
});

describe('planSummary', () => {
  it('summarises the KB example above "steps"', () => {
    const summary = planSummary(kb)!;
    assert.equal(KB.slice(summary.offset, summary.offset + summary.length), '"steps"');
    assert.equal(summary.text, '15 steps · ends at 4.3790 · 0 problems');
  });

  it('counts errors and warnings, and says when no node is left active', () => {
    const text = '{ "nodes": { "NODE1": { "version": "ws2003-rtm" } }, "steps": [ { "action": "stop", "node": "NODE1" } ] }';
    assert.equal(planSummary(analyze(text))!.text, '1 step · ends with no node active · 1 warning');
    const broken = '{ "nodes": { "NODE1": { "version": "ws2003-rtm" } }, "steps": [ { "action": "stop", "node": "NDOE1" }, { "action": "reboot" }, { "action": "start", "node": "NODE1" } ] }';
    assert.equal(planSummary(analyze(broken))!.text, '3 steps · ends at 4.3790 · 2 errors, 1 warning');
  });

  it('says when the cluster ends mixed or at an unknown version; information findings are not problems', () => {
    const mixed = '{ "nodes": { "NODE1": { "version": "win2000" }, "NODE2": { "version": "ws2003-rtm" } }, "steps": [] }';
    assert.deepEqual(analyze(mixed).findings.map((f) => f.severity), ['information']);
    assert.equal(planSummary(analyze(mixed))!.text, '0 steps · ends at 3.2195 (mixed) · 0 problems');
    const unknown = '{ "nodes": { "NODE1": { "highest": 4.3790 } }, "steps": [] }';
    assert.equal(planSummary(analyze(unknown))!.text, '0 steps · ends at an unknown version · 1 error');
  });

  it('follows clusterplan.rules severities', () => {
    const text = '{ "nodes": { "NODE1": { "version": "ws2003-rtm" } }, "steps": [ { "action": "stop", "node": "NODE1" } ] }';
    assert.equal(planSummary(analyze(text, { severities: { 'cluster-offline': 'off' } }))!.text, '1 step · ends with no node active · 0 problems');
  });

  it('has no summary without a "steps" array', () => {
    assert.equal(planSummary(analyze('{ "nodes": {} }')), undefined);
    assert.equal(planSummary(analyze('{ "nodes": {}, "steps": {} }')), undefined);
    assert.equal(planSummary(analyze('')), undefined);
  });
});

describe('inlay hints on one line', () => {
  it('leave out the M.m of a hex version on a line that shows the state a step leaves', () => {
    const text = [
      '{',
      '  "nodes": { "N1": { "highest": "0x00040E86", "lowest": "0x00030893" }, "N2": { "version": "ws2003-rc2" } },',
      '  "steps": [',
      '    { "action": "upgrade", "node": "N1", "to": { "highest": "0x00040ECE", "lowest": "0x00030893" } },',
      '    { "action": "join", "node": "N1" }', // refused: 4.3790 against the RC cluster's 4.3718
      '  ]',
      '}',
    ].join('\n');
    const analysis = analyze(text);
    const hints = inlayHints(analysis, 0, text.length).map((h) => `${analysis.document.positionAt(h.offset).line + 1}: ${h.label}`);
    assert.deepEqual(hints, ['2: = 4.3718', '2: = 3.2195', '4: → 4.3718 / 3.2195 · 1 active', '5: → 4.3718 / 3.2195 · 1 active']);
  });
});

describe('every example plan, at every offset', () => {
  const folder = path.join(REPO_ROOT, 'examples');
  const files = [
    ...readdirSync(folder).filter((f) => f.endsWith('.clusterplan')),
    ...readdirSync(path.join(folder, 'mistakes')).map((f) => path.join('mistakes', f)),
  ];

  it('hovers within the text, with no link and no unescaped HTML; hints whole and within the text; the summary within it too', () => {
    assert.ok(files.length > 10);
    for (const file of files) {
      const text = readFileSync(path.join(folder, file), 'utf8');
      const analysis = analyze(text);
      for (let offset = 0; offset <= text.length; offset++) {
        const hover = hoverAt(analysis, offset);
        if (!hover) continue;
        assert.ok(hover.offset <= offset && offset <= hover.offset + hover.length, `${file}@${offset}: the hover covers the offset`);
        assert.doesNotMatch(hover.markdown, /(?<!\\)\]\(|(?<!\\)</, `${file}@${offset}: no link, no HTML`);
      }
      // VS Code cuts the hints of a line after 43 characters in all (editor.inlayHints.maximumLength).
      const byLine = new Map<number, string[]>();
      for (const hint of inlayHints(analysis, 0, text.length)) {
        assert.ok(hint.offset > 0 && hint.offset <= text.length, `${file}: hint in the text`);
        const line = analysis.document.positionAt(hint.offset).line;
        byLine.set(line, [...(byLine.get(line) ?? []), hint.label]);
      }
      for (const [line, labels] of byLine) {
        assert.ok(labels.join('').length <= 43, `${file}:${line + 1}: "${labels.join('" "')}" are short enough to be shown whole`);
      }
      const summary = planSummary(analysis);
      if (summary) assert.equal(text.slice(summary.offset, summary.offset + summary.length), '"steps"', file);
    }
  });
});
