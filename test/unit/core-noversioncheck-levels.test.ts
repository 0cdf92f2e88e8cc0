import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, applyEdits, fixAll, fixesFor } from '../../src/core';
import { at, plan, step } from './helpers/plans';

/**
 * NoVersionCheck in a functional-level plan (docs/simulation.md, "For the functional level"): it bypasses
 * nothing there, so the rules that speak of it as a switch are silent, and the two that remain say so.
 */

const WS2016 = { version: 'ws2016' };
const drain = (node: string) => ({ action: 'drain', node });
const resume = (node: string) => ({ action: 'resume', node });

/** `code@pointer: message` of every finding. */
function messages(text: string): string[] {
  return analyze(text).findings.map((f) => `${at(f)}: ${f.message}`);
}

describe('NoVersionCheck in a functional-level plan', () => {
  it('a set-registry while the service runs is not registry-while-running', () => {
    const text = plan({ HV1: WS2016, HV2: WS2016 }, [step.setNvc('HV1'), step.deleteNvc('HV1')]);
    assert.deepEqual(messages(text), []);
  });

  it('check --fix leaves such a plan alone: the node is not taken down for a value that changes nothing', () => {
    const text = plan({ HV1: WS2016, HV2: WS2016 }, [step.setNvc('HV1'), step.deleteNvc('HV1')]);
    const result = fixAll(text);
    assert.deepEqual(result.applied, []);
    assert.equal(result.text, text);
  });

  it('a value of the wrong type, data or key is not noversioncheck-value', () => {
    const text = plan({ HV1: WS2016, HV2: WS2016 }, [
      drain('HV1'),
      step.stop('HV1'),
      step.setNvc('HV1', { type: 'REG_SZ', data: '1', key: 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\ClusSvc' }),
      step.deleteNvc('HV1', { key: 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\ClusSvc' }),
      step.start('HV1'),
      resume('HV1'),
    ]);
    assert.deepEqual(messages(text), []);
  });

  it('a value deleted on a node declared with it, never restarted, is not noversioncheck-still-effective', () => {
    const text = plan({ HV1: { ...WS2016, noVersionCheck: true }, HV2: WS2016 }, [step.deleteNvc('HV1')]);
    assert.deepEqual(messages(text), []);
  });

  it('a value left at the end is noversioncheck-leftover: it only misleads', () => {
    const text = plan({ HV1: { ...WS2016, noVersionCheck: true }, HV2: WS2016 }, [drain('HV2'), step.stop('HV2'), step.setNvc('HV2'), step.start('HV2'), resume('HV2')]);
    assert.deepEqual(messages(text), [
      'noversioncheck-leftover@/nodes/HV1: At the end of the plan, HV1 still has NoVersionCheck in its registry (declared in "nodes"). From Windows Server 2008 on NoVersionCheck bypasses nothing, so the value only misleads whoever reads the registry later: delete it.',
      'noversioncheck-leftover@/steps/2: At the end of the plan, HV2 still has NoVersionCheck in its registry (set at step 3). From Windows Server 2008 on NoVersionCheck bypasses nothing, so the value only misleads whoever reads the registry later: delete it.',
    ]);
  });

  it("noversioncheck-leftover's fix deletes the value and restarts nothing; safe", () => {
    const text = plan({ HV1: { ...WS2016, noVersionCheck: true }, HV2: WS2016 }, []);
    const analysis = analyze(text);
    const finding = analysis.findings.find((f) => f.code === 'noversioncheck-leftover')!;
    const fixes = fixesFor(analysis, finding);
    assert.deepEqual(
      fixes.map((f) => [f.title, f.safe]),
      [['Delete NoVersionCheck on HV1', true]],
    );
    assert.equal(
      applyEdits(text, fixes[0]!.edits),
      text.replace('"steps": []', '"steps": [\n    { "action": "delete-registry", "node": "HV1", "name": "NoVersionCheck" }\n  ]'),
    );
    assert.deepEqual(messages(fixAll(text).text), []);
  });

  it('already-running says only that the service already runs', () => {
    const text = plan({ HV1: WS2016, HV2: WS2016 }, [step.start('HV1'), { action: 'join', node: 'HV2', id: 'again' }]);
    assert.deepEqual(messages(text), [
      'already-running@/steps/0: The Cluster service already runs on HV1 at step 1, so this start does nothing.',
      'already-running@/steps/1: The Cluster service already runs on HV2 at step 2 ("again"), so this join does nothing.',
    ]);
  });
});
