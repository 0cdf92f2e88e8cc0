import * as assert from 'node:assert/strict';
import { describe, it, test } from 'node:test';
import { analyze, RULES, type Severity } from '../../src/core';
import { MEMBERSHIP_CASES } from './helpers/membershipCases';
import { codesAt, everyOptionalProperty, plan, raw, readKbExample, sortedCodesAt, step, type Value } from './helpers/plans';

/**
 * One block per rule code (docs/rules/README.md):
 * plans that trigger it, with every finding they produce as `code@pointer`, and near misses that must not.
 */

interface Case {
  readonly name: string;
  readonly text: string;
  /** Every finding of the plan, sorted, as `code@pointer`. */
  readonly expect: readonly string[];
}

interface RuleCases {
  readonly severity: Severity;
  readonly triggers: readonly Case[];
  readonly nearMisses: readonly Case[];
}

const RTM = { version: 'ws2003-rtm' };
const RC2 = { version: 'ws2003-rc2' };
const stopped = (node: Readonly<Record<string, Value>>) => ({ ...node, state: 'stopped' });

/** ClusSvc\Parameters in reg.exe's remote form, on `computer`. */
const remoteParameters = (computer: string) => `\\\\${computer}\\HKLM\\SYSTEM\\CurrentControlSet\\Services\\ClusSvc\\Parameters`;

/** Two running RTM nodes and the given steps. */
const twoRtm = (steps: readonly Value[]) => plan({ NODE1: RTM, NODE2: RTM }, steps);

/** Windows Server 2016 and 2019 nodes, and the steps of Cluster OS Rolling Upgrade (docs/simulation.md). */
const WS2016 = { version: 'ws2016' };
const WS2019 = { version: 'ws2019' };
const drain = (node: string) => ({ action: 'drain', node });
const resume = (node: string) => ({ action: 'resume', node });
const evict = (node: string) => ({ action: 'evict', node });
const raiseLevel = { action: 'update-functional-level' };
/** One node's in-place upgrade from 2016 to 2019: drain, upgrade, start, resume. */
const inPlace = (node: string) => [drain(node), step.upgrade(node, 'ws2019'), step.start(node), resume(node)];
/** Every node runs 2019 while the cluster is still at FL 9. */
const atFl9 = { top: { functionalLevel: 9 } };

const deeplyNested = '['.repeat(10000) + ']'.repeat(10000);

const CASES: Readonly<Record<string, RuleCases>> = {
  ...MEMBERSHIP_CASES,
  syntax: {
    severity: 'error',
    triggers: [
      {
        name: 'a missing comma between two steps',
        text: '{ "nodes": { "NODE1": { "version": "ws2003-rtm" } }, "steps": [ { "action": "note", "text": "a" } { "action": "note", "text": "b" } ] }',
        expect: ['syntax@/steps/1'],
      },
    ],
    nearMisses: [
      {
        name: 'comments and trailing commas are JSONC',
        text: '// plan\n{ /* c */ "nodes": { "NODE1": { "version": "ws2003-rtm", }, }, "steps": [ { "action": "note", "text": "a" }, { "action": "note", "text": "b" }, ], }\n',
        expect: [],
      },
    ],
  },

  schema: {
    severity: 'error',
    triggers: [
      { name: 'an unknown action', text: twoRtm([{ action: 'reboot', node: 'NODE1' }]), expect: ['schema@/steps/0/action'] },
      { name: 'an unknown step property', text: twoRtm([{ action: 'stop', node: 'NODE1', force: true }]), expect: ['schema@/steps/0/force'] },
      { name: 'an unknown node property', text: plan({ NODE1: { ...RTM, colour: 'red' } }, []), expect: ['schema@/nodes/NODE1/colour'] },
      { name: 'an unknown top-level property', text: plan({ NODE1: RTM }, [], { top: { clustr: 'X' } }), expect: ['schema@/clustr'] },
      { name: 'a missing "node"', text: twoRtm([{ action: 'stop' }]), expect: ['schema@/steps/0'] },
      { name: 'a missing "to"', text: plan({ NODE1: RTM, NODE2: stopped(RTM) }, [{ action: 'upgrade', node: 'NODE2' }]), expect: ['schema@/steps/0'] },
      { name: 'a mistyped "node"', text: twoRtm([{ action: 'stop', node: 5 }]), expect: ['schema@/steps/0/node'] },
      { name: 'a mistyped "state"', text: plan({ NODE1: { ...RTM, state: 'off' } }, []), expect: ['schema@/nodes/NODE1/state'] },
      { name: 'both "version" and "highest"', text: plan({ NODE1: { ...RTM, highest: '4.3790' } }, []), expect: ['schema@/nodes/NODE1'] },
      { name: 'a node name with a space', text: plan({ 'NODE 1': RTM }, []), expect: ['schema@/nodes/NODE 1'] },
      { name: 'a node name of 16 characters', text: plan({ ABCDEFGHIJKLMNOP: RTM }, []), expect: ['schema@/nodes/ABCDEFGHIJKLMNOP'] },
      { name: 'a node name with "*"', text: plan({ 'NODE*': RTM }, []), expect: ['schema@/nodes/NODE*'] },
      { name: 'a node named "."', text: plan({ '.': RTM }, []), expect: ['schema@/nodes/.'] },
      { name: 'a cluster name starting with a period', text: plan({ NODE1: RTM }, [], { top: { cluster: '.PRODCLUS' } }), expect: ['schema@/cluster'] },
      { name: 'a plan that is an array', text: '[]', expect: ['schema@'] },
    ],
    nearMisses: [
      {
        name: 'every optional property, a 15-character name',
        text: everyOptionalProperty('x'),
        expect: [],
      },
    ],
  },

  'duplicate-node': {
    severity: 'error',
    triggers: [{ name: 'NODE1 and node1', text: plan({ NODE1: RTM, node1: RTM }, []), expect: ['duplicate-node@/nodes/node1'] }],
    nearMisses: [{ name: 'NODE1 and NODE10', text: plan({ NODE1: RTM, NODE10: RTM }, []), expect: [] }],
  },

  'unknown-node': {
    severity: 'error',
    triggers: [
      { name: 'an unknown node', text: twoRtm([step.stop('NODE3')]), expect: ['unknown-node@/steps/0/node'] },
      {
        name: 'an unknown sponsor',
        text: plan({ NODE1: RTM, NODE2: stopped(RTM) }, [step.start('NODE2', 'NODE3')]),
        expect: ['unknown-node@/steps/0/sponsor'],
      },
    ],
    nearMisses: [
      { name: 'names match without regard to case', text: plan({ NODE1: RTM, NODE2: stopped(RTM) }, [step.start('node2', 'Node1')]), expect: [] },
    ],
  },

  'invalid-version': {
    severity: 'error',
    triggers: [
      { name: 'a minor above 65535', text: plan({ NODE1: { highest: '4.70000' } }, []), expect: ['invalid-version@/nodes/NODE1/highest'] },
      { name: 'a fractional number', text: plan({ NODE1: { highest: raw('4.3790'), lowest: '3.2195' } }, []), expect: ['invalid-version@/nodes/NODE1/highest'] },
      { name: 'a negative lowest', text: plan({ NODE1: { highest: '4.3790', lowest: -1 } }, []), expect: ['invalid-version@/nodes/NODE1/lowest'] },
      {
        name: 'nine hex digits in an upgrade target',
        text: plan({ NODE1: RTM, NODE2: stopped(RTM) }, [step.upgrade('NODE2', { highest: '0x123456789', lowest: '3.2195' })]),
        expect: ['invalid-version@/steps/0/to/highest'],
      },
    ],
    nearMisses: [
      { name: 'hex, number and M.m', text: plan({ NODE1: { highest: '0x00040ECE', lowest: 198803 }, NODE2: { highest: '4.3790', lowest: '3.2195' } }, []), expect: [] },
    ],
  },

  'unknown-version-alias': {
    severity: 'error',
    triggers: [
      { name: 'a misspelt node alias', text: plan({ NODE1: { version: 'ws2003-rmt' } }, []), expect: ['unknown-version-alias@/nodes/NODE1/version'] },
      {
        name: 'a misspelt upgrade target',
        text: plan({ NODE1: RTM, NODE2: stopped({ version: 'win2000' }) }, [step.upgrade('NODE2', 'ws2003-rtn')]),
        expect: ['unknown-version-alias@/steps/0/to'],
      },
    ],
    nearMisses: [
      { name: 'ws2003 is an alias of ws2003-rtm', text: plan({ NODE1: { version: 'ws2003' }, NODE2: RTM }, []), expect: [] },
      {
        name: 'a plan alias',
        text: plan({ NODE1: { version: 'ws2003-sp1' } }, [], { top: { versions: { 'ws2003-sp1': { highest: '4.3790', lowest: '3.2195' } } } }),
        expect: [],
      },
    ],
  },

  'lowest-above-highest': {
    severity: 'error',
    triggers: [
      { name: 'a swapped node', text: plan({ NODE1: { highest: '3.2195', lowest: '4.3790' } }, []), expect: ['lowest-above-highest@/nodes/NODE1'] },
      {
        name: 'a swapped upgrade target',
        text: plan({ NODE1: RTM, NODE2: stopped(RTM) }, [step.upgrade('NODE2', { highest: '4.3790', lowest: '4.3791' })]),
        expect: ['lowest-above-highest@/steps/0/to'],
      },
    ],
    nearMisses: [{ name: 'lowest equals highest', text: plan({ NODE1: { highest: '4.3790', lowest: '4.3790' } }, []), expect: [] }],
  },

  'version-span': {
    severity: 'warning',
    triggers: [{ name: 'majors 4 and 1', text: plan({ NODE1: { highest: '4.3790', lowest: '1.224' } }, []), expect: ['version-span@/nodes/NODE1'] }],
    nearMisses: [{ name: 'majors 4 and 3', text: plan({ NODE1: { highest: '4.3790', lowest: '3.2195' } }, []), expect: [] }],
  },

  'major-skew': {
    severity: 'error',
    triggers: [
      {
        name: 'NT 4.0 SP3 and Windows Server 2003 at the start',
        text: plan({ NODE1: { version: 'nt4-sp3' }, NODE2: stopped(RTM) }, []),
        expect: ['major-skew@/nodes'],
      },
      {
        name: 'an upgrade from NT 4.0 SP4 straight to Windows Server 2003',
        text: plan({ NODE1: { version: 'nt4-sp4' }, NODE2: { version: 'nt4-sp4' } }, [step.upgrade('NODE2', 'ws2003-rtm')]),
        expect: ['major-skew@/steps/0'],
      },
      {
        name: 'an upgrade that makes a new skew with another node, besides one it already had',
        text: plan({ NODE1: { version: 'nt4-sp4' }, NODE2: { version: 'win2000' }, NODE3: stopped(RTM) }, [step.upgrade('NODE2', 'ws2003-rtm')]),
        expect: ['major-skew@/nodes', 'major-skew@/steps/0'],
      },
    ],
    nearMisses: [
      {
        name: 'an upgrade from NT 4.0 SP4 to Windows 2000',
        text: plan({ NODE1: { version: 'nt4-sp4' }, NODE2: { version: 'nt4-sp4' } }, [step.upgrade('NODE2', 'win2000')]),
        expect: [],
      },
      { name: 'majors 3 and 4 at the start', text: plan({ NODE1: { version: 'win2000' }, NODE2: stopped(RTM) }, []), expect: [] },
    ],
  },

  'join-incompatible': {
    severity: 'error',
    triggers: [
      {
        name: 'a later build with the same lowest',
        text: plan({ NODE1: { highest: '4.3790', lowest: '3.2195' }, NODE2: { highest: '4.3800', lowest: '3.2195', state: 'stopped' } }, [step.start('NODE2')]),
        expect: ['join-incompatible@/steps/0'],
      },
      {
        name: 'RC2 to RTM without NoVersionCheck (KB 811272)',
        text: plan({ NODE1: RC2, NODE2: stopped(RC2) }, [step.upgrade('NODE2', 'ws2003-rtm'), step.join('NODE2', 'NODE1'), step.grant(), step.revoke()]),
        expect: ['join-incompatible@/steps/1'],
      },
      {
        name: 'a restart refused',
        text: plan({ NODE1: { ...RC2, noVersionCheck: true }, NODE2: RTM }, [step.restart('NODE2'), step.deleteNvc('NODE1'), step.restart('NODE1')]),
        expect: ['join-incompatible@/steps/0'],
      },
      {
        name: 'a misspelt value name ("NoVersionChecks") bypasses nothing',
        text: plan({ NODE1: { ...RC2, noVersionCheck: true }, NODE2: stopped(RC2) }, [
          step.upgrade('NODE2', 'ws2003-rtm'),
          step.setNvc('NODE2', { name: 'NoVersionChecks' }),
          step.join('NODE2', 'NODE1'),
          step.grant(),
          step.revoke(),
        ]),
        expect: ['schema@/steps/1/name', 'join-incompatible@/steps/2', 'noversioncheck-leftover@/nodes/NODE1'],
      },
    ],
    nearMisses: [
      {
        name: 'the same build',
        text: plan({ NODE1: { highest: '4.3790', lowest: '3.2195' }, NODE2: { highest: '4.3790', lowest: '3.2195', state: 'stopped' } }, [step.start('NODE2')]),
        expect: [],
      },
      {
        name: 'Windows 2000 to Windows Server 2003 (lowest = ClusterHighestVersion)',
        text: plan({ NODE1: { version: 'win2000' }, NODE2: stopped({ version: 'win2000' }) }, [step.upgrade('NODE2', 'ws2003-rtm'), step.start('NODE2')]),
        expect: ['mixed-at-end@/nodes'],
      },
      {
        name: 'a cluster of RTM nodes rejoined by Windows 2000 (highest = ClusterLowestVersion)',
        text: plan({ NODE1: RTM, NODE2: stopped({ version: 'win2000' }) }, [step.start('NODE2')]),
        expect: ['mixed-at-end@/nodes'],
      },
    ],
  },

  'join-no-cluster': {
    severity: 'error',
    triggers: [{ name: 'a join with no active node', text: plan({ NODE1: stopped(RTM) }, [step.join('NODE1')]), expect: ['join-no-cluster@/steps/0'] }],
    nearMisses: [{ name: 'a start forms the cluster', text: plan({ NODE1: stopped(RTM) }, [step.start('NODE1')]), expect: [] }],
  },

  'already-running': {
    severity: 'warning',
    triggers: [
      { name: 'start on a running node', text: twoRtm([step.start('NODE1')]), expect: ['already-running@/steps/0'] },
      { name: 'join on a running node', text: twoRtm([step.join('NODE2', 'NODE1')]), expect: ['already-running@/steps/0'] },
    ],
    nearMisses: [{ name: 'stop, then start', text: twoRtm([step.stop('NODE1'), step.start('NODE1')]), expect: [] }],
  },

  'not-running': {
    severity: 'warning',
    triggers: [
      { name: 'stop on a stopped node', text: plan({ NODE1: RTM, NODE2: stopped(RTM) }, [step.stop('NODE2')]), expect: ['not-running@/steps/0'] },
      { name: 'restart on a stopped node', text: plan({ NODE1: RTM, NODE2: stopped(RTM) }, [step.restart('NODE2')]), expect: ['not-running@/steps/0'] },
    ],
    nearMisses: [{ name: 'restart on a running node', text: twoRtm([step.restart('NODE1'), step.stop('NODE2')]), expect: [] }],
  },

  'registry-while-running': {
    severity: 'warning',
    triggers: [
      { name: 'set while running', text: twoRtm([step.setNvc('NODE1'), step.deleteNvc('NODE1')]), expect: ['registry-while-running@/steps/0'] },
    ],
    nearMisses: [
      { name: 'stop, set, start (KB 811272)', text: twoRtm([step.stop('NODE1'), step.setNvc('NODE1'), step.start('NODE1'), step.deleteNvc('NODE1'), step.restart('NODE1')]), expect: [] },
      {
        name: 'a delete while running is the KB\'s own clean-up',
        text: plan({ NODE1: { ...RTM, noVersionCheck: true }, NODE2: RTM }, [step.deleteNvc('NODE1'), step.restart('NODE1')]),
        expect: [],
      },
    ],
  },

  'registry-other-computer': {
    severity: 'warning',
    triggers: [
      {
        name: 'the key names the sponsor: its registry gets the value, not the joiner\'s',
        text: plan({ NODE1: { ...RC2, noVersionCheck: true }, NODE2: stopped(RC2) }, [
          step.upgrade('NODE2', 'ws2003-rtm'),
          step.setNvc('NODE2', { key: remoteParameters('NODE1') }),
          step.join('NODE2', 'NODE1'),
          step.grant(),
          step.revoke(),
        ]),
        expect: ['registry-other-computer@/steps/1/key', 'registry-while-running@/steps/1', 'join-incompatible@/steps/2', 'noversioncheck-leftover@/steps/1'],
      },
      {
        name: 'the key names the local computer, which is no node: the join gets no NoVersionCheck',
        text: plan({ NODE1: { ...RC2, noVersionCheck: true }, NODE2: stopped(RC2) }, [
          step.upgrade('NODE2', 'ws2003-rtm'),
          step.setNvc('NODE2', { key: remoteParameters('.') }),
          step.join('NODE2', 'NODE1'),
          step.grant(),
          step.revoke(),
        ]),
        expect: ['registry-other-computer@/steps/1/key', 'join-incompatible@/steps/2', 'noversioncheck-leftover@/nodes/NODE1'],
      },
    ],
    nearMisses: [
      {
        name: 'the key names the step\'s own node, in another case',
        text: plan({ NODE1: { ...RC2, noVersionCheck: true }, NODE2: stopped(RC2) }, [
          step.upgrade('NODE2', 'ws2003-rtm'),
          step.setNvc('NODE2', { key: remoteParameters('node2') }),
          step.join('NODE2', 'NODE1'),
          step.grant(),
          step.revoke(),
        ]),
        expect: ['mixed-at-end@/nodes', 'noversioncheck-leftover@/nodes/NODE1', 'noversioncheck-leftover@/steps/1'],
      },
    ],
  },

  'noversioncheck-value': {
    severity: 'warning',
    triggers: [
      {
        name: 'type REG_SZ',
        text: plan({ NODE1: RTM, NODE2: stopped(RTM) }, [step.setNvc('NODE2', { type: 'REG_SZ', data: '1' }), step.deleteNvc('NODE2')]),
        expect: ['noversioncheck-value@/steps/0'],
      },
      {
        name: 'data 0',
        text: plan({ NODE1: RTM, NODE2: stopped(RTM) }, [step.setNvc('NODE2', { data: 0 }), step.deleteNvc('NODE2')]),
        expect: ['noversioncheck-value@/steps/0'],
      },
      {
        name: 'data "1" as a string is judged here, not by schema',
        text: plan({ NODE1: RTM, NODE2: stopped(RTM) }, [step.setNvc('NODE2', { data: '1' }), step.deleteNvc('NODE2')]),
        expect: ['noversioncheck-value@/steps/0'],
      },
      {
        name: 'another key',
        text: plan({ NODE1: RTM, NODE2: stopped(RTM) }, [step.setNvc('NODE2', { key: 'HKLM\\SOFTWARE\\Microsoft\\Cluster' })]),
        expect: ['noversioncheck-value@/steps/0'],
      },
    ],
    nearMisses: [
      {
        name: 'a remote Parameters key with a trailing backslash, type defaulted',
        text: plan({ NODE1: RTM, NODE2: stopped(RTM) }, [
          { action: 'set-registry', node: 'NODE2', name: 'NoVersionCheck', data: 1, key: '\\\\NODE2\\HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\Clussvc\\Parameters\\' },
          step.deleteNvc('NODE2'),
        ]),
        expect: [],
      },
    ],
  },

  'noversioncheck-leftover': {
    severity: 'warning',
    triggers: [
      {
        name: 'set twice, never deleted: shown at the last set',
        text: plan({ NODE1: RTM, NODE2: stopped(RTM) }, [step.setNvc('NODE2'), step.note('x'), step.setNvc('NODE2')]),
        expect: ['noversioncheck-leftover@/steps/2'],
      },
      {
        name: 'declared with noVersionCheck and never deleted',
        text: plan({ NODE1: RTM, NODE2: { ...RTM, noVersionCheck: true } }, []),
        expect: ['noversioncheck-leftover@/nodes/NODE2'],
      },
    ],
    nearMisses: [
      { name: 'set, then deleted while stopped', text: plan({ NODE1: RTM, NODE2: stopped(RTM) }, [step.setNvc('NODE2'), step.deleteNvc('NODE2')]), expect: [] },
      { name: 'declared with noVersionCheck false', text: plan({ NODE1: RTM, NODE2: { ...RTM, noVersionCheck: false } }, []), expect: [] },
    ],
  },

  'noversioncheck-still-effective': {
    severity: 'warning',
    triggers: [
      {
        name: 'deleted while running, never restarted',
        text: plan({ NODE1: { ...RTM, noVersionCheck: true }, NODE2: RTM }, [step.deleteNvc('NODE1')]),
        expect: ['noversioncheck-still-effective@/steps/0'],
      },
    ],
    nearMisses: [
      { name: 'restarted afterwards', text: plan({ NODE1: { ...RTM, noVersionCheck: true }, NODE2: RTM }, [step.deleteNvc('NODE1'), step.restart('NODE1')]), expect: [] },
      { name: 'stopped afterwards', text: plan({ NODE1: { ...RTM, noVersionCheck: true }, NODE2: RTM }, [step.deleteNvc('NODE1'), step.stop('NODE1')]), expect: [] },
    ],
  },

  'security-descriptor': {
    severity: 'warning',
    triggers: [
      {
        name: 'two upgrades from RC2: shown at the first',
        text: plan({ NODE1: stopped(RC2), NODE2: stopped(RC2), NODE3: RTM }, [step.upgrade('NODE1', 'ws2003-rtm'), step.upgrade('NODE2', 'ws2003-rtm')]),
        expect: ['security-descriptor@/steps/0'],
      },
      {
        name: 'only the grant',
        text: plan({ NODE1: stopped(RC2), NODE3: RTM }, [step.upgrade('NODE1', 'ws2003-rtm'), step.grant()]),
        expect: ['security-descriptor@/steps/0'],
      },
      {
        name: 'a grant of read rights only',
        text: plan({ NODE1: stopped(RC2), NODE3: RTM }, [step.upgrade('NODE1', 'ws2003-rtm'), { action: 'cluster-security', grant: 'NETWORKSERVICE', rights: 'read' }, step.revoke()]),
        expect: ['security-descriptor@/steps/0'],
      },
      {
        name: 'the fix placed before the last upgrade does not count',
        text: plan({ NODE1: stopped(RC2), NODE2: stopped(RC2), NODE3: RTM }, [step.upgrade('NODE1', 'ws2003-rtm'), step.grant(), step.revoke(), step.upgrade('NODE2', 'ws2003-rtm')]),
        expect: ['security-descriptor@/steps/0'],
      },
      {
        name: 'a numeric "4.3718" node counts as ws2003-rc2',
        text: plan({ NODE1: { highest: '4.3718', lowest: '3.2195', state: 'stopped' }, NODE3: RTM }, [step.upgrade('NODE1', 'ws2003-rtm')]),
        expect: ['security-descriptor@/steps/0'],
      },
      {
        name: 'a hex RC1 node counts as ws2003-rc1',
        text: plan({ NODE1: { highest: '0x00040E4F', lowest: '3.2195', state: 'stopped' }, NODE3: RTM }, [step.upgrade('NODE1', 'ws2003-rtm')]),
        expect: ['security-descriptor@/steps/0'],
      },
      {
        name: 'the plan overrides the ws2003-rc2 build: still a pre-release',
        text: plan({ NODE1: stopped(RC2), NODE3: RTM }, [step.upgrade('NODE1', 'ws2003-rtm')], {
          top: { versions: { 'ws2003-rc2': { highest: '4.3720', lowest: '3.2195' } } },
        }),
        expect: ['security-descriptor@/steps/0'],
      },
      {
        name: 'a numeric node equal to the overridden ws2003-rc2 build',
        text: plan({ NODE1: { highest: '4.3720', lowest: '3.2195', state: 'stopped' }, NODE3: RTM }, [step.upgrade('NODE1', 'ws2003-rtm')], {
          top: { versions: { 'ws2003-rc2': { highest: '4.3720', lowest: '3.2195' } } },
        }),
        expect: ['security-descriptor@/steps/0'],
      },
      {
        // The node says "ws2003-rc1"; an unrelated plan alias that happens to share the build must not
        // turn it into a release and hide the warning.
        name: 'a node declared ws2003-rc1 while the plan adds another alias with the same build',
        text: plan({ NODE1: stopped({ version: 'ws2003-rc1' }), NODE3: RTM }, [step.upgrade('NODE1', 'ws2003-rtm')], {
          top: { versions: { 'lab-build': { highest: '4.3663', lowest: '3.2195' } } },
        }),
        expect: ['security-descriptor@/steps/0'],
      },
    ],
    nearMisses: [
      {
        name: 'grant and revoke after the last upgrade',
        text: plan({ NODE1: stopped(RC2), NODE2: stopped(RC2), NODE3: RTM }, [
          step.upgrade('NODE1', 'ws2003-rtm'),
          step.upgrade('NODE2', 'ws2003-rtm'),
          { action: 'cluster-security', grant: 'NT AUTHORITY\\NETWORK SERVICE' },
          step.revoke(),
        ]),
        expect: [],
      },
      { name: 'an upgrade from Windows 2000', text: plan({ NODE1: stopped({ version: 'win2000' }), NODE3: RTM }, [step.upgrade('NODE1', 'ws2003-rtm')]), expect: [] },
      {
        name: 'the plan declares its ws2003-rc2 not a pre-release',
        text: plan({ NODE1: stopped(RC2), NODE3: RTM }, [step.upgrade('NODE1', 'ws2003-rtm')], {
          top: { versions: { 'ws2003-rc2': { highest: '4.3718', lowest: '3.2195', preRelease: false } } },
        }),
        expect: [],
      },
    ],
  },

  'cluster-offline': {
    severity: 'warning',
    triggers: [
      { name: 'stop of the only node', text: plan({ NODE1: RTM }, [step.stop('NODE1')]), expect: ['cluster-offline@/steps/0'] },
      {
        name: 'upgrade of the last active node',
        text: plan({ NODE1: { version: 'win2000' }, NODE2: stopped({ version: 'win2000' }) }, [step.upgrade('NODE1', 'ws2003-rtm')]),
        expect: ['cluster-offline@/steps/0'],
      },
    ],
    nearMisses: [
      { name: 'another node stays up', text: twoRtm([step.stop('NODE1')]), expect: [] },
      { name: 'a restart of the only node', text: plan({ NODE1: RTM }, [step.restart('NODE1')]), expect: [] },
    ],
  },

  'mixed-at-end': {
    severity: 'information',
    triggers: [{ name: 'Windows 2000 and 2003 both running', text: plan({ NODE1: { version: 'win2000' }, NODE2: RTM }, []), expect: ['mixed-at-end@/nodes'] }],
    nearMisses: [
      { name: 'the older node is stopped', text: plan({ NODE1: stopped({ version: 'win2000' }), NODE2: RTM }, []), expect: [] },
      { name: 'versionMatch "major" compares majors only', text: plan({ NODE1: RC2, NODE2: RTM }, [], { top: { versionMatch: 'major' } }), expect: [] },
    ],
  },

  'functional-level-update-refused': {
    severity: 'error',
    triggers: [
      {
        name: 'a member is paused; resumed, the level is raised',
        text: plan({ HV1: WS2019, HV2: { ...WS2019, paused: true } }, [raiseLevel, resume('HV2'), raiseLevel], atFl9),
        expect: ['functional-level-update-refused@/steps/0'],
      },
      {
        name: 'a member is stopped; started, the level is raised',
        text: plan({ HV1: WS2019, HV2: stopped(WS2019) }, [raiseLevel, step.start('HV2'), raiseLevel], atFl9),
        expect: ['functional-level-update-refused@/steps/0'],
      },
      {
        name: 'HV1 runs 2019 and HV2 still 2016: error 5973',
        text: plan({ HV1: WS2016, HV2: WS2016 }, [...inPlace('HV1'), raiseLevel, ...inPlace('HV2'), raiseLevel]),
        expect: ['functional-level-update-refused@/steps/4'],
      },
    ],
    nearMisses: [
      { name: 'every member runs 2019, unpaused', text: plan({ HV1: WS2019, HV2: WS2019 }, [raiseLevel], atFl9), expect: [] },
      {
        name: 'an evicted node of 2016 is no longer a member',
        text: plan({ HV1: WS2016, HV2: WS2019, HV3: WS2019 }, [drain('HV1'), evict('HV1'), raiseLevel]),
        expect: [],
      },
    ],
  },

  'functional-level-update-noop': {
    severity: 'warning',
    triggers: [
      { name: 'no member runs 2019 yet', text: plan({ HV1: WS2016, HV2: WS2016 }, [raiseLevel]), expect: ['functional-level-update-noop@/steps/0'] },
      { name: 'a second update after the level was raised', text: plan({ HV1: WS2019, HV2: WS2019 }, [raiseLevel, raiseLevel], atFl9), expect: ['functional-level-update-noop@/steps/1'] },
    ],
    nearMisses: [{ name: 'the update after every node is upgraded', text: plan({ HV1: WS2016, HV2: WS2016 }, [...inPlace('HV1'), ...inPlace('HV2'), raiseLevel]), expect: [] }],
  },

  'functional-level-not-raised': {
    severity: 'warning',
    triggers: [
      { name: 'both nodes upgraded, no update', text: plan({ HV1: WS2016, HV2: WS2016 }, [...inPlace('HV1'), ...inPlace('HV2')]), expect: ['functional-level-not-raised@/steps'] },
      { name: 'a stopped member of 2019 counts too', text: plan({ HV1: WS2019, HV2: stopped(WS2019) }, [], atFl9), expect: ['functional-level-not-raised@/steps'] },
    ],
    nearMisses: [
      { name: 'the level is raised at the end', text: plan({ HV1: WS2016, HV2: WS2016 }, [...inPlace('HV1'), ...inPlace('HV2'), raiseLevel]), expect: [] },
      { name: 'a stopped member still runs 2016', text: plan({ HV1: WS2019, HV2: stopped(WS2016) }, []), expect: [] },
      { name: 'one node upgraded: the cluster is still mixed', text: plan({ HV1: WS2016, HV2: WS2016 }, inPlace('HV1')), expect: ['mixed-at-end@/nodes'] },
    ],
  },

  'paused-at-end': {
    severity: 'warning',
    triggers: [
      { name: 'declared paused', text: plan({ HV1: WS2016, HV2: { ...WS2016, paused: true } }, []), expect: ['paused-at-end@/nodes/HV2'] },
      { name: 'drained, never resumed', text: plan({ HV1: WS2016, HV2: WS2016 }, [drain('HV2')]), expect: ['paused-at-end@/nodes/HV2'] },
    ],
    nearMisses: [
      { name: 'drained, then resumed', text: plan({ HV1: WS2016, HV2: WS2016 }, [drain('HV2'), resume('HV2')]), expect: [] },
      { name: 'drained, then evicted', text: plan({ HV1: WS2016, HV2: WS2016 }, [drain('HV2'), evict('HV2')]), expect: [] },
    ],
  },

  'sponsor-not-running': {
    severity: 'warning',
    triggers: [
      {
        name: 'the named sponsor is stopped',
        text: plan({ NODE1: RTM, NODE2: stopped(RTM), NODE3: stopped(RTM) }, [step.start('NODE3', 'NODE2')]),
        expect: ['sponsor-not-running@/steps/0/sponsor'],
      },
    ],
    nearMisses: [{ name: 'the named sponsor runs', text: plan({ NODE1: RTM, NODE2: stopped(RTM), NODE3: stopped(RTM) }, [step.start('NODE3', 'NODE1')]), expect: [] }],
  },

  'invalid-suppression': {
    severity: 'warning',
    triggers: [
      {
        name: 'a suppression that names no code hides nothing',
        text: `{\n  "nodes": { "NODE1": { "version": "ws2003-rtm" } },\n  "steps": [\n    // clusterplan-disable-next-line -- maintenance window\n    { "action": "stop", "node": "NODE1" }\n  ]\n}`,
        expect: ['invalid-suppression@/steps', 'cluster-offline@/steps/0'],
      },
      {
        name: 'a suppression of an unknown code',
        text: `{\n  "nodes": { "NODE1": { "version": "ws2003-rtm" } },\n  "steps": [\n    // clusterplan-disable-next-line cluster-offlin -- maintenance window\n    { "action": "stop", "node": "NODE1" }\n  ]\n}`,
        expect: ['invalid-suppression@/steps', 'cluster-offline@/steps/0'],
      },
    ],
    nearMisses: [
      {
        name: 'a suppression with its reason',
        text: `{\n  "nodes": { "NODE1": { "version": "ws2003-rtm" } },\n  "steps": [\n    // clusterplan-disable-next-line cluster-offline -- planned outage, change 4711\n    { "action": "stop", "node": "NODE1" }\n  ]\n}`,
        expect: [],
      },
    ],
  },

  'suppression-reason-missing': {
    severity: 'hint',
    triggers: [
      {
        name: 'a suppression without a reason hides its finding, and asks for the reason',
        text: `{\n  "nodes": { "NODE1": { "version": "ws2003-rtm" } },\n  "steps": [\n    // clusterplan-disable-next-line cluster-offline --\n    { "action": "stop", "node": "NODE1" }\n  ]\n}`,
        expect: ['suppression-reason-missing@/steps'],
      },
    ],
    nearMisses: [
      {
        name: 'a suppression with its reason',
        text: `{\n  "nodes": { "NODE1": { "version": "ws2003-rtm" } },\n  "steps": [\n    // clusterplan-disable-next-line cluster-offline -- planned outage, change 4711\n    { "action": "stop", "node": "NODE1" }\n  ]\n}`,
        expect: [],
      },
    ],
  },

  'unused-suppression': {
    severity: 'warning',
    triggers: [
      {
        name: 'the suppressed finding is not on the next line',
        text: `{\n  "nodes": { "NODE1": { "version": "ws2003-rtm" }, "NODE2": { "version": "ws2003-rtm" } },\n  "steps": [\n    // clusterplan-disable-next-line cluster-offline -- planned outage\n    { "action": "stop", "node": "NODE1" }\n  ]\n}`,
        expect: ['unused-suppression@/steps'],
      },
    ],
    nearMisses: [
      {
        name: 'the marker inside a note is text, not a comment',
        text: `{\n  "nodes": { "NODE1": { "version": "ws2003-rtm" } },\n  "steps": [\n    { "action": "note", "text": "// clusterplan-disable-next-line cluster-offline -- x" }\n  ]\n}`,
        expect: [],
      },
    ],
  },

  'limit-exceeded': {
    severity: 'error',
    triggers: [{ name: 'arrays nested 10,000 deep', text: deeplyNested, expect: ['limit-exceeded@'] }],
    nearMisses: [{ name: 'the KB example', text: readKbExample(), expect: [] }],
  },
};

describe('rules: one trigger and one near miss per code', () => {
  it('covers every rule in RULES, and nothing else', () => {
    assert.deepEqual(Object.keys(CASES).sort(), RULES.map((r) => r.code).sort());
  });

  for (const rule of RULES) {
    const cases = CASES[rule.code];
    describe(rule.code, () => {
      if (!cases) {
        it('has test cases', () => assert.fail(`no test cases for the rule ${rule.code}`));
        return;
      }
      it(`has severity ${cases.severity}`, () => assert.equal(rule.severity, cases.severity));
      for (const c of cases.triggers) {
        it(`triggers: ${c.name}`, () => {
          const analysis = analyze(c.text);
          assert.deepEqual(analysis.findings.map((f) => `${f.code}@${f.pointer}`).sort(), [...c.expect].sort());
          const mine = analysis.findings.filter((f) => f.code === rule.code);
          assert.ok(mine.length > 0, `expected a ${rule.code} finding`);
          for (const f of mine) assert.equal(f.severity, cases.severity);
        });
      }
      for (const c of cases.nearMisses) {
        it(`does not trigger: ${c.name}`, () => {
          assert.deepEqual(sortedCodesAt(c.text), [...c.expect].sort());
          assert.ok(!codesAt(c.text).some((s) => s.startsWith(rule.code + '@')));
        });
      }
    });
  }
});

describe('messages name the numbers', () => {
  it('join-incompatible names the cluster versions in hex and M.m, error 5075 and event 1071', () => {
    const text = plan({ NODE1: RC2, NODE2: stopped(RC2) }, [step.upgrade('NODE2', 'ws2003-rtm'), step.join('NODE2', 'NODE1'), step.grant(), step.revoke()]);
    const f = analyze(text).findings.find((x) => x.code === 'join-incompatible')!;
    assert.match(f.message, /0x00040E86 \(4\.3718\)/);
    assert.match(f.message, /0x00030893 \(3\.2195\)/);
    assert.match(f.message, /0x00040ECE \(4\.3790\)/);
    assert.match(f.message, /5075/);
    assert.match(f.message, /1071/);
  });

  it('major-skew reports a skew once: an upgrade within its major keeps the skew the start already had', () => {
    const text = plan({ NODE1: { version: 'nt4-sp3' }, NODE2: stopped(RTM) }, [step.upgrade('NODE2', { highest: '4.3800', lowest: '3.2195' })]);
    assert.deepEqual(codesAt(text), ['major-skew@/nodes']);
  });

  it('major-skew names both versions', () => {
    const f = analyze(plan({ NODE1: { version: 'nt4-sp3' }, NODE2: stopped(RTM) }, [])).findings[0]!;
    assert.match(f.message, /0x000100E0 \(1\.224\)/);
    assert.match(f.message, /0x00040ECE \(4\.3790\)/);
  });

  it('lowest-above-highest names both versions', () => {
    const f = analyze(plan({ NODE1: { highest: '3.2195', lowest: '4.3790' } }, [])).findings[0]!;
    assert.match(f.message, /0x00030893 \(3\.2195\)/);
    assert.match(f.message, /0x00040ECE \(4\.3790\)/);
  });
});

describe('join-incompatible related locations', () => {
  // NODE1 sets NoVersionCheck while running (step 0), so it never takes effect; NODE2 sets it at step 2.
  const text = plan({ NODE1: RC2, NODE2: RC2 }, [
    step.setNvc('NODE1'),
    step.upgrade('NODE2', 'ws2003-rtm'),
    step.setNvc('NODE2'),
    step.join('NODE2', 'NODE1'),
  ]);

  it('reports the refused join at /steps/3', () => {
    const codes = codesAt(text);
    assert.ok(codes.includes('join-incompatible@/steps/3'), codes.join(', '));
    assert.ok(codes.includes('registry-while-running@/steps/0'), codes.join(', '));
  });

  it("includes the joiner's declaration and the steps that last set NoVersionCheck", () => {
    const f = analyze(text).findings.find((x) => x.code === 'join-incompatible')!;
    const pointers = f.related.map((r) => r.pointer);
    assert.ok(pointers.includes('/nodes/NODE2'), pointers.join(', '));
    assert.ok(pointers.includes('/steps/2'), pointers.join(', '));
    assert.ok(pointers.includes('/steps/0'), pointers.join(', '));
    for (const r of f.related) assert.ok(r.length > 0 && r.offset > 0, `related ${r.pointer} has a range`);
  });
});

describe('finding ranges (what the editor underlines)', () => {
  const slice = (text: string, code: string) => {
    const f = analyze(text).findings.find((x) => x.code === code)!;
    return text.slice(f.offset, f.offset + f.length);
  };

  it('a step finding covers the whole step', () => {
    const text = plan({ NODE1: RTM }, [step.stop('NODE1')]);
    assert.equal(slice(text, 'cluster-offline'), '{ "action": "stop", "node": "NODE1" }');
  });

  it('an unknown node covers the name, quotes included', () => {
    assert.equal(slice(twoRtm([step.stop('NODE3')]), 'unknown-node'), '"NODE3"');
  });

  it('a node finding covers the node name', () => {
    assert.equal(slice(plan({ NODE1: RTM, node1: RTM }, []), 'duplicate-node'), '"node1"');
    assert.equal(slice(plan({ NODE1: { highest: '3.2195', lowest: '4.3790' } }, []), 'lowest-above-highest'), '"NODE1"');
  });

  it('a version finding covers the value', () => {
    assert.equal(slice(plan({ NODE1: { highest: raw('4.3790') } }, []), 'invalid-version'), '4.3790');
  });

  it('a finding at /nodes covers the "nodes" key', () => {
    assert.equal(slice(plan({ NODE1: { version: 'win2000' }, NODE2: RTM }, []), 'mixed-at-end'), '"nodes"');
  });

  it('limit-exceeded points at the first bracket too deep', () => {
    const f = analyze(deeplyNested).findings[0]!;
    assert.equal(f.offset, 64);
    assert.equal(deeplyNested[f.offset], '[');
  });
});

describe('analysis options', () => {
  const text = plan({ NODE1: { version: 'win2000' }, NODE2: RTM }, [step.stop('NODE1'), step.stop('NODE2')]);

  it('a rule can be switched off', () => {
    assert.deepEqual(codesAt(text), ['cluster-offline@/steps/1']);
    assert.deepEqual(analyze(text, { severities: { 'cluster-offline': 'off' } }).findings, []);
  });

  it('a rule can get another severity', () => {
    const f = analyze(text, { severities: { 'cluster-offline': 'error' } }).findings[0]!;
    assert.equal(f.code, 'cluster-offline');
    assert.equal(f.severity, 'error');
  });
});

describe('versionMatch', () => {
  const nodes = { NODE1: RC2, NODE2: { highest: '4.3790', lowest: '3.2195', state: 'stopped' } };

  test('"exact" (the default) refuses 4.3790 joining a 4.3718 cluster', () => {
    assert.deepEqual(codesAt(plan(nodes, [step.start('NODE2')])), ['join-incompatible@/steps/0']);
  });

  test('"major" lets 4.3790 join a 4.3718 cluster, which is then not mixed', () => {
    const analysis = analyze(plan(nodes, [step.start('NODE2')], { top: { versionMatch: 'major' } }));
    assert.deepEqual(analysis.findings.map((f) => f.code), []);
    assert.equal(analysis.timeline!.final.activeCount, 2);
    assert.equal(analysis.timeline!.final.mixed, false);
  });

  test('"major" still refuses a different major', () => {
    const text = plan({ NODE1: RTM, NODE2: { highest: '5.6001', lowest: '5.6001', state: 'stopped' } }, [step.start('NODE2')], { top: { versionMatch: 'major' } });
    assert.deepEqual(codesAt(text), ['join-incompatible@/steps/0']);
  });

  test('another value is a schema error', () => {
    assert.deepEqual(codesAt(plan({ NODE1: RTM }, [], { top: { versionMatch: 'minor' } })), ['schema@/versionMatch']);
  });
});

describe('node names', () => {
  test('steps match declared names without regard to case', () => {
    const analysis = analyze(plan({ Node1: RTM, NODE2: RTM }, [step.stop('NODE1'), step.start('node1', 'node2')]));
    assert.deepEqual(analysis.findings, []);
    assert.equal(analysis.timeline!.steps[0]!.after.activeCount, 1);
    assert.equal(analysis.timeline!.steps[1]!.after.activeCount, 2);
  });

  // Object.prototype's names must not be found as declared nodes, nor break the reading.
  const special = [
    '{',
    '  "nodes": {',
    '    "__proto__": { "version": "ws2003-rtm" },',
    '    "constructor": { "version": "ws2003-rtm" },',
    '    "toString": { "version": "ws2003-rtm", "state": "stopped" }',
    '  },',
    '  "steps": [',
    '    { "action": "stop", "node": "__proto__" },',
    '    { "action": "start", "node": "toString", "sponsor": "constructor" },',
    '    { "action": "start", "node": "__PROTO__" }',
    '  ]',
    '}',
  ].join('\n');

  test('__proto__, constructor and toString are names like any other', () => {
    const analysis = analyze(special);
    assert.deepEqual(analysis.findings.map((f) => `${f.code}@${f.pointer}`), []);
    assert.deepEqual(
      analysis.plan!.nodes.map((n) => n.name),
      ['__proto__', 'constructor', 'toString'],
    );
    assert.equal(analysis.timeline!.final.activeCount, 3);
  });

  test('undeclared Object.prototype names are unknown nodes', () => {
    const text = plan({ NODE1: RTM, NODE2: RTM }, [step.stop('hasOwnProperty'), step.stop('constructor'), step.stop('__proto__'), step.stop('valueOf')]);
    assert.deepEqual(codesAt(text), ['unknown-node@/steps/0/node', 'unknown-node@/steps/1/node', 'unknown-node@/steps/2/node', 'unknown-node@/steps/3/node']);
  });

  test('a second __proto__ that differs in case is a duplicate', () => {
    const text = special.replace('"constructor": {', '"__PROTO__": {').replace('"sponsor": "constructor"', '"sponsor": "__proto__"');
    assert.ok(codesAt(text).includes('duplicate-node@/nodes/__PROTO__'), codesAt(text).join(', '));
  });
});

describe('robustness', () => {
  test('a UTF-8 BOM at the start still parses', () => {
    assert.deepEqual(codesAt('\uFEFF' + readKbExample()), []);
    const text = plan({ NODE1: RTM }, [step.stop('NODE1')]);
    const withBom = analyze('\uFEFF' + text);
    assert.deepEqual(withBom.findings.map((f) => `${f.code}@${f.pointer}`), ['cluster-offline@/steps/0']);
    // Offsets count the BOM: the finding is one character later than without it.
    assert.equal(withBom.findings[0]!.offset, analyze(text).findings[0]!.offset + 1);
  });

  test('an empty file gives one schema finding', () => {
    assert.deepEqual(codesAt(''), ['schema@']);
    assert.equal(analyze('').findings[0]!.severity, 'error');
    assert.deepEqual(codesAt('  // nothing yet\n'), ['schema@']);
  });

  test('nesting 10,000 deep gives one limit-exceeded finding and no exception', () => {
    const objects = '{"a":'.repeat(10000) + '1' + '}'.repeat(10000);
    for (const text of [deeplyNested, objects, `{ "nodes": {}, "steps": [${deeplyNested}] }`]) {
      const analysis = analyze(text);
      assert.deepEqual(analysis.findings.map((f) => f.code), ['limit-exceeded']);
      assert.equal(analysis.plan, undefined);
    }
  });

  test('the limits can be set: the KB example nests 3 deep', () => {
    const kb = readKbExample();
    assert.deepEqual(analyze(kb, { limits: { maxNestingDepth: 3, maxFileSize: 1 << 20 } }).findings, []);
    const tight = analyze(kb, { limits: { maxNestingDepth: 2, maxFileSize: 1 << 20 } });
    assert.deepEqual(tight.findings.map((f) => f.code), ['limit-exceeded']);
    const small = analyze(kb, { limits: { maxNestingDepth: 64, maxFileSize: 100 } });
    assert.deepEqual(small.findings.map((f) => f.code), ['limit-exceeded']);
    assert.equal(small.plan, undefined);
  });

  const garbage = [
    'x',
    '}{',
    '"just a string"',
    '42',
    'null',
    '{"nodes": 5, "steps": {}}',
    '{"nodes": {"A": null, "B": [], "C": {"version": 7}}, "steps": [null, 1, "x", [], {"action": null}, {"action": "upgrade", "node": "A", "to": {"highest": {}}}]}',
    '{"versions": {"4.1": {}, "": {"highest": "x"}, "v": {"highest": "v"}}, "nodes": {}, "steps": []}',
    '{"nodes": {"A": {"highest": "0x"}}, "steps": [{"action": "restart", "node": "A", "sponsor": "A"}, {"action": "join", "node": "A", "sponsor": "A"}]}',
    '{"steps": [{"action": "set-registry", "node": "A", "data": true, "type": 5, "key": []}, {"action": "cluster-security", "grant": 1, "revoke": 2, "rights": "all"}]',
    '/* unterminated',
    '{"nodes": {"A": {"version": "ws2003"}}, "steps": [{"action": "stop", "node": "A"}, ',
    '\uFEFF\uFEFF{}',
    '{"nodes":{"\\ud800":{"highest":"99999999999.1"}},"steps":[{"action":"note"}]}',
  ];
  for (const text of garbage) {
    test(`never throws, nor fails inside a rule, on ${JSON.stringify(text).slice(0, 50)}`, () => {
      const analysis = analyze(text);
      assert.ok(analysis.findings.length > 0, 'garbage gives at least one finding');
      assert.deepEqual(analysis.findings.filter((f) => f.code === 'internal-error'), []);
    });
  }

  test('never throws on random text (seeded)', () => {
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const alphabet = '{}[]:,"\\/*\n -.0123456789aeflnrstux' + 'nodes steps action "NODE1" "stop" "upgrade" "to" highest lowest';
    const kb = readKbExample();
    for (let i = 0; i < 200; i++) {
      let text: string;
      if (i % 2 === 0) {
        text = Array.from({ length: 1 + Math.floor(random() * 200) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      } else {
        // The KB example with one random slice removed: near-valid text exercises the rules more.
        const a = Math.floor(random() * kb.length);
        const b = Math.min(kb.length, a + Math.floor(random() * 40));
        text = kb.slice(0, a) + kb.slice(b);
      }
      const analysis = analyze(text);
      assert.deepEqual(analysis.findings.filter((f) => f.code === 'internal-error'), [], `text: ${JSON.stringify(text)}`);
    }
  });
});
