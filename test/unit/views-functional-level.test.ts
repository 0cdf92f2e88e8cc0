import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatTimeline } from '../../src/cli/simulateTable';
import { analyze, inlayHints, planSummary, timelineItems, timelineNodes } from '../../src/core';
import { plan, readKbExample, type Value } from './helpers/plans';

/**
 * The timeline views of a functional-level plan (Windows Server 2008 and later): the table of `simulate`,
 * the Cluster Versions rows, the inlay hints and the summary show the level, and which nodes are paused or
 * evicted. Plans of the KB 811272 releases show what they showed before.
 */

const node = (action: string, name: string): Value => ({ action, node: name });

/** Windows Server 2016 to 2019: NODE1 and NODE3 in place, NODE2 by a clean install (evict, add); then the level. */
const IN_PLACE = plan(
  { NODE1: { version: 'ws2016' }, NODE2: { version: 'ws2016' }, NODE3: { version: 'ws2016' } },
  [
    node('drain', 'NODE1'), { action: 'upgrade', node: 'NODE1', to: 'ws2019' }, node('start', 'NODE1'), node('resume', 'NODE1'),
    node('drain', 'NODE2'), node('evict', 'NODE2'), { action: 'upgrade', node: 'NODE2', to: 'ws2019' }, node('add', 'NODE2'),
    node('drain', 'NODE3'), { action: 'upgrade', node: 'NODE3', to: 'ws2019' }, node('start', 'NODE3'), node('resume', 'NODE3'),
    { action: 'update-functional-level' },
  ],
);
const inPlace = analyze(IN_PLACE);

/** A Windows Server 2022 node in a cluster at FL 9: refused at the start (NODE3) and when started (NODE4). */
const REFUSED = plan(
  { NODE1: { version: 'ws2016' }, NODE2: { version: 'ws2016' }, NODE3: { version: 'ws2022' }, NODE4: { version: 'ws2022', state: 'stopped' } },
  [node('start', 'NODE4')],
);

describe('simulate: the table of a functional-level plan', () => {
  it('shows who is paused and who is evicted beside the active nodes, and the level beside the versions', () => {
    assert.deepEqual(inPlace.findings, []);
    assert.equal(
      formatTimeline(inPlace),
      [
        'step  action                   node   active nodes       paused  evicted  ClusterHighestVersion  ClusterLowestVersion  ClusterFunctionalLevel       mixed  findings',
        '0     (initial)                       NODE1,NODE2,NODE3                   0x00090008 (9.8)       0x00090008 (9.8)      FL 9 (Windows Server 2016)',
        '1     drain                    NODE1  NODE1,NODE2,NODE3  NODE1            0x00090008 (9.8)       0x00090008 (9.8)      FL 9 (Windows Server 2016)',
        '2     upgrade                  NODE1  NODE2,NODE3        NODE1            0x00090008 (9.8)       0x00090008 (9.8)      FL 9 (Windows Server 2016)',
        '3     start                    NODE1  NODE1,NODE2,NODE3  NODE1            0x00090008 (9.8)       0x000A0003 (10.3)     FL 9 (Windows Server 2016)   mixed',
        '4     resume                   NODE1  NODE1,NODE2,NODE3                   0x00090008 (9.8)       0x000A0003 (10.3)     FL 9 (Windows Server 2016)   mixed',
        '5     drain                    NODE2  NODE1,NODE2,NODE3  NODE2            0x00090008 (9.8)       0x000A0003 (10.3)     FL 9 (Windows Server 2016)   mixed',
        '6     evict                    NODE2  NODE1,NODE3                NODE2    0x00090008 (9.8)       0x000A0003 (10.3)     FL 9 (Windows Server 2016)   mixed',
        '7     upgrade                  NODE2  NODE1,NODE3                NODE2    0x00090008 (9.8)       0x000A0003 (10.3)     FL 9 (Windows Server 2016)   mixed',
        '8     add                      NODE2  NODE1,NODE2,NODE3                   0x00090008 (9.8)       0x000A0003 (10.3)     FL 9 (Windows Server 2016)   mixed',
        '9     drain                    NODE3  NODE1,NODE2,NODE3  NODE3            0x00090008 (9.8)       0x000A0003 (10.3)     FL 9 (Windows Server 2016)   mixed',
        '10    upgrade                  NODE3  NODE1,NODE2        NODE3            0x000A0003 (10.3)      0x000A0003 (10.3)     FL 9 (Windows Server 2016)',
        '11    start                    NODE3  NODE1,NODE2,NODE3  NODE3            0x000A0003 (10.3)      0x000A0003 (10.3)     FL 9 (Windows Server 2016)',
        '12    resume                   NODE3  NODE1,NODE2,NODE3                   0x000A0003 (10.3)      0x000A0003 (10.3)     FL 9 (Windows Server 2016)',
        '13    update-functional-level         NODE1,NODE2,NODE3                   0x000A0003 (10.3)      0x000A0003 (10.3)     FL 10 (Windows Server 2019)',
        'end                                   NODE1,NODE2,NODE3                   0x000A0003 (10.3)      0x000A0003 (10.3)     FL 10 (Windows Server 2019)',
        '',
      ].join('\n'),
    );
  });

  it('marks the levels 5 to 7 as inferred', () => {
    const table = formatTimeline(analyze(plan({ NODE1: { version: 'ws2008' } }, [])));
    assert.equal(table.split('\n')[1], '0     (initial)        NODE1                          0x00051771 (5.6001)    0x00051771 (5.6001)   FL 5 (Windows Server 2008, inferred)');
  });

  it('keeps the columns of a plan of the KB 811272 releases', () => {
    const [header, initial] = formatTimeline(analyze(readKbExample())).split('\n');
    assert.equal(header, 'step  action            node   active nodes   ClusterHighestVersion  ClusterLowestVersion  mixed  findings');
    assert.equal(initial, '0     (initial)                NODE1,NODE2    0x00040E86 (4.3718)    0x00030893 (3.2195)');
  });
});

describe('Cluster Versions: the rows of a functional-level plan', () => {
  const { items } = timelineItems(inPlace);

  it('add only FL 9 to a step row, before the versions; the tooltip gives the release', () => {
    assert.deepEqual(
      items.slice(0, 4).map((i) => [i.label, i.description]),
      [
        ['Initial state', 'FL 9 · 9.8 / 9.8 · 3 active'],
        ['1 · drain NODE1', 'FL 9 · 9.8 / 9.8 · 3 active'],
        ['2 · upgrade NODE1', 'FL 9 · 9.8 / 9.8 · 2 active'],
        ['3 · start NODE1', 'mixed · FL 9 · 9.8 / 10.3 · 3 active'],
      ],
    );
    assert.equal(
      items[3]!.tooltip,
      'After step 3:\nClusterHighestVersion 0x00090008 (9.8)\nClusterLowestVersion 0x000A0003 (10.3)\nClusterFunctionalLevel FL 9 (Windows Server 2016)\nactive nodes: NODE1, NODE2, NODE3\nmixed: the active nodes run different releases (mixed-OS mode)',
    );
    assert.equal(items[13]!.label, '13 · update-functional-level');
    assert.equal(items[13]!.description, 'FL 10 · 10.3 / 10.3 · 3 active');
    assert.equal(
      items[13]!.tooltip,
      'The functional level is raised from FL 9 (Windows Server 2016) to FL 10 (Windows Server 2019): this cannot be undone.\nAfter step 13:\nClusterHighestVersion 0x000A0003 (10.3)\nClusterLowestVersion 0x000A0003 (10.3)\nClusterFunctionalLevel FL 10 (Windows Server 2019)\nactive nodes: NODE1, NODE2, NODE3\nnot mixed',
    );
  });

  it('show a paused node and an evicted one, with the node\'s level in the tooltip', () => {
    const drained = timelineNodes(inPlace, 0);
    assert.deepEqual(drained.map((n) => [n.name, n.description, n.changed]), [
      ['NODE1', 'running · paused · 9.8 / 9.8', ['paused']],
      ['NODE2', 'running · 9.8 / 9.8', []],
      ['NODE3', 'running · 9.8 / 9.8', []],
    ]);
    assert.equal(drained[0]!.tooltip, 'NODE1: Cluster service running, paused (drained)\nhighest 0x00090008 (9.8), lowest 0x00090008 (9.8)\nlevel 9 (Windows Server 2016)\nno NoVersionCheck\nversion check on\nchanged: paused');
    const evicted = timelineNodes(inPlace, 5)[1]!;
    assert.deepEqual([evicted.description, evicted.changed], ['evicted · 9.8 / 9.8', ['service', 'paused', 'membership']]);
    assert.equal(evicted.tooltip, 'NODE2: evicted, not a member of the cluster\nhighest 0x00090008 (9.8), lowest 0x00090008 (9.8)\nlevel 9 (Windows Server 2016)\nno NoVersionCheck\nchanged: service, paused, membership');
    assert.deepEqual([timelineNodes(inPlace, 6)[1]!.description, timelineNodes(inPlace, 6)[1]!.changed], ['evicted · 10.3 / 10.3', ['versions']]);
    const added = timelineNodes(inPlace, 7)[1]!;
    assert.deepEqual([added.description, added.changed], ['running · 10.3 / 10.3', ['service', 'membership']]);
  });

  it('say why a node of another level is refused, naming 5075 and no event, at the start and at a step', () => {
    const [initial, start] = timelineItems(analyze(REFUSED)).items;
    assert.equal(initial!.description, 'refused 5075 · FL 9 · 9.8 / 9.8 · 2 active');
    assert.match(initial!.tooltip, /^NODE3 does not start: error 5075, it runs level 11 \(Windows Server 2022\) and the cluster is at FL 9 \(Windows Server 2016\)\.\nInitial state:\n/);
    assert.equal(start!.description, 'refused 5075 · FL 9 · 9.8 / 9.8 · 2 active');
    assert.match(start!.tooltip, /^The join is refused: error 5075, NODE4 runs level 11 \(Windows Server 2022\) and the cluster is at FL 9 \(Windows Server 2016\)\.\nAfter step 1:\n/);
  });

  it('put the level after "no node active", and mark the levels 5 to 7 as inferred in the tooltip', () => {
    const [, stopped] = timelineItems(analyze(plan({ NODE1: { version: 'ws2008' } }, [node('stop', 'NODE1')]))).items;
    assert.equal(stopped!.description, 'no node active · FL 5');
    assert.match(stopped!.tooltip, /\nClusterFunctionalLevel FL 5 \(Windows Server 2008, inferred\)\n/);
  });
});

describe('inlay hints of a functional-level plan', () => {
  it('lead with FL 9, and give the release in the tooltip', () => {
    const hints = inlayHints(inPlace, 0, IN_PLACE.length);
    assert.deepEqual(hints.map((h) => h.label), [
      '→ FL 9 · 9.8 / 9.8 · 3 active',
      '→ FL 9 · 9.8 / 9.8 · 2 active',
      '→ FL 9 · 9.8 / 10.3 · 3 active · mixed',
      '→ FL 9 · 9.8 / 10.3 · 3 active · mixed',
      '→ FL 9 · 9.8 / 10.3 · 3 active · mixed',
      '→ FL 9 · 9.8 / 10.3 · 2 active · mixed',
      '→ FL 9 · 9.8 / 10.3 · 2 active · mixed',
      '→ FL 9 · 9.8 / 10.3 · 3 active · mixed',
      '→ FL 9 · 9.8 / 10.3 · 3 active · mixed',
      '→ FL 9 · 10.3 / 10.3 · 2 active',
      '→ FL 9 · 10.3 / 10.3 · 3 active',
      '→ FL 9 · 10.3 / 10.3 · 3 active',
      '→ FL 10 · 10.3 / 10.3 · 3 active',
    ]);
    assert.equal(hints[12]!.tooltip, 'After step 13:\nClusterHighestVersion 0x000A0003 (10.3)\nClusterLowestVersion 0x000A0003 (10.3)\nClusterFunctionalLevel FL 10 (Windows Server 2019)\nactive nodes: NODE1, NODE2, NODE3\nnot mixed');
    const stopped = plan({ NODE1: { version: 'ws2016' } }, [node('stop', 'NODE1')]);
    assert.equal(inlayHints(analyze(stopped), 0, stopped.length)[0]!.label, '→ FL 9 · no node active');
  });

  // VS Code cuts the hints of a line after 43 characters (editor.inlayHints.maximumLength): the widest
  // states are mixed ones of the most nodes, with the longest versions of each pair of releases.
  it('stay within 43 characters a line for every pair of adjacent releases, at 64 nodes', () => {
    const aliases = ['ws2008', 'ws2008r2', 'ws2012', 'ws2012r2', 'ws2016', 'ws2019', 'ws2022', 'ws2025'];
    for (const [k, alias] of aliases.slice(0, -1).entries()) {
      const nodes: Record<string, Value> = {};
      for (let n = 1; n <= 64; n++) nodes[`NODE${n}`] = { version: n === 64 ? aliases[k + 1]! : alias };
      const text = plan(nodes, [node('drain', 'NODE1'), node('stop', 'NODE1'), node('start', 'NODE1'), node('resume', 'NODE1')], { top: { functionalLevel: alias } });
      const analysis = analyze(text);
      const byLine = new Map<number, string>();
      for (const hint of inlayHints(analysis, 0, text.length)) {
        const line = analysis.document.positionAt(hint.offset).line;
        byLine.set(line, (byLine.get(line) ?? '') + hint.label);
      }
      assert.equal(byLine.size, 4, alias);
      for (const [line, labels] of byLine) {
        assert.match(labels, /^→ FL (?:[5-9]|1[01]) · /, `${alias}, line ${line + 1}`);
        assert.ok(labels.length <= 43, `${alias}, line ${line + 1}: "${labels}" is shown whole`);
      }
    }
  });
});

describe('the summary of a functional-level plan', () => {
  it('gives the level the cluster ends at, with its release', () => {
    assert.equal(planSummary(inPlace)!.text, '13 steps · ends at 10.3, FL 10 (Windows Server 2019) · 0 problems');
    const stopped = plan({ NODE1: { version: 'ws2008' } }, [node('stop', 'NODE1')]);
    assert.equal(planSummary(analyze(stopped))!.text, '1 step · ends with no node active, FL 5 (Windows Server 2008, inferred) · 1 warning');
  });
});
