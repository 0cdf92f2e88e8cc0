/**
 * What a runbook says in the plan's own words: a note is shown once, and a node's description is in the
 * node table (Markdown) and in the header (cmd, PowerShell), escaped as other plan text is.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze, exportRunbook, type RunbookFormat } from '../../src/core';
import { plan, readKbExample, step, type Value } from './helpers/plans';

const FORMATS: readonly RunbookFormat[] = ['cmd', 'powershell', 'markdown'];

function runbook(text: string, format: RunbookFormat): string[] {
  const result = exportRunbook(analyze(text), format, { planName: 'p.clusterplan' });
  assert.ok(result.ok, result.ok ? '' : JSON.stringify(result.problems));
  return result.text.split(/\r?\n/);
}

function count(lines: readonly string[], text: string): number {
  return lines.filter((l) => l.includes(text)).length;
}

describe('a note is shown once', () => {
  for (const format of FORMATS) {
    test(`${format}: the KB example's note, which is the step's title`, () => {
      assert.equal(count(runbook(readKbExample(), format), 'Check the MSDTC resources in Cluster Administrator'), 1);
    });

    test(`${format}: a note with a description, shown after the title`, () => {
      const steps: Value[] = [step.stop('N1'), { ...step.note('Move all groups to N2'), description: 'Move the groups' }, step.start('N1')];
      const lines = runbook(plan({ N1: { version: 'ws2003-rtm' }, N2: { version: 'ws2003-rtm' } }, steps), format);
      assert.equal(count(lines, 'Move all groups to N2'), 1);
      assert.equal(count(lines, 'Move the groups'), 1);
    });
  }

  test('the lines of each format for a note with and without a description', () => {
    const steps: Value[] = [step.note('Move all groups to N1'), { ...step.note('Check & <confirm>\nthe disks'), description: 'Disks' }];
    const text = plan({ N1: { version: 'ws2003-rtm' } }, steps);
    const after = (lines: string[], first: string, n: number) => lines.slice(lines.indexOf(first), lines.indexOf(first) + n);
    assert.deepEqual(after(runbook(text, 'cmd'), 'set "CLUSTERPLAN_STEP=2"', 3), [
      'set "CLUSTERPLAN_STEP=2"',
      'echo [step 2/2] Disks',
      'echo     Note: Check ^& ^<confirm^> the disks',
    ]);
    assert.deepEqual(after(runbook(text, 'powershell'), '    $step = 2', 3), ['    $step = 2', "    Write-Host '[step 2/2] Disks'", "    Write-Host '    Note: Check & <confirm> the disks'"]);
    const md = runbook(text, 'markdown');
    assert.deepEqual(after(md, '### 1. Note: Move all groups to N1', 3), ['### 1. Note: Move all groups to N1', '', '**Expected after step 1:** active N1; ClusterHighestVersion 0x00040ECE (4.3790), ClusterLowestVersion 0x00030893 (3.2195).']);
    assert.deepEqual(after(md, '### 2. Disks', 3), ['### 2. Disks', '', 'Note: Check \\& \\<confirm\\> the disks']);
  });
});

describe("a node's description", () => {
  const description = 'File & print\r\nrack "3" %PATH% ^ <#\u0007';
  const text = plan({ N1: { version: 'ws2003-rtm', description }, N2: { version: 'ws2003-rtm' } }, [step.stop('N1')]);

  test('cmd: in the header, on one line, escaped like every other comment', () => {
    const lines = runbook(text, 'cmd');
    assert.deepEqual(lines.slice(lines.indexOf('rem Nodes at the start:') + 1).slice(0, 2), [
      'rem   N1  highest 0x00040ECE (4.3790)  lowest 0x00030893 (3.2195)  ws2003-rtm  running  File ^& print rack ^"3^" %%PATH%% ^^ ^<#?',
      'rem   N2  highest 0x00040ECE (4.3790)  lowest 0x00030893 (3.2195)  ws2003-rtm  running',
    ]);
  });

  test('powershell: in the header, on one comment line', () => {
    const lines = runbook(text, 'powershell');
    assert.deepEqual(lines.slice(lines.indexOf('# Nodes at the start:') + 1).slice(0, 2), [
      '#   N1  highest 0x00040ECE (4.3790)  lowest 0x00030893 (3.2195)  ws2003-rtm  running  File & print rack "3" %PATH% ^ <#?',
      '#   N2  highest 0x00040ECE (4.3790)  lowest 0x00030893 (3.2195)  ws2003-rtm  running',
    ]);
  });

  test('markdown: a column of the node table, escaped', () => {
    const lines = runbook(text, 'markdown');
    assert.deepEqual(lines.slice(lines.indexOf('## Nodes') + 2).slice(0, 4), [
      '| Node | Highest version | Lowest version | Catalog | At the start | Description |',
      '|---|---|---|---|---|---|',
      '| N1 | 0x00040ECE (4.3790) | 0x00030893 (3.2195) | ws2003-rtm | running | File \\& print rack "3" %PATH% ^ \\<\\#\uFFFD |',
      '| N2 | 0x00040ECE (4.3790) | 0x00030893 (3.2195) | ws2003-rtm | running |  |',
    ]);
  });
});
