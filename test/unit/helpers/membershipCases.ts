/**
 * The trigger and near-miss plans of the rules about membership, draining and skipped releases
 * (docs/simulation.md, "The functional level"), in the form of core-rules.test.ts's CASES: every
 * finding of the plan, sorted, as `code@pointer`.
 */
import { plan, type Value } from './plans';

interface Case {
  readonly name: string;
  readonly text: string;
  readonly expect: readonly string[];
}

interface RuleCases {
  readonly severity: 'error' | 'warning';
  readonly triggers: readonly Case[];
  readonly nearMisses: readonly Case[];
}

export const WS2016 = { version: 'ws2016' };
export const WS2019 = { version: 'ws2019' };

/** A step of one node: `on('drain')('NODE1')`. */
export const on = (action: string) => (node: string): Value => ({ action, node });
export const fl = {
  start: on('start'),
  join: on('join'),
  stop: on('stop'),
  restart: on('restart'),
  drain: on('drain'),
  resume: on('resume'),
  evict: on('evict'),
  add: on('add'),
  upgrade: (node: string, to: string): Value => ({ action: 'upgrade', node, to }),
  level: (): Value => ({ action: 'update-functional-level' }),
};

/** Three running Windows Server 2016 nodes and the given steps. */
export const threeWs2016 = (steps: readonly Value[]) => plan({ NODE1: WS2016, NODE2: WS2016, NODE3: WS2016 }, steps);

/** NODE1 upgraded in place to `to`, as Microsoft's procedure has it: drain, upgrade, start, resume. */
export const inPlace = (node: string, to: string): Value[] => [fl.drain(node), fl.upgrade(node, to), fl.start(node), fl.resume(node)];

/** NODE1, NODE2 and NODE3 upgraded in place to Windows Server 2019, then the functional level raised: a plan with no finding. */
export const wholeUpgrade = (node1: readonly Value[] = inPlace('NODE1', 'ws2019')): Value[] => [
  ...node1,
  ...inPlace('NODE2', 'ws2019'),
  ...inPlace('NODE3', 'ws2019'),
  { action: 'update-functional-level' },
];

/** NODE3 drained, evicted and clean-installed with `to`, not yet added. */
export const cleanInstall = (node: string, to: string): Value[] => [fl.drain(node), fl.evict(node), fl.upgrade(node, to)];

export const MEMBERSHIP_CASES: Readonly<Record<string, RuleCases>> = {
  'upgrade-skips-release': {
    severity: 'error',
    triggers: [
      {
        name: 'a member of an FL 9 cluster upgraded to Windows Server 2022: no major-skew as well',
        text: threeWs2016([fl.drain('NODE1'), fl.upgrade('NODE1', 'ws2022'), fl.resume('NODE1')]),
        expect: ['upgrade-skips-release@/steps/1/to'],
      },
    ],
    nearMisses: [
      { name: 'every member upgraded to the next release', text: threeWs2016(wholeUpgrade()), expect: [] },
      {
        name: 'an evicted node clean-installed two releases on: major-skew with the members instead',
        text: threeWs2016(cleanInstall('NODE3', 'ws2022')),
        expect: ['major-skew@/steps/2'],
      },
    ],
  },

  'not-a-member': {
    severity: 'error',
    triggers: [
      { name: 'a start of an evicted node', text: threeWs2016([...cleanInstall('NODE3', 'ws2019'), fl.start('NODE3')]), expect: ['not-a-member@/steps/3'] },
      {
        name: 'a restart, drain, resume and evict of an evicted node, and no not-running for the restart',
        text: threeWs2016([...cleanInstall('NODE3', 'ws2019'), fl.restart('NODE3'), fl.drain('NODE3'), fl.resume('NODE3'), fl.evict('NODE3')]),
        expect: ['not-a-member@/steps/3', 'not-a-member@/steps/4', 'not-a-member@/steps/5', 'not-a-member@/steps/6'],
      },
    ],
    nearMisses: [
      { name: 'the evicted node is added back', text: threeWs2016([...cleanInstall('NODE3', 'ws2016'), fl.add('NODE3')]), expect: [] },
      {
        name: 'a stop of an evicted node is not-running',
        text: threeWs2016([...cleanInstall('NODE3', 'ws2016'), fl.stop('NODE3'), fl.add('NODE3')]),
        expect: ['not-running@/steps/3'],
      },
    ],
  },

  'already-member': {
    severity: 'warning',
    triggers: [
      {
        name: 'an add after an in-place upgrade and its start',
        text: threeWs2016(wholeUpgrade([fl.drain('NODE1'), fl.upgrade('NODE1', 'ws2019'), fl.start('NODE1'), fl.add('NODE1'), fl.resume('NODE1')])),
        expect: ['already-member@/steps/3'],
      },
    ],
    nearMisses: [{ name: 'an add after an evict', text: threeWs2016([...cleanInstall('NODE3', 'ws2016'), fl.add('NODE3')]), expect: [] }],
  },

  'not-drained': {
    severity: 'warning',
    triggers: [
      { name: 'an upgrade of an active member', text: threeWs2016(wholeUpgrade([fl.upgrade('NODE1', 'ws2019'), fl.start('NODE1')])), expect: ['not-drained@/steps/0'] },
      {
        name: 'a stop, a restart and an evict of active members',
        text: threeWs2016([fl.stop('NODE1'), fl.start('NODE1'), fl.restart('NODE2'), fl.evict('NODE3'), fl.add('NODE3')]),
        expect: ['not-drained@/steps/0', 'not-drained@/steps/2', 'not-drained@/steps/3'],
      },
    ],
    nearMisses: [
      { name: 'drained first', text: threeWs2016(wholeUpgrade()), expect: [] },
      {
        name: 'the last active member stopped is cluster-offline instead',
        text: plan({ NODE1: WS2016, NODE2: { ...WS2016, state: 'stopped' } }, [fl.stop('NODE1')]),
        expect: ['cluster-offline@/steps/0'],
      },
      {
        name: 'a node of Windows Server 2003 has no drain',
        text: plan({ NODE1: { version: 'ws2003' }, NODE2: { version: 'ws2003' } }, [fl.stop('NODE2')]),
        expect: [],
      },
    ],
  },
};
