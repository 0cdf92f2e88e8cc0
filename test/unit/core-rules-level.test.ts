import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../src/core';
import { at, plan, step, type Value } from './helpers/plans';

/**
 * The rules of the functional level (docs/rules/functional-level-*.md, paused-at-end.md, mixed-at-end.md):
 * the exact messages, and that an update-functional-level step gives one finding at most.
 */

const WS2016 = { version: 'ws2016' };
const WS2019 = { version: 'ws2019' };
const stopped = (node: Readonly<Record<string, Value>>) => ({ ...node, state: 'stopped' });
const drain = (node: string) => ({ action: 'drain', node });
const resume = (node: string) => ({ action: 'resume', node });
const raiseLevel = { action: 'update-functional-level' };
const inPlace = (node: string) => [drain(node), step.upgrade(node, 'ws2019'), step.start(node), resume(node)];
const atFl9 = { top: { functionalLevel: 9 } };

/** `code@pointer: message` of every finding. */
function messages(text: string): string[] {
  return analyze(text).findings.map((f) => `${at(f)}: ${f.message}`);
}

describe('functional-level-update-refused messages', () => {
  it('names the stopped and the paused members, and FL with its release', () => {
    const text = plan(
      { HV1: WS2019, HV2: stopped(WS2019), HV3: { ...WS2019, paused: true }, HV4: { ...stopped(WS2019), paused: true }, HV5: stopped(WS2019) },
      [raiseLevel, step.start('HV2'), step.start('HV4'), step.start('HV5'), resume('HV3'), resume('HV4'), raiseLevel],
      atFl9,
    );
    assert.deepEqual(messages(text), [
      'functional-level-update-refused@/steps/0: Update-ClusterFunctionalLevel at step 1 fails: HV2 and HV5 are stopped, HV3 is paused, HV4 is stopped and paused. Every member must run unpaused to raise FL 9 (Windows Server 2016): start or resume them before this step.',
    ]);
  });

  it('a paused member alone is resumed; a step id is named', () => {
    const text = plan({ HV1: WS2019, HV2: { ...WS2019, paused: true } }, [{ ...raiseLevel, id: 'raise' }, resume('HV2'), raiseLevel], atFl9);
    assert.deepEqual(messages(text), [
      'functional-level-update-refused@/steps/0: Update-ClusterFunctionalLevel at step 1 ("raise") fails: HV2 is paused. Every member must run unpaused to raise FL 9 (Windows Server 2016): resume it before this step.',
    ]);
  });

  it('error 5973 names the members not on the next release, and their level', () => {
    const text = plan({ HV1: WS2016, HV2: WS2016, HV3: WS2016 }, [...inPlace('HV1'), raiseLevel, ...inPlace('HV2'), ...inPlace('HV3'), raiseLevel]);
    assert.deepEqual(messages(text), [
      'functional-level-update-refused@/steps/4: Update-ClusterFunctionalLevel at step 5 fails with error 5973: every member must run level 10 (Windows Server 2019) to raise FL 9 (Windows Server 2016), and HV2 and HV3 run level 9 (Windows Server 2016). Upgrade them before this step.',
    ]);
  });
});

describe('functional-level-update-noop message', () => {
  it('names FL and what the members run', () => {
    assert.deepEqual(messages(plan({ HV1: WS2016, HV2: WS2016, HV3: WS2016 }, [raiseLevel])), [
      'functional-level-update-noop@/steps/0: Update-ClusterFunctionalLevel at step 1 changes nothing: no member runs level 10 (Windows Server 2019), the level above FL 9 (Windows Server 2016); HV1, HV2 and HV3 run level 9 (Windows Server 2016). Raise the level once every node is upgraded, or remove this step.',
    ]);
  });

  it('after the level is raised, a second update names the new level', () => {
    assert.deepEqual(messages(plan({ HV1: WS2019, HV2: WS2019 }, [raiseLevel, raiseLevel], atFl9)), [
      'functional-level-update-noop@/steps/1: Update-ClusterFunctionalLevel at step 2 changes nothing: no member runs level 11 (Windows Server 2022), the level above FL 10 (Windows Server 2019); HV1 and HV2 run level 10 (Windows Server 2019). Raise the level once every node is upgraded, or remove this step.',
    ]);
  });
});

describe('functional-level-not-raised and paused-at-end messages', () => {
  it('functional-level-not-raised names the members, both levels, the month and that it cannot be undone', () => {
    assert.deepEqual(messages(plan({ HV1: WS2016, HV2: WS2016 }, [...inPlace('HV1'), ...inPlace('HV2')])), [
      'functional-level-not-raised@/steps: At the end of the plan every member (HV1 and HV2) runs level 10 (Windows Server 2019), but the cluster stays at FL 9 (Windows Server 2016): mixed-OS mode is meant to be temporary, and Microsoft recommends finishing within a month. Add an update-functional-level step at the end; it cannot be undone.',
    ]);
  });

  it('functional-level-not-raised is at "nodes" when the plan has no "steps" (itself a schema error)', () => {
    const text = '{ "functionalLevel": 9, "nodes": { "HV1": { "version": "ws2019" } } }';
    assert.deepEqual(analyze(text).findings.map(at), ['schema@', 'functional-level-not-raised@/nodes']);
  });

  it('paused-at-end names the drain, or the declaration', () => {
    assert.deepEqual(messages(plan({ HV1: WS2016, HV2: WS2016, HV3: { ...WS2016, paused: true } }, [drain('HV2'), resume('HV2'), drain('HV2')])), [
      'paused-at-end@/nodes/HV2: At the end of the plan, HV2 is still paused (drained at step 3): no role moves or fails over to it until it is resumed. Add a resume step for HV2 at the end.',
      'paused-at-end@/nodes/HV3: At the end of the plan, HV3 is still paused (declared "paused" in "nodes"): no role moves or fails over to it until it is resumed. Add a resume step for HV3 at the end.',
    ]);
  });
});

describe('mixed-at-end in a functional-level plan', () => {
  it('names the active members\' levels and the functional level', () => {
    assert.deepEqual(messages(plan({ HV1: WS2016, HV2: WS2016, HV3: stopped(WS2016) }, inPlace('HV2'))), [
      'mixed-at-end@/nodes: The plan ends with a mixed-version cluster: HV1 level 9 (Windows Server 2016), HV2 level 10 (Windows Server 2019). The cluster stays at FL 9 (Windows Server 2016) until every node is upgraded and the level is raised.',
    ]);
  });

  it('a plan of Windows 2000 and 2003 keeps its versions', () => {
    assert.deepEqual(messages(plan({ NODE1: { version: 'win2000' }, NODE2: { version: 'ws2003-rtm' } }, [])), [
      'mixed-at-end@/nodes: The plan ends with a mixed-version cluster: NODE1 0x00030893 (3.2195), NODE2 0x00040ECE (4.3790). ClusterHighestVersion stays 0x00030893 (3.2195) until every node is upgraded.',
    ]);
  });
});

describe('an update-functional-level step gives one finding at most', () => {
  // Each outcome of Update-ClusterFunctionalLevel, and the cluster offline around it.
  const cases: readonly { name: string; nodes: Readonly<Record<string, Value>>; steps: readonly Value[]; top?: Readonly<Record<string, Value>>; expect: readonly string[] }[] = [
    { name: 'raised', nodes: { HV1: WS2019, HV2: WS2019 }, steps: [raiseLevel], top: { functionalLevel: 9 }, expect: [] },
    { name: 'no member on the next release', nodes: { HV1: WS2016, HV2: WS2016 }, steps: [raiseLevel], expect: ['functional-level-update-noop'] },
    { name: 'error 5973', nodes: { HV1: WS2016, HV2: WS2019 }, steps: [raiseLevel], expect: ['functional-level-update-refused'] },
    { name: 'a member stopped and paused after its upgrade', nodes: { HV1: WS2016, HV2: WS2016 }, steps: [drain('HV1'), step.upgrade('HV1', 'ws2019'), raiseLevel], expect: ['functional-level-update-refused'] },
    { name: 'every node stopped', nodes: { HV1: stopped(WS2019), HV2: stopped(WS2019) }, steps: [raiseLevel], top: { functionalLevel: 9 }, expect: ['functional-level-update-refused'] },
    { name: 'no member left', nodes: { HV1: WS2019 }, steps: [drain('HV1'), { action: 'evict', node: 'HV1' }, raiseLevel], top: { functionalLevel: 9 }, expect: ['functional-level-update-noop'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const text = plan(c.nodes, c.steps, { top: c.top });
      const last = `/steps/${c.steps.length - 1}`;
      const there = analyze(text).findings.filter((f) => f.pointer === last || f.pointer.startsWith(last + '/'));
      assert.deepEqual(there.map((f) => f.code), c.expect);
    });
  }
});
