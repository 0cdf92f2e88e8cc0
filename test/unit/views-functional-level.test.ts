import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatTimeline } from '../../src/cli/simulateTable';
import { analyze } from '../../src/core';
import { plan, readKbExample, type Value } from './helpers/plans';

/**
 * The timeline views of a functional-level plan (Windows Server 2008 and later): the table of `simulate`
 * shows the level, and which nodes are paused or evicted. Plans of the KB 811272 releases show what they
 * showed before.
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
