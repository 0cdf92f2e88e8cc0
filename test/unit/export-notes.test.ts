/**
 * What a runbook says in the plan's own words: a note is shown once, and the runbook waits until the
 * operator has done it (unless exported with --no-pause); a node's description is in the node table
 * (Markdown) and in the header (cmd, PowerShell), escaped as other plan text is.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze, exportRunbook, type RunbookFormat } from '../../src/core';
import { plan, readKbExample, step, type Value } from './helpers/plans';

const FORMATS: readonly RunbookFormat[] = ['cmd', 'powershell', 'markdown'];

function runbook(text: string, format: RunbookFormat, pauseAfterNotes?: boolean): string[] {
  const result = exportRunbook(analyze(text), format, { planName: 'p.clusterplan', ...(pauseAfterNotes === undefined ? {} : { pauseAfterNotes }) });
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

/** The lines of step `n` of a cmd or PowerShell runbook, from its number to its expected state. */
function stepLines(lines: readonly string[], n: number, format: 'cmd' | 'powershell'): string[] {
  const at = lines.indexOf(format === 'cmd' ? `set "CLUSTERPLAN_STEP=${n}"` : `    $step = ${n}`);
  return lines.slice(at, lines.findIndex((l, i) => i > at && l.includes('expected now: ')) + 1);
}

describe('a note pauses until it is done', () => {
  const EXPECTED = 'expected now: active NODE1, NODE2; ClusterHighestVersion 0x00040ECE (4.3790), ClusterLowestVersion 0x00030893 (3.2195)';
  const cmdPause = ['echo     Press a key when this is done, or Ctrl+C to stop the runbook.', 'pause >nul'];
  const psPause = "    if (-not $WhatIfPreference) { $null = Read-Host 'Press Enter when this is done, or Ctrl+C to stop the runbook' }";

  test('cmd: pause after the KB example\'s note', () => {
    assert.deepEqual(stepLines(runbook(readKbExample(), 'cmd'), 15, 'cmd'), [
      'set "CLUSTERPLAN_STEP=15"',
      'echo [step 15/15] Note: Check the MSDTC resources in Cluster Administrator',
      ...cmdPause,
      `echo     ${EXPECTED}`,
    ]);
  });

  test('powershell: Read-Host after the note, except under -WhatIf', () => {
    assert.deepEqual(stepLines(runbook(readKbExample(), 'powershell'), 15, 'powershell'), [
      '    $step = 15',
      "    Write-Host '[step 15/15] Note: Check the MSDTC resources in Cluster Administrator'",
      psPause,
      `    Write-Host '    ${EXPECTED}'`,
    ]);
  });

  test('a note with a description: the note, then the pause', () => {
    const text = plan({ N1: { version: 'ws2003-rtm' } }, [{ ...step.note('Move all groups to N1'), description: 'Groups' }]);
    assert.deepEqual(stepLines(runbook(text, 'cmd'), 1, 'cmd').slice(1, 5), ['echo [step 1/1] Groups', 'echo     Note: Move all groups to N1', ...cmdPause]);
    assert.deepEqual(stepLines(runbook(text, 'powershell'), 1, 'powershell').slice(1, 4), ["    Write-Host '[step 1/1] Groups'", "    Write-Host '    Note: Move all groups to N1'", psPause]);
  });

  test('pauseAfterNotes false (--no-pause): the note is shown and the runbook goes on; upgrades still wait for setup', () => {
    const cmd = runbook(readKbExample(), 'cmd', false);
    assert.deepEqual(stepLines(cmd, 15, 'cmd'), ['set "CLUSTERPLAN_STEP=15"', 'echo [step 15/15] Note: Check the MSDTC resources in Cluster Administrator', `echo     ${EXPECTED}`]);
    assert.equal(cmd.filter((l) => l === 'pause >nul').length, 2, 'steps 4 and 7, the upgrades');
    assert.ok(cmd.includes('rem It pauses after each upgrade for setup; exported with --no-pause, it shows each note and goes on.'));
    const ps = runbook(readKbExample(), 'powershell', false);
    assert.equal(stepLines(ps, 15, 'powershell').length, 3);
    assert.equal(ps.filter((l) => l.includes('Read-Host')).length, 2, 'steps 4 and 7, the upgrades');
    assert.ok(ps.includes('# It pauses after each upgrade for setup; exported with --no-pause, it shows each note and goes on.'));
    // Markdown is a document: it has no pauses to leave out.
    assert.deepEqual(runbook(readKbExample(), 'markdown', false), runbook(readKbExample(), 'markdown'));
  });

  test('the header says so', () => {
    assert.ok(runbook(readKbExample(), 'cmd').includes('rem It pauses after each note until you have done what it says, and after each upgrade for setup.'));
    const ps = runbook(readKbExample(), 'powershell');
    assert.ok(ps.includes('# It pauses after each note until you have done what it says, and after each upgrade for setup.'));
    assert.ok(ps.includes('# -WhatIf shows every change without making any, and does not pause.'));
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
