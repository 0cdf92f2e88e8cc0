import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyze, hoverAt, planSymbols } from '../../src/core';
import { at, plan, REPO_ROOT, step, type Value } from './helpers/plans';
import { accept, completions, expandSnippet, labels } from './helpers/writing';

/**
 * The editor features on a functional-level plan (Windows Server 2008 and later): completion, hovers and
 * the outline. `|` in a test text marks the cursor.
 */

const WS2016 = { version: 'ws2016' };
/** Three Windows Server 2016 nodes: a functional-level plan at FL 9. */
const NODES = { N1: WS2016, N2: WS2016, N3: WS2016 };
/** The KB 811272 releases: a plan without a functional level. */
const CLASSIC = { NODE1: { version: 'ws2003-rtm' }, NODE2: { version: 'ws2003-rtm' } };

/** A plan whose steps are `steps`, then the step written by the test, cursor included. */
function withStep(stepText: string, steps: readonly Value[] = [step.stop('N1')], nodes: Readonly<Record<string, Value>> = NODES): string {
  const text = plan(nodes, steps);
  const last = text.lastIndexOf('}\n  ]');
  return `${text.slice(0, last + 1)},\n    ${stepText}${text.slice(last + 1)}`;
}

const CLASSIC_ACTIONS = ['stop', 'start', 'join', 'restart', 'upgrade', 'set-registry', 'delete-registry', 'cluster-security', 'note'];

describe('completion in a functional-level plan', () => {
  it('offers the actions of Cluster OS Rolling Upgrade after the others, and only in a functional-level plan', () => {
    assert.deepEqual(labels(withStep('{ "action": "|" }')), [...CLASSIC_ACTIONS, 'drain', 'resume', 'evict', 'add', 'update-functional-level']);
    assert.deepEqual(labels(withStep('{ "action": "|" }', [step.stop('NODE1')], CLASSIC)), CLASSIC_ACTIONS);
    const items = completions(withStep('{ "action": "|" }'))!.items;
    assert.equal(items.find((i) => i.label === 'drain')!.detail, 'Move a node\'s roles away and pause it (Suspend-ClusterNode -Drain)');
    assert.equal(items.find((i) => i.label === 'update-functional-level')!.detail, 'Raise the functional level by one (Update-ClusterFunctionalLevel): permanent');
    assert.equal(accept(withStep('{ "action": "dr|" }'), 'drain'), withStep('{ "action": "drain" }'));
  });

  it('offers "node" for drain, resume, evict and add, and opens the node list on it; nothing but id and description for update-functional-level', () => {
    for (const action of ['drain', 'resume', 'evict', 'add']) {
      const text = withStep(`{ "action": "${action}", | }`);
      assert.deepEqual(labels(text), ['node', 'id', 'description'], action);
      assert.equal(completions(text)!.items[0]!.listsValues, true, action);
      assert.deepEqual(labels(withStep(`{ "action": "${action}", "node": "|" }`)), ['N1', 'N2', 'N3'], action);
    }
    assert.equal(accept(withStep('{ "action": "evict", | }'), 'node'), withStep('{ "action": "evict", "node": "" }'));
    assert.deepEqual(labels(withStep('{ "action": "update-functional-level", | }')), ['id', 'description']);
  });

  it('offers "functionalLevel" and "paused" only in a functional-level plan', () => {
    const top = (nodes: Readonly<Record<string, Value>>) => plan(nodes, []).replace('{\n', '{\n  |\n');
    assert.deepEqual(labels(top(NODES)), ['cluster', 'versionMatch', 'functionalLevel', 'versions']);
    assert.deepEqual(labels(top(CLASSIC)), ['cluster', 'versionMatch', 'versions']);
    const node = (nodes: Readonly<Record<string, Value>>, name: string) => plan(nodes, []).replace(`"${name}": { "version"`, `"${name}": { |, "version"`);
    assert.deepEqual(labels(node(NODES, 'N1')), ['highest', 'lowest', 'state', 'noVersionCheck', 'paused', 'description']);
    assert.deepEqual(labels(node(CLASSIC, 'NODE1')), ['highest', 'lowest', 'state', 'noVersionCheck', 'description']);
    const paused = completions(node(NODES, 'N1'))!.items.find((i) => i.label === 'paused')!;
    assert.equal(paused.detail, 'The node is drained (Suspend-ClusterNode) at the start');
    assert.equal(accept(node(NODES, 'N1'), 'paused'), plan(NODES, []).replace('"N1": { "version"', '"N1": { "paused": true, "version"'));
    assert.deepEqual(labels(plan(NODES, []).replace('"N1": { "version": "ws2016"', '"N1": { "version": "ws2016", "paused": |')), ['true', 'false']);
  });

  it('offers the levels 5 to 12 with their releases, then the aliases of those releases, for "functionalLevel"', () => {
    const text = plan({ N1: WS2016, N2: { version: 'ws2019' } }, [], { top: { versions: { 'ws2019-cu': { highest: '10.5' }, old: { highest: '4.3790' } } } }).replace('"nodes": {', '"functionalLevel": |,\n  "nodes": {');
    const items = completions(text)!.items;
    assert.deepEqual(
      items.map((i) => `${i.label}: ${i.detail}`),
      [
        '5: FL 5 (Windows Server 2008, inferred)',
        '6: FL 6 (Windows Server 2008 R2, inferred)',
        '7: FL 7 (Windows Server 2012, inferred)',
        '8: FL 8 (Windows Server 2012 R2)',
        '9: FL 9 (Windows Server 2016)',
        '10: FL 10 (Windows Server 2019)',
        '11: FL 11 (Windows Server 2022)',
        '12: FL 12 (Windows Server 2025)',
        'ws2008: FL 5 (Windows Server 2008, inferred)',
        'ws2008r2: FL 6 (Windows Server 2008 R2, inferred)',
        'ws2012: FL 7 (Windows Server 2012, inferred)',
        'ws2012r2: FL 8 (Windows Server 2012 R2)',
        'ws2016: FL 9 (Windows Server 2016)',
        'ws2019: FL 10 (Windows Server 2019)',
        'ws2022: FL 11 (Windows Server 2022)',
        'ws2025: FL 12 (Windows Server 2025)',
        'ws2019-cu: FL 10 (Windows Server 2019)',
      ],
    );
    // Without the property the plan starts at its lowest declared level: that one is preselected.
    assert.deepEqual(items.filter((i) => i.preselect).map((i) => i.label), ['9']);
    assert.equal(accept(text, '9'), text.replace('|', '9'));
    assert.equal(accept(text, 'ws2016'), text.replace('|', '"ws2016"'));
  });

  it('opens the list of levels when "functionalLevel" is accepted, and the new plan reads it', () => {
    const text = plan(NODES, []).replace('{\n', '{\n  |\n');
    const item = completions(text)!.items.find((i) => i.label === 'functionalLevel')!;
    assert.equal(item.detail, 'The cluster functional level at the start: 5 to 12, or an alias');
    assert.equal(item.listsValues, true);
    // In front of "nodes", the new property gets its comma; the cursor stays in the empty value.
    assert.equal(accept(text, 'functionalLevel'), plan(NODES, []).replace('{\n', '{\n  "functionalLevel": ,\n'));
  });

  it('offers an upgrade\'s "to" newest first from the node\'s release, and preselects the release of the next level', () => {
    assert.deepEqual(labels(withStep('{ "action": "upgrade", "node": "N1", "to": "|" }')), ['ws2025', 'ws2022', 'ws2019', 'ws2016']);
    const items = completions(withStep('{ "action": "upgrade", "node": "N1", "to": "|" }'))!.items;
    assert.deepEqual(items.filter((i) => i.preselect).map((i) => i.label), ['ws2019']);
    assert.equal(items[0]!.detail, 'highest 0x000C0000 (12.0), lowest 0x000C0000 (12.0)');
    assert.equal(items[0]!.documentation, 'Windows Server 2025; minor unknown');
    // After the level is raised to 10, the next release is 2022; N1 already runs 2019.
    const raised = [
      ...['N1', 'N2', 'N3'].flatMap((n) => [{ action: 'drain', node: n }, step.upgrade(n, 'ws2019'), step.start(n), { action: 'resume', node: n }]),
      { action: 'update-functional-level' },
    ];
    const after = completions(withStep('{ "action": "upgrade", "node": "N1", "to": "|" }', raised))!.items;
    assert.deepEqual(after.map((i) => i.label), ['ws2025', 'ws2022', 'ws2019']);
    assert.deepEqual(after.filter((i) => i.preselect).map((i) => i.label), ['ws2022']);
  });

  it('offers a plan of the KB 811272 releases only their aliases for "to": Windows Server 2008 is a migration', () => {
    assert.deepEqual(labels(withStep('{ "action": "upgrade", "node": "NODE1", "to": "|" }', [step.stop('NODE1')], CLASSIC)), ['ws2003-rtm', 'ws2003']);
    assert.deepEqual(completions(withStep('{ "action": "upgrade", "node": "NODE1", "to": "|" }', [step.stop('NODE1')], CLASSIC))!.items.filter((i) => i.preselect), []);
  });
});

// ── hovers ─────────────────────────────────────────────────────────────────────────────────────────────

/** The hover at the first occurrence of `needle` in `text`, `delta` characters into it: its range and markdown. */
function hoverOn(text: string, needle: string, delta = 1): { on: string; markdown: string } {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `"${needle}" is in the plan`);
  const hover = hoverAt(analyze(text), at + delta);
  assert.ok(hover, `a hover on ${needle}`);
  return { on: text.slice(hover.offset, hover.offset + hover.length), markdown: hover.markdown };
}

/** The first line of a step's hover, and the sentence on what happened, for the step at `needle`. */
function stepHover(text: string, needle: string): string {
  return hoverOn(text, needle, 0).markdown.split('\n\n- ')[0]!;
}

describe('hovers on the releases of Windows Server 2008 and later', () => {
  it('shows an alias\'s functional level and what its minor is', () => {
    // N1 is drained first, so that no finding's text follows the release's.
    const text = plan(NODES, [{ action: 'drain', node: 'N1' }, step.upgrade('N1', 'ws2019')]);
    const hover = hoverOn(text, '"ws2019"');
    assert.equal(hover.on, '"ws2019"');
    assert.equal(
      hover.markdown,
      [
        '**ws2019**: Windows Server 2019, from the built-in catalog',
        '',
        '- highest: 0x000A0003 (10.3), decimal 655363',
        '- lowest: 0x000A0003 (10.3), decimal 655363',
        '- functional level: FL 10 (Windows Server 2019)',
        '- minor: 3, the upgrade version',
        '- pre-release: no',
      ].join('\n'),
    );
  });

  it('marks as inferred the levels 5 to 7 and the minors before 2016, and 2025\'s minor as unknown', () => {
    const text = plan({ A: { version: 'ws2008' }, B: { version: 'ws2012r2' }, C: { version: 'ws2025' } }, []);
    assert.equal(
      hoverOn(text, '"ws2008"').markdown,
      [
        '**ws2008**: Windows Server 2008\\; level 5 and minor 6001 inferred, from the built-in catalog',
        '',
        '- highest: 0x00051771 (5.6001), decimal 333681',
        '- lowest: 0x00051771 (5.6001), decimal 333681',
        '- functional level: FL 5 (Windows Server 2008, inferred)',
        '- minor: 6001, the build (inferred)',
        '- pre-release: no',
      ].join('\n'),
    );
    assert.match(hoverOn(text, '"ws2012r2"').markdown, /\n- functional level: FL 8 \(Windows Server 2012 R2\)\n- minor: 9600, the build \(inferred\)\n/);
    assert.match(hoverOn(text, '"ws2025"').markdown, /\n- functional level: FL 12 \(Windows Server 2025\)\n- minor: 0, unknown: no Microsoft source gives the minor of Windows Server 2025\n/);
  });

  it('infers nothing about a plan\'s own alias, and shows the level of a version written as a number', () => {
    const text = plan({ N1: { version: 'ws2012-cu' }, N2: { highest: '0x00060001' } }, [], { top: { versions: { 'ws2012-cu': { highest: '7.9201' } } } });
    assert.match(hoverOn(text, '"ws2012-cu" }').markdown, /\n- functional level: FL 7 \(Windows Server 2012, inferred\)\n- minor: 9201, the build\n/);
    assert.equal(
      hoverOn(text, '"0x00060001"').markdown,
      [
        '**Version 0x00060001 (6.1)**, written as a hex DWORD',
        '',
        '- hex: 0x00060001',
        '- M.m: 6.1: major 6 (the Cluster service of Windows Server 2008 R2, inferred), minor 1 (the build)',
        '- functional level: FL 6 (Windows Server 2008 R2, inferred)',
        '- decimal: 393217',
        '- catalog: no release in the catalog or the plan\'s "versions" has this version',
        '- pre-release: no',
      ].join('\n'),
    );
  });
});

describe('hovers on "functionalLevel" and "paused"', () => {
  const LEVEL =
    'The cluster functional level when the plan starts, as Get-Cluster shows it in ClusterFunctionalLevel; without it, the lowest level of the declared nodes. ' +
    'A node joins only if it runs this level or, from FL 8 (Windows Server 2012 R2) on, the next one (mixed-OS mode). ' +
    'Update-ClusterFunctionalLevel raises it by one once every node runs the next release. Raising it is permanent: it cannot be undone, and nodes of the older release can no longer join.';

  it('names the level and its release, and says that raising it is permanent, on the key and on the value', () => {
    const text = plan(NODES, [], { top: { functionalLevel: 9 } });
    const onKey = hoverOn(text, '"functionalLevel"');
    assert.equal(onKey.on, '"functionalLevel"');
    assert.equal(onKey.markdown, `**functionalLevel**: FL 9 (Windows Server 2016)\n\n${LEVEL}`);
    const onValue = hoverOn(text, '9,', 0);
    assert.equal(onValue.on, '9');
    assert.equal(onValue.markdown, onKey.markdown);
    const alias = plan(NODES, [], { top: { functionalLevel: 'ws2016' } });
    assert.equal(hoverOn(alias, '"ws2016",').markdown, `**functionalLevel**: FL 9 (Windows Server 2016), the level of ws2016\n\n${LEVEL}`);
  });

  it('adds the finding on a level that is none', () => {
    const text = plan(NODES, [], { top: { functionalLevel: 13 } });
    const hover = hoverOn(text, '13,', 0);
    assert.equal(hover.on, '13');
    assert.match(hover.markdown, new RegExp(`^\\*\\*functionalLevel\\*\\*: not a functional level\\n\\n${LEVEL.replace(/[().]/g, '\\$&')}\\n\\n---\\n\\n\\*\\*\`invalid-version\`\\*\\* · error: `));
  });

  it('says what a paused node is', () => {
    const text = plan({ N1: WS2016, N2: { version: 'ws2016', paused: true } }, []);
    const hover = hoverOn(text, '"paused"');
    assert.equal(hover.on, '"paused"');
    assert.equal(
      hover.markdown,
      '**paused**: N2 is drained at the start of the plan\n\n' +
        'A paused node has been drained: its roles moved to the other nodes (Suspend-ClusterNode -Drain). ' +
        'It stays paused through stop, restart and upgrade, until a resume step (Resume-ClusterNode). Update-ClusterFunctionalLevel fails while a node is paused.',
    );
    assert.equal(hoverOn(text, 'true', 0).on, 'true');
    assert.equal(hoverOn(text.replace('"paused": true', '"paused": false'), 'false', 0).markdown.split('\n')[0], '**paused**: N2 is not drained at the start of the plan');
  });
});

describe('hovers on the steps of a functional-level plan', () => {
  const drain = (n: string) => ({ action: 'drain', node: n });
  const resume = (n: string) => ({ action: 'resume', node: n });
  const text = plan({ N1: WS2016, N2: WS2016 }, [
    drain('N1'),
    step.upgrade('N1', 'ws2019'),
    step.start('N1'),
    { action: 'update-functional-level', id: 'too-early' },
    resume('N1'),
    { action: 'evict', node: 'N2' },
    { action: 'drain', node: 'N2', id: 'evicted' },
    step.upgrade('N2', 'ws2019'),
    { action: 'add', node: 'N2' },
    { action: 'update-functional-level', id: 'raise' },
  ]);

  it('shows what a drain does, the cmdlet, and FL and the paused nodes before → after', () => {
    const hover = hoverOn(text, '{ "action": "drain", "node": "N1" }', 0);
    assert.equal(hover.on, '{ "action": "drain", "node": "N1" }');
    assert.equal(
      hover.markdown,
      [
        '**Step 1**: drain N1: move its roles to the other nodes and pause it (Suspend-ClusterNode -Drain)',
        '',
        'N1\'s roles move to the other nodes; it stays active, paused.',
        '',
        '- ClusterHighestVersion: 0x00090008 (9.8), unchanged',
        '- ClusterLowestVersion: 0x00090008 (9.8), unchanged',
        '- active nodes: N1, N2, unchanged',
        '- mixed: no, unchanged',
        '- functional level: FL 9 (Windows Server 2016), unchanged',
        '- paused nodes: none → N1',
      ].join('\n'),
    );
  });

  it('says what the upgrade, the start and the resume of a drained node do, by level', () => {
    assert.equal(
      stepHover(text, '{ "action": "upgrade", "node": "N1"'),
      '**Step 2**: upgrade N1 to ws2019\n\nN1 now runs level 10 (Windows Server 2019), highest 0x000A0003 (10.3); its service ends stopped, so it leaves the cluster first, and it stays paused.',
    );
    assert.equal(
      stepHover(text, '{ "action": "start", "node": "N1"'),
      '**Step 3**: start N1\n\nN1 joins: it runs level 10 (Windows Server 2019), one above FL 9 (Windows Server 2016), as mixed-OS mode allows.',
    );
    assert.equal(
      stepHover(text, '{ "action": "resume", "node": "N1"'),
      '**Step 5**: resume N1: end its pause, and its roles come back (Resume-ClusterNode -Failback Immediate)\n\nN1 is no longer paused: its roles come back.',
    );
  });

  it('says what an evict and an add do, and that a step on an evicted node does nothing', () => {
    const evict = hoverOn(text, '{ "action": "evict"', 0).markdown;
    assert.equal(evict.split('\n\n- ')[0], '**Step 6**: evict N2: remove it from the cluster (Remove-ClusterNode)\n\nN2 leaves the cluster, its service stopped: it is no longer a member. It keeps its release; only an add brings it back.');
    // N2 was not drained: the not-drained finding follows the state.
    assert.match(evict.split('\n\n---')[0]!, /\n- evicted nodes: none → N2$/);
    assert.equal(stepHover(text, '{ "action": "drain", "node": "N2"'), '**Step 7 \\(\\"evicted\\"\\)**: drain N2: move its roles to the other nodes and pause it (Suspend-ClusterNode -Drain)\n\nN2 is not a member of the cluster since it was evicted: nothing happens.');
    assert.equal(
      stepHover(text, '{ "action": "add"'),
      '**Step 9**: add N2 to the cluster (Add-ClusterNode)\n\nN2 becomes a member and joins: it runs level 10 (Windows Server 2019), one above FL 9 (Windows Server 2016), as mixed-OS mode allows.',
    );
  });

  it('says why Update-ClusterFunctionalLevel fails, or that the level rises for good', () => {
    assert.equal(
      stepHover(text, '{ "action": "update-functional-level", "id": "too-early" }'),
      '**Step 4 \\(\\"too\\-early\\"\\)**: raise the cluster functional level by one (Update-ClusterFunctionalLevel), for good\n\n' +
        'Update-ClusterFunctionalLevel fails while a member is stopped or paused: N1 (paused). The level stays FL 9 (Windows Server 2016).',
    );
    const raise = hoverOn(text, '{ "action": "update-functional-level", "id": "raise" }', 0).markdown;
    assert.match(raise, /\n\nThe functional level rises from FL 9 \(Windows Server 2016\) to FL 10 \(Windows Server 2019\), for good: nodes of Windows Server 2016 can no longer join\.\n/);
    assert.match(raise, /\n- functional level: FL 9 \(Windows Server 2016\) → FL 10 \(Windows Server 2019\)$/);
    const mixed = plan({ N1: { version: 'ws2019' }, N2: WS2016 }, [{ action: 'update-functional-level' }]);
    assert.match(stepHover(mixed, '{ "action": "update'), /\n\nUpdate-ClusterFunctionalLevel fails with error 5973: N2 does not run FL 10 \(Windows Server 2019\) yet\. The level stays FL 9 \(Windows Server 2016\)\.$/);
    const noop = plan(NODES, [{ action: 'update-functional-level' }]);
    assert.match(stepHover(noop, '{ "action": "update'), /\n\nNo member runs FL 10 \(Windows Server 2019\), so Update-ClusterFunctionalLevel changes nothing\. The level stays FL 9 \(Windows Server 2016\)\.$/);
    const stopped = plan({ N1: WS2016, N2: { version: 'ws2016', state: 'stopped', paused: true } }, [{ action: 'update-functional-level' }]);
    assert.match(stepHover(stopped, '{ "action": "update'), /: N2 \(stopped, paused\)\. The level stays/);
  });

  it('says when a node of the next release is refused by a level below 8, and when an add finds no cluster', () => {
    const ws2012 = plan({ N1: { version: 'ws2012' }, N2: { version: 'ws2012' } }, [step.upgrade('N1', 'ws2012r2'), step.start('N1')]);
    assert.equal(stepHover(ws2012, '{ "action": "start"'), '**Step 2**: start N1\n\nN1 is refused and stays stopped.');
    const alone = plan({ N1: WS2016, N2: { version: 'ws2016', state: 'stopped' } }, [{ action: 'evict', node: 'N2' }, step.stop('N1'), { action: 'add', node: 'N2' }]);
    assert.equal(stepHover(alone, '{ "action": "add"'), '**Step 3**: add N2 to the cluster (Add-ClusterNode)\n\nN2 cannot be added: no node is active, so there is no cluster to add it to.');
  });
});

describe('the outline of a functional-level plan', () => {
  it('names the new steps by their action and node, as the others, and shows a paused node', () => {
    const text = plan({ N1: WS2016, N2: { version: 'ws2016', paused: true } }, [
      { action: 'resume', node: 'N2' },
      { action: 'drain', node: 'N1' },
      step.upgrade('N1', 'ws2019'),
      step.start('N1'),
      { action: 'resume', node: 'N1' },
      { action: 'evict', node: 'N2' },
      step.upgrade('N2', 'ws2019'),
      { action: 'add', node: 'N2', id: 'back' },
      { action: 'update-functional-level' },
    ]);
    const [nodes, steps] = planSymbols(analyze(text));
    assert.deepEqual(nodes!.children.map((n) => `${n.name}: ${n.detail}`), ['N1: ws2016', 'N2: ws2016 · paused']);
    assert.deepEqual(steps!.children.map((s) => s.name), [
      '1 resume N2',
      '2 drain N1',
      '3 upgrade N1',
      '4 start N1',
      '5 resume N1',
      '6 evict N2',
      '7 upgrade N2',
      '8 add N2',
      '9 update-functional-level',
    ]);
    assert.equal(steps!.children[7]!.detail, '"back"');
  });
});

describe('the rolling-upgrade snippet', () => {
  const snippets = JSON.parse(readFileSync(path.join(REPO_ROOT, 'snippets', 'clusterplan.json'), 'utf8')) as Record<string, { prefix: string[]; body: string[] }>;
  const body = snippets['rolling-upgrade']!.body.join('\n');
  /** The plan with the snippet inserted once per entry of `nodes`, filled with that node and `release`, then `after`. */
  const withBlocks = (declared: Readonly<Record<string, Value>>, nodes: readonly string[], release?: string, after = '') => {
    const blocks = nodes.map((n) => expandSnippet(body, { 1: n, ...(release ? { 2: release } : {}) }).replace(/\n/g, '\n    '));
    return plan(declared, []).replace('"steps": []', `"steps": [\n    ${blocks.join('\n    ')}${after}\n  ]`);
  };

  it('writes drain, upgrade, start and resume for one node, with tab stops for the node and the release', () => {
    assert.deepEqual(snippets['rolling-upgrade']!.prefix, ['rolling-upgrade']);
    assert.equal(
      expandSnippet(body, { 1: 'N1', 2: 'ws2019' }),
      [
        '// N1: drain its roles, upgrade it in place, start it, bring its roles back.',
        '{ "action": "drain", "node": "N1" },',
        '{ "action": "upgrade", "node": "N1", "to": "ws2019" },',
        '{ "action": "start", "node": "N1" },',
        '{ "action": "resume", "node": "N1" },',
      ].join('\n'),
    );
  });

  it('filled in, is a step list with no error or warning in a functional-level plan', () => {
    // One node upgraded leaves the cluster mixed, which is information, not a problem of the steps.
    const problems = (text: string) => analyze(text).findings.filter((f) => f.severity === 'error' || f.severity === 'warning').map(at);
    const one = withBlocks(NODES, ['N1'], 'ws2019');
    assert.deepEqual(problems(one), []);
    assert.deepEqual(planSymbols(analyze(one))[1]!.children.map((s) => s.name), ['1 drain N1', '2 upgrade N1', '3 start N1', '4 resume N1']);
    assert.deepEqual(analyze(one).timeline!.final.nodes.map((n) => `${n.name} ${n.running} ${n.paused}`), ['N1 true false', 'N2 true false', 'N3 true false']);
    // As it comes, its first release is the newest, the next one after Windows Server 2022.
    const ws2022 = { NODE1: { version: 'ws2022' }, NODE2: { version: 'ws2022' } };
    assert.deepEqual(problems(withBlocks(ws2022, ['NODE1'])), []);
  });

  it('once per node, then the level raised, upgrades the whole cluster with no finding', () => {
    const text = withBlocks(NODES, ['N1', 'N2', 'N3'], 'ws2019', '\n    { "action": "update-functional-level" }');
    const analysis = analyze(text);
    assert.deepEqual(analysis.findings.map(at), []);
    assert.equal(analysis.timeline!.final.functionalLevel, 10);
    assert.deepEqual(analysis.timeline!.final.nodes.map((n) => `${n.name} ${n.running} ${n.paused}`), ['N1 true false', 'N2 true false', 'N3 true false']);
  });
});

describe('NoVersionCheck in the step hover of a functional-level plan', () => {
  it('says the value is written but bypasses nothing, instead of when it takes effect', () => {
    const text = plan({ N1: WS2016, N2: WS2016 }, [{ action: 'set-registry', node: 'N2', name: 'NoVersionCheck', type: 'REG_DWORD', data: 1 }]);
    const hover = hoverOn(text, '{ "action": "set-registry"', 0).markdown;
    assert.equal(hover.split('\n\n')[1], 'The value is written to N2\'s registry, but from Windows Server 2008 on NoVersionCheck bypasses nothing: no join changes.');
  });
});
