/**
 * The runbook of a functional-level plan (Windows Server 2008 and later, docs/export.md): the FailoverClusters
 * cmdlets in PowerShell and Markdown, the confirmation around Update-ClusterFunctionalLevel, the expected
 * states with the functional level, and the refusals (cmd, levels below a cmdlet's, no cluster name, unsafe
 * names). Golden files under test/fixtures/export, as export.test.ts has them.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { analyze, exportRunbook, type RunbookFormat, type RunbookResult } from '../../src/core';
import { assertGolden, GOLDEN_DIR, goldenName } from './helpers/golden';
import { plan, type Value } from './helpers/plans';

const IN_PLACE = 'ws2016-to-ws2019';
const CLEAN = 'ws2019-to-ws2022-clean';

function exported(text: string, format: RunbookFormat, options: { force?: boolean; pauseAfterNotes?: boolean; planName?: string } = {}): RunbookResult {
  return exportRunbook(analyze(text), format, options);
}

function linesOf(result: RunbookResult): string[] {
  assert.ok(result.ok, result.ok ? '' : JSON.stringify(result.problems, null, 2));
  return result.text.split(/\r?\n/);
}

/** The lines from `first` up to the blank line that ends its block. */
function block(lines: readonly string[], first: string): string[] {
  const at = lines.indexOf(first);
  assert.ok(at >= 0, first);
  return lines.slice(at, lines.indexOf('', at));
}

function problems(result: RunbookResult): string[] {
  assert.ok(!result.ok, 'the export should be refused');
  return result.problems.map((p) => `${p.kind} ${p.pointer}: ${p.message}`);
}

const fixture = (name: string) => fs.readFileSync(path.join(GOLDEN_DIR, `${name}.clusterplan`), 'utf8');
const ws2016 = { version: 'ws2016' };

describe('golden runbooks of functional-level plans', () => {
  for (const name of [IN_PLACE, CLEAN]) {
    test(`${name}: the plan has no finding`, () => {
      assert.deepEqual(analyze(fixture(name)).findings.map((f) => f.code), []);
    });
    for (const format of ['powershell', 'markdown'] as const) {
      test(`${name} as ${format}`, () => {
        const result = exported(fixture(name), format, { planName: `${name}.clusterplan` });
        assertGolden(goldenName(name, format), result.ok ? result.text : JSON.stringify(result.problems));
      });
    }
  }
});

describe('the PowerShell runbook of a functional-level plan', () => {
  const lines = linesOf(exported(fixture(IN_PLACE), 'powershell'));

  test('checks the FailoverClusters module once, before any step, and says what to install', () => {
    assert.deepEqual(block(lines, 'if (-not (Get-Module -ListAvailable -Name FailoverClusters)) {'), [
      'if (-not (Get-Module -ListAvailable -Name FailoverClusters)) {',
      "    Write-Host 'The FailoverClusters PowerShell module is not on this computer: install the Failover Clustering Tools (RSAT), or run the runbook on a node of the cluster.'",
      '    exit 1',
      '}',
      'Import-Module FailoverClusters',
    ]);
    assert.equal(lines.filter((l) => l.includes('Import-Module')).length, 1);
    assert.ok(lines.indexOf('Import-Module FailoverClusters') < lines.indexOf('try {'));
  });

  test('the header names the module of the newest release, and the confirmation that --no-pause keeps', () => {
    assert.deepEqual(lines.slice(1, 8), [
      "# Run it on an administrator's workstation, with administrative rights on the cluster, in PowerShell with the",
      '# FailoverClusters module of Windows Server 2019 or later, which manages every release in the plan: the',
      '# Failover Clustering Tools (RSAT) bring it, and so does a node of that release. The cmdlets reach the cluster',
      '# by its name, and sc.exe and reg.exe reach each node remotely. It stops at the first step that fails.',
      '# It pauses after each note until you have done what it says, and after each upgrade for setup.',
      '# Before it raises the functional level, which cannot be undone, it asks you to type yes, even with --no-pause.',
      '# -WhatIf shows every change without making any, and does not pause.',
    ]);
  });

  test('a drain waits for it, then checks that every role left; a failure stops the runbook naming the step', () => {
    assert.deepEqual(block(lines, '    # ---- step 1 of 13 ----'), [
      '    # ---- step 1 of 13 ----',
      '    $step = 1',
      "    Write-Host '[step 1/13] Drain HV1: move its roles to the other nodes and pause it'",
      "    if ($PSCmdlet.ShouldProcess('HV1', 'Drain the roles and pause the node')) {",
      "        $null = Suspend-ClusterNode -Cluster 'HVCLUS' -Name 'HV1' -Drain -Wait",
      "        if ((Get-ClusterNode -Cluster 'HVCLUS' -Name 'HV1').DrainStatus -ne 'Completed') { throw 'Not every role left HV1: see its DrainStatus in Failover Cluster Manager.' }",
      '    }',
      "    Write-Host '    expected now: active HV1, HV2, HV3; paused HV1; ClusterHighestVersion 0x00090008 (9.8), ClusterLowestVersion 0x00090008 (9.8); FL 9 (Windows Server 2016)'",
    ]);
    assert.ok(lines.includes("$ErrorActionPreference = 'Stop'"), 'a cmdlet error stops the runbook');
    assert.ok(lines.includes('    Write-Host "Step $step failed and the runbook stopped there: $($_.Exception.Message)"'));
  });

  test('resume fails the roles back at once', () => {
    assert.deepEqual(block(lines, '    # ---- step 4 of 13 ----').slice(3, 6), [
      "    if ($PSCmdlet.ShouldProcess('HV1', 'Resume the node and fail its roles back')) {",
      "        $null = Resume-ClusterNode -Cluster 'HVCLUS' -Name 'HV1' -Failback Immediate",
      '    }',
    ]);
  });

  test('update-functional-level: the -WhatIf run, the levels and why it cannot be undone on screen, the confirmation, then the real call', () => {
    // The last step: its block runs on into the catch.
    assert.deepEqual(block(lines, '    # ---- step 13 of 13 ----').slice(0, 13), [
      '    # ---- step 13 of 13 ----',
      '    $step = 13',
      "    Write-Host '[step 13/13] Raise the level once every node runs Windows Server 2019'",
      "    if ($PSCmdlet.ShouldProcess('HVCLUS', 'Raise the cluster functional level from FL 9 (Windows Server 2016) to FL 10 (Windows Server 2019)')) {",
      '        # A test run first: it changes nothing, and fails if the update would.',
      "        $null = Update-ClusterFunctionalLevel -Cluster 'HVCLUS' -WhatIf",
      "        Write-Host '    The functional level goes from FL 9 (Windows Server 2016) to FL 10 (Windows Server 2019).'",
      "        Write-Host '    This cannot be undone: once the level is raised, no node of Windows Server 2016 can join the cluster again.'",
      "        $answer = Read-Host 'Type yes to raise the functional level for good, or anything else to stop the runbook'",
      "        if ($answer -ne 'yes') { throw 'The functional level was not raised: the administrator did not confirm.' }",
      "        $null = Update-ClusterFunctionalLevel -Cluster 'HVCLUS' -Force",
      '    }',
      "    Write-Host '    expected now: active HV1, HV2, HV3; ClusterHighestVersion 0x000A0003 (10.3), ClusterLowestVersion 0x000A0003 (10.3); FL 10 (Windows Server 2019)'",
    ]);
  });

  test('--no-pause leaves the confirmation in, and the waits for setup', () => {
    const noPause = linesOf(exported(fixture(IN_PLACE), 'powershell', { pauseAfterNotes: false }));
    assert.deepEqual(
      noPause.filter((l) => l.includes('Read-Host')).map((l) => l.trim()),
      [
        ...Array<string>(3).fill("$null = Read-Host 'Press Enter when setup has finished, or Ctrl+C to stop the runbook'"),
        "$answer = Read-Host 'Type yes to raise the functional level for good, or anything else to stop the runbook'",
      ],
    );
  });

  test('every cmdlet is inside ShouldProcess, so -WhatIf runs none of them', () => {
    let depth = 0;
    let cmdlets = 0;
    for (const line of lines.slice(lines.indexOf('try {'))) {
      if (line.startsWith('    if ($PSCmdlet.ShouldProcess(')) depth++;
      else if (line === '    }') depth--;
      else if (/-Cluster '/.test(line)) assert.equal(depth, 1, line), cmdlets++;
    }
    assert.equal(cmdlets, 3 * 4 + 2, 'drain (and its check), start, resume per node; the -WhatIf run and the update');
  });

  test('defines Wait-ClusSvc only when a step calls it: after an in-place upgrade, not in a clean-install runbook', () => {
    const defined = (text: string[]) => text.filter((l) => l === 'function Wait-ClusSvc {').length;
    const called = (text: string[]) => text.filter((l) => l.trimStart().startsWith('Wait-ClusSvc ')).length;
    assert.deepEqual([defined(lines), called(lines)], [1, 3], 'the in-place runbook: the stop after each upgrade');
    const clean = linesOf(exported(fixture(CLEAN), 'powershell'));
    assert.deepEqual([defined(clean), called(clean)], [0, 0], 'the clean-install runbook: cmdlets and installs only');
    assert.deepEqual(clean.slice(clean.indexOf('Import-Module FailoverClusters'), clean.indexOf('try {') + 1), ['Import-Module FailoverClusters', '', 'try {']);
    // The runbook of the KB 811272 releases keeps it, even with no step that waits.
    const classic = linesOf(exported(plan({ N1: { version: 'ws2003-rtm' } }, [{ action: 'note', text: 'check the backups' }]), 'powershell'));
    assert.deepEqual([defined(classic), called(classic)], [1, 0]);
  });
});

describe('the clean-install runbook: evict, install, add', () => {
  const lines = linesOf(exported(fixture(CLEAN), 'powershell'));

  test('evict and add', () => {
    assert.deepEqual(block(lines, '    # ---- step 2 of 9 ----').slice(3, 6), [
      "    if ($PSCmdlet.ShouldProcess('FS1', 'Evict the node from the cluster')) {",
      "        $null = Remove-ClusterNode -Cluster 'FSCLUS' -Name 'FS1' -Force",
      '    }',
    ]);
    assert.deepEqual(block(lines, '    # ---- step 4 of 9 ----').slice(3, 7), [
      "    if ($PSCmdlet.ShouldProcess('FS1', 'Add the node to the cluster')) {",
      "        $null = Add-ClusterNode -Cluster 'FSCLUS' -Name 'FS1'",
      '    }',
      "    Write-Host '    expected now: active FS1, FS2; ClusterHighestVersion 0x000A0003 (10.3), ClusterLowestVersion 0x000B0004 (11.4); mixed versions; FL 10 (Windows Server 2019)'",
    ]);
  });

  test('the install of a node out of the cluster waits for setup, and stops no Cluster service', () => {
    assert.deepEqual(block(lines, '    # ---- step 3 of 9 ----'), [
      '    # ---- step 3 of 9 ----',
      '    $step = 3',
      "    Write-Host '[step 3/9] Upgrade FS1 to ws2022'",
      "    Write-Host '    Install ws2022 on FS1 now, with the Failover Clustering feature: NodeHighestVersion 0x000B0004 (11.4), NodeLowestVersion 0x000B0004 (11.4).'",
      "    if ($PSCmdlet.ShouldProcess('FS1', 'Wait for the installation of ws2022')) {",
      "        $null = Read-Host 'Press Enter when setup has finished, or Ctrl+C to stop the runbook'",
      '    }',
      "    Write-Host '    expected now: active FS2; evicted FS1; ClusterHighestVersion 0x000A0003 (10.3), ClusterLowestVersion 0x000A0003 (10.3); FL 10 (Windows Server 2019)'",
    ]);
  });
});

describe('the other steps of a functional-level plan', () => {
  const steps: Value[] = [
    { action: 'restart', node: 'N2' },
    { action: 'stop', node: 'N2' },
    { action: 'join', node: 'N2', sponsor: 'N1' },
    { action: 'cluster-security', grant: 'CONTOSO\\ops', rights: 'read' },
    { action: 'cluster-security', revoke: 'CONTOSO\\old' },
    { action: 'stop', node: 'N2' },
    { action: 'stop', node: 'N1' },
    { action: 'start', node: 'N1' },
  ];
  const lines = linesOf(exported(plan({ N1: ws2016, N2: ws2016 }, steps, { top: { cluster: 'CLUS' } }), 'powershell', { force: true }));
  const body = (n: number) => block(lines, `    # ---- step ${n} of 8 ----`).slice(3, -1);

  test('restart, stop, join: Stop-ClusterNode and Start-ClusterNode', () => {
    assert.deepEqual(body(1), [
      "    if ($PSCmdlet.ShouldProcess('N2', 'Restart the Cluster service')) {",
      "        $null = Stop-ClusterNode -Cluster 'CLUS' -Name 'N2'",
      "        $null = Start-ClusterNode -Cluster 'CLUS' -Name 'N2'",
      '    }',
    ]);
    assert.deepEqual(body(2), ["    if ($PSCmdlet.ShouldProcess('N2', 'Stop the Cluster service')) {", "        $null = Stop-ClusterNode -Cluster 'CLUS' -Name 'N2'", '    }']);
    assert.deepEqual(body(3), [
      '    # N2 joins the cluster when its service starts.',
      "    if ($PSCmdlet.ShouldProcess('N2', 'Start the Cluster service')) {",
      "        $null = Start-ClusterNode -Cluster 'CLUS' -Name 'N2'",
      '    }',
    ]);
  });

  test('cluster-security: Grant-ClusterAccess and Remove-ClusterAccess, since 2016 has no cluster.exe', () => {
    assert.deepEqual(body(4), [
      "    if ($PSCmdlet.ShouldProcess('CLUS', 'Grant CONTOSO\\ops read-only access to the cluster')) {",
      "        $null = Grant-ClusterAccess -Cluster 'CLUS' -User 'CONTOSO\\ops' -ReadOnly",
      '    }',
    ]);
    assert.deepEqual(body(5), [
      "    if ($PSCmdlet.ShouldProcess('CLUS', 'Remove CONTOSO\\old from the cluster''s access list')) {",
      "        $null = Remove-ClusterAccess -Cluster 'CLUS' -User 'CONTOSO\\old'",
      '    }',
    ]);
  });

  test('a start with no other node running reaches the cluster through the node itself', () => {
    // The last step: its block runs on into the catch.
    assert.deepEqual(block(lines, '    # ---- step 8 of 8 ----').slice(3, 8), [
      '    # No other node runs: the cmdlet reaches the cluster through N1 itself.',
      "    if ($PSCmdlet.ShouldProcess('N1', 'Start the Cluster service')) {",
      "        $null = Start-ClusterNode -Cluster 'N1' -Name 'N1'",
      '    }',
      "    Write-Host '    expected now: active N1; ClusterHighestVersion 0x00090008 (9.8), ClusterLowestVersion 0x00090008 (9.8); FL 9 (Windows Server 2016)'",
    ]);
  });
});

describe('refusals of functional-level plans', () => {
  const CMD_REFUSAL =
    'format : a cmd runbook cannot run the FailoverClusters cmdlets that Windows Server 2008 and later need: export the PowerShell runbook (--format powershell) instead.';

  test('cmd: one problem naming --format powershell, with or without --force', () => {
    for (const force of [false, true]) assert.deepEqual(problems(exported(fixture(IN_PLACE), 'cmd', { force })), [CMD_REFUSAL]);
    // A plan of the KB 811272 releases still exports to cmd.
    assert.ok(exported(plan({ N1: { version: 'ws2003-rtm' } }, [{ action: 'stop', node: 'N1' }]), 'cmd').ok);
  });

  test('a step whose cmdlet needs a higher level than the cluster has before it, in PowerShell and Markdown', () => {
    const ws2008r2 = { version: 'ws2008r2' };
    const text = plan({ N1: ws2008r2, N2: ws2008r2 }, [{ action: 'stop', node: 'N2' }, { action: 'drain', node: 'N1' }, { action: 'update-functional-level' }], { top: { cluster: 'OLD' } });
    for (const format of ['powershell', 'markdown'] as const) {
      assert.deepEqual(problems(exported(text, format, { force: true })), [
        'unsafe /steps/1: step 2 needs Suspend-ClusterNode -Drain, available for clusters from FL 7 (Windows Server 2012, inferred) on, and the cluster is at FL 6 (Windows Server 2008 R2, inferred) before it: do this step by hand, and make it a "note" in the plan.',
        'unsafe /steps/2: step 3 needs Update-ClusterFunctionalLevel, available for clusters from FL 8 (Windows Server 2012 R2) on, and the cluster is at FL 6 (Windows Server 2008 R2, inferred) before it: do this step by hand, and make it a "note" in the plan.',
      ]);
    }
  });

  test('a refusal names the cmdlet as completion, the step hover and the runbook do', () => {
    const ws2008r2 = { version: 'ws2008r2' };
    const text = plan({ N1: { ...ws2008r2, paused: true }, N2: ws2008r2 }, [{ action: 'resume', node: 'N1' }], { top: { cluster: 'OLD' } });
    assert.deepEqual(problems(exported(text, 'powershell', { force: true })), [
      'unsafe /steps/0: step 1 needs Resume-ClusterNode -Failback Immediate, available for clusters from FL 7 (Windows Server 2012, inferred) on, and the cluster is at FL 6 (Windows Server 2008 R2, inferred) before it: do this step by hand, and make it a "note" in the plan.',
    ]);
    const restart = plan({ N1: { version: 'ws2008' } }, [{ action: 'restart', node: 'N1' }], { top: { cluster: 'OLD' } });
    assert.deepEqual(problems(exported(restart, 'powershell', { force: true })), [
      'unsafe /steps/0: step 1 needs Stop-ClusterNode and Start-ClusterNode, available for clusters from FL 6 (Windows Server 2008 R2, inferred) on, and the cluster is at FL 5 (Windows Server 2008, inferred) before it: do this step by hand, and make it a "note" in the plan.',
    ]);
  });

  test('Windows Server 2008 has no FailoverClusters module: its stop is refused; a 2012 cluster drains', () => {
    const text = plan({ N1: { version: 'ws2008' } }, [{ action: 'stop', node: 'N1' }], { top: { cluster: 'OLD' } });
    assert.deepEqual(problems(exported(text, 'powershell', { force: true })), [
      'unsafe /steps/0: step 1 needs Stop-ClusterNode, available for clusters from FL 6 (Windows Server 2008 R2, inferred) on, and the cluster is at FL 5 (Windows Server 2008, inferred) before it: do this step by hand, and make it a "note" in the plan.',
    ]);
    const ws2012 = { version: 'ws2012' };
    assert.ok(exported(plan({ N1: ws2012, N2: ws2012 }, [{ action: 'drain', node: 'N1' }], { top: { cluster: 'C' } }), 'powershell').ok, 'FL 7 drains');
  });

  test('no "cluster": refused once, at the first step that needs it', () => {
    const text = plan({ N1: ws2016, N2: ws2016 }, [{ action: 'note', text: 'begin' }, { action: 'drain', node: 'N1' }, { action: 'resume', node: 'N1' }]);
    for (const format of ['powershell', 'markdown'] as const) {
      assert.deepEqual(problems(exported(text, format, { force: true })), [
        'unsafe /steps/1: The plan names no cluster, and the FailoverClusters cmdlets reach the cluster by its name (-Cluster): add "cluster": "NAME" at the top of the plan.',
      ]);
    }
  });

  test('unsafe names, as for the KB 811272 steps', () => {
    assert.deepEqual(problems(exported(plan({ N1: ws2016 }, [{ action: 'drain', node: 'N1' }], { top: { cluster: 'HV CLUS' } }), 'powershell', { force: true })), [
      'unsafe /cluster: The cluster name "HV CLUS" contains a space, which a NetBIOS name cannot contain and which would change the meaning of the command. Rename the cluster in the plan.',
    ]);
    const undeclared = plan({ N1: ws2016 }, [{ action: 'add', node: 'N&1\u0007' }], { top: { cluster: 'C' } });
    assert.deepEqual(problems(exported(undeclared, 'markdown', { force: true })), [
      'unsafe /steps/0/node: The node name "N&1\\u0007" contains the control character U+0007, which no runbook can carry safely. Rename the node in the plan.',
    ]);
  });
});

test('a node declared paused: the nodes table and the state before the first step say so', () => {
  const text = plan({ N1: { version: 'ws2016', paused: true }, N2: ws2016 }, [{ action: 'resume', node: 'N1' }], { top: { cluster: 'C' } });
  const lines = linesOf(exported(text, 'powershell'));
  assert.ok(lines.includes('#   N1  highest 0x00090008 (9.8)  lowest 0x00090008 (9.8)  ws2016  running, paused'));
  assert.ok(lines.includes('#   start   active N1, N2; paused N1; ClusterHighestVersion 0x00090008 (9.8), ClusterLowestVersion 0x00090008 (9.8); FL 9 (Windows Server 2016)'));
  assert.ok(lines.includes('#   step 1  active N1, N2; ClusterHighestVersion 0x00090008 (9.8), ClusterLowestVersion 0x00090008 (9.8); FL 9 (Windows Server 2016)'));
});

describe('the Markdown runbook of a functional-level plan', () => {
  const lines = linesOf(exported(fixture(IN_PLACE), 'markdown'));

  test('update-functional-level in words: the test run, the confirmation, the real call, irreversible', () => {
    const at = lines.indexOf('### 13. Raise the level once every node runs Windows Server 2019');
    assert.deepEqual(lines.slice(at, at + 16), [
      '### 13. Raise the level once every node runs Windows Server 2019',
      '',
      'First a test run, which changes nothing and fails if the update would (for instance while a node is paused or stopped):',
      '',
      '```powershell',
      "Update-ClusterFunctionalLevel -Cluster 'HVCLUS' -WhatIf",
      '```',
      '',
      'If it succeeds, confirm (the PowerShell runbook asks you to type yes, even when exported with --no-pause), then raise the level:',
      '',
      '```powershell',
      "Update-ClusterFunctionalLevel -Cluster 'HVCLUS' -Force",
      '```',
      '',
      '**This cannot be undone: once the level is raised, no node of Windows Server 2016 can join the cluster again.**',
      '',
    ]);
  });

  test('each expected state shows the level and the release it stands for', () => {
    const expected = lines.filter((l) => l.startsWith('**Expected after step '));
    assert.equal(expected.length, 13);
    for (const l of expected.slice(0, 12)) assert.ok(l.endsWith('; FL 9 (Windows Server 2016).'), l);
    assert.ok(expected[12]!.endsWith('; FL 10 (Windows Server 2019).'));
  });
});

describe('an update-functional-level the plan expects to change nothing', () => {
  // functional-level-update-noop is a warning: the plan exports, and the runbook must not promise a raise.
  const noop = plan({ N1: ws2016, N2: ws2016 }, [{ action: 'update-functional-level' }], { top: { cluster: 'HVCLUS' } });

  test('PowerShell: the title and the line before the confirmation say the level stays', () => {
    const lines = linesOf(exported(noop, 'powershell'));
    assert.ok(lines.includes("    Write-Host '[step 1/1] Update the cluster functional level, which the plan expects to stay at FL 9 (Windows Server 2016)'"), lines.join('\n'));
    assert.ok(lines.includes("        Write-Host '    The plan expects no change: the level stays at FL 9 (Windows Server 2016) (see the findings above).'"));
    assert.ok(!lines.some((l) => l.includes('to FL 10')), 'no raise to FL 10 is announced');
  });

  test('Markdown: the same', () => {
    const lines = linesOf(exported(noop, 'markdown'));
    assert.ok(lines.includes('### 1. Update the cluster functional level, which the plan expects to stay at FL 9 (Windows Server 2016)'), lines.join('\n'));
    assert.ok(lines.includes('The plan expects no change: the level stays at FL 9 (Windows Server 2016) (see the findings above).'));
  });
});

describe('the module the runbook asks for', () => {
  const moduleLine = (nodes: Record<string, Value>, steps: Value[]) => linesOf(exported(plan(nodes, steps, { top: { cluster: 'CLUS' } }), 'powershell'))[2];

  test('is never older than 2008 R2, the first release with it, even for a plan of Windows Server 2008 nodes', () => {
    assert.equal(moduleLine({ N1: { version: 'ws2008' }, N2: { version: 'ws2008' } }, []), '# FailoverClusters module of Windows Server 2008 R2 or later, which manages every release in the plan: the');
  });

  test('is that of Windows Server 2016 or later when the plan raises the level: Update-ClusterFunctionalLevel came with it', () => {
    const nodes = { N1: { version: 'ws2012r2' }, N2: { version: 'ws2012r2' } };
    assert.equal(moduleLine(nodes, []), '# FailoverClusters module of Windows Server 2012 R2 or later, which manages every release in the plan: the');
    assert.equal(moduleLine(nodes, [{ action: 'update-functional-level' }]), '# FailoverClusters module of Windows Server 2016 or later, which manages every release in the plan: the');
  });
});
