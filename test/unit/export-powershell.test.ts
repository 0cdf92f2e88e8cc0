/**
 * The PowerShell runbook runs every command from the administrator's workstation, as the cmd runbook does:
 * sc.exe and reg.exe reach each node remotely, cluster.exe the cluster. Nothing runs on a node, so Windows
 * 2000 and Server 2003 nodes need neither PowerShell nor WinRM. The exact lines of the KB example, every
 * action, and a model of how PowerShell passes single-quoted arguments to a native program.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze, exportRunbook, type RunbookResult } from '../../src/core';
import { plan, readKbExample, step, type Value } from './helpers/plans';

function powershell(text: string): string[] {
  const result: RunbookResult = exportRunbook(analyze(text), 'powershell', { planName: 'p.clusterplan' });
  assert.ok(result.ok, result.ok ? '' : JSON.stringify(result.problems));
  return result.text.split('\r\n');
}

/** The lines from `first` up to the blank line that ends its block. */
function block(lines: readonly string[], first: string): string[] {
  const at = lines.indexOf(first);
  assert.ok(at >= 0, first);
  return lines.slice(at, lines.indexOf('', at));
}

const PARAMETERS = 'SYSTEM\\CurrentControlSet\\Services\\ClusSvc\\Parameters';

describe('the KB example as PowerShell, line by line', () => {
  const lines = powershell(readKbExample());

  test('the header says which Windows the workstation needs, and that the nodes need no PowerShell', () => {
    assert.deepEqual(lines.slice(1, 8), [
      "# Run it on an administrator's workstation, with administrative rights on every node: Windows XP or Windows",
      '# Server 2003, for cluster.exe (XP gets it from the Windows Server 2003 Administration Tools Pack, adminpak.msi).',
      '# PowerShell 2.0 or later runs it (on XP and Server 2003: the Windows Management Framework Core, KB968930).',
      '# Every command runs there: sc.exe and reg.exe reach each node remotely, and cluster.exe the cluster, so the',
      '# nodes need neither PowerShell nor WinRM. It stops at the first step that fails.',
      '# It pauses after each note until you have done what it says, and after each upgrade for setup.',
      '# -WhatIf shows every change without making any, and does not pause.',
    ]);
  });

  test('the script block: -WhatIf, and the wait for ClusSvc that polls sc.exe from the workstation', () => {
    assert.deepEqual(block(lines, '[CmdletBinding(SupportsShouldProcess=$true)]'), ['[CmdletBinding(SupportsShouldProcess=$true)]', 'param()']);
    assert.deepEqual(block(lines, "$ErrorActionPreference = 'Stop'"), [
      "$ErrorActionPreference = 'Stop'",
      '# The runbook checks every exit code itself: PowerShell 7.4 and later must not turn one into an error.',
      '$PSNativeCommandUseErrorActionPreference = $false',
      '$step = 0',
    ]);
    assert.deepEqual(block(lines, '# Waits until ClusSvc on the node reports the state: at most 36 queries, 5 seconds apart.'), [
      '# Waits until ClusSvc on the node reports the state: at most 36 queries, 5 seconds apart.',
      'function Wait-ClusSvc {',
      '    param([string]$Node, [string]$State)',
      '    Write-Host "    waiting until ClusSvc on $Node is $State (at most 180 seconds)"',
      '    for ($try = 1; ; $try++) {',
      '        $query = & sc.exe "\\\\$Node" query clussvc',
      '        if ($LASTEXITCODE -eq 0 -and ($query -match $State)) { return }',
      '        if ($try -ge 36) { throw "The Cluster service on $Node did not reach $State within 180 seconds." }',
      '        Start-Sleep -Seconds 5',
      '    }',
      '}',
    ]);
  });

  test('a stop: sc.exe, its exit code, the wait', () => {
    assert.deepEqual(block(lines, '    # ---- step 1 of 15 ----'), [
      '    # ---- step 1 of 15 ----',
      '    $step = 1',
      "    Write-Host '[step 1/15] Stop the Cluster service on NODE1'",
      "    if ($PSCmdlet.ShouldProcess('NODE1', 'Stop the Cluster service')) {",
      "        & sc.exe '\\\\NODE1' stop clussvc",
      '        if ($LASTEXITCODE -ne 0) { throw "sc.exe stop failed with exit code $LASTEXITCODE" }',
      "        Wait-ClusSvc -Node 'NODE1' -State 'STOPPED'",
      '    }',
      "    Write-Host '    expected now: active NODE2; ClusterHighestVersion 0x00040E86 (4.3718), ClusterLowestVersion 0x00030893 (3.2195)'",
    ]);
  });

  test("NoVersionCheck: reg.exe with the node's remote key", () => {
    assert.deepEqual(block(lines, '    # ---- step 2 of 15 ----').slice(3, 7), [
      "    if ($PSCmdlet.ShouldProcess('NODE1', 'Set NoVersionCheck = 1 (REG_DWORD)')) {",
      `        & reg.exe add '\\\\NODE1\\HKLM\\${PARAMETERS}' /v NoVersionCheck /t REG_DWORD /d '1' /f`,
      '        if ($LASTEXITCODE -ne 0) { throw "reg.exe add failed with exit code $LASTEXITCODE" }',
      '    }',
    ]);
    assert.deepEqual(block(lines, '    # ---- step 10 of 15 ----').slice(3, 7), [
      "    if ($PSCmdlet.ShouldProcess('NODE2', 'Delete NoVersionCheck')) {",
      `        & reg.exe delete '\\\\NODE2\\HKLM\\${PARAMETERS}' /v NoVersionCheck /f`,
      '        if ($LASTEXITCODE -ne 0) { throw "reg.exe delete failed with exit code $LASTEXITCODE" }',
      '    }',
    ]);
  });

  test('an upgrade: the pause for setup, then sc.exe stop, where 1062 (not running) is no failure', () => {
    assert.deepEqual(block(lines, '    # ---- step 4 of 15 ----').slice(3, 12), [
      "    Write-Host '    Upgrade NODE2 now to ws2003-rtm: NodeHighestVersion 0x00040ECE (4.3790), NodeLowestVersion 0x00030893 (3.2195).'",
      "    if ($PSCmdlet.ShouldProcess('NODE2', 'Wait for the upgrade to ws2003-rtm, then make sure the Cluster service is stopped')) {",
      "        $null = Read-Host 'Press Enter when setup has finished, or Ctrl+C to stop the runbook'",
      '        # The plan expects the Cluster service stopped after an upgrade, and a later step starts it. Setup',
      '        # may have started it, so stop it; exit code 1062 only means that it was not running.',
      "        $null = & sc.exe '\\\\NODE2' stop clussvc",
      '        if ($LASTEXITCODE -ne 0 -and $LASTEXITCODE -ne 1062) { throw "sc.exe stop failed with exit code $LASTEXITCODE" }',
      "        Wait-ClusSvc -Node 'NODE2' -State 'STOPPED'",
      '    }',
    ]);
  });

  test('the security descriptor: cluster.exe /cluster:NAME', () => {
    assert.deepEqual(block(lines, '    # ---- step 13 of 15 ----').slice(3, 7), [
      "    if ($PSCmdlet.ShouldProcess('PRODCLUS', 'Grant NETWORKSERVICE full access to the cluster security descriptor')) {",
      "        & cluster.exe '/cluster:PRODCLUS' /prop 'Security=NETWORKSERVICE,grant,f:security'",
      '        if ($LASTEXITCODE -ne 0) { throw "cluster.exe failed with exit code $LASTEXITCODE" }',
      '    }',
    ]);
  });
});

describe('every action', () => {
  const rc2 = { version: 'ws2003-rc2' };
  const every: Value[] = [
    step.stop('N1'),
    step.setNvc('N1'),
    step.start('N1'),
    step.upgrade('N2', 'ws2003-rtm'),
    step.setNvc('N2', { key: `HKLM\\${PARAMETERS}` }),
    step.join('N2', 'N1'),
    step.restart('N2'),
    step.deleteNvc('N2', { key: 'HKLM\\SOFTWARE\\Other' }),
    step.grant(),
    step.revoke(),
    step.note('Move all groups to N1'),
  ];
  const lines = powershell(plan({ N1: rc2, N2: rc2 }, every, { top: { cluster: 'CLUS' } }));

  test('no line reaches into a node: no remoting, no remote cmdlet', () => {
    for (const line of lines) assert.doesNotMatch(line, /Invoke-Command|PSSession|-ComputerName|Get-Service|ItemProperty/i, line);
  });

  test('every native command is followed by the check of its exit code', () => {
    const native = lines.flatMap((l, i) => (/^\s*(\$null = )?& \w+\.exe /.test(l) && !l.includes('query clussvc') ? [i] : []));
    assert.deepEqual(
      native.map((i) => lines[i]!.trim().replace(/^\$null = /, '').split(' ').slice(0, 4).join(' ')),
      [
        "& sc.exe '\\\\N1' stop",
        "& reg.exe add '\\\\N1\\HKLM\\SYSTEM\\CurrentControlSet\\Services\\ClusSvc\\Parameters'",
        "& sc.exe '\\\\N1' start",
        "& sc.exe '\\\\N2' stop",
        "& reg.exe add '\\\\N2\\HKLM\\SYSTEM\\CurrentControlSet\\Services\\ClusSvc\\Parameters'",
        "& sc.exe '\\\\N2' start",
        "& sc.exe '\\\\N2' stop",
        "& sc.exe '\\\\N2' start",
        "& reg.exe delete '\\\\N2\\HKLM\\SOFTWARE\\Other'",
        "& cluster.exe '/cluster:CLUS' /prop",
        "& cluster.exe '/cluster:CLUS' /prop",
      ],
    );
    for (const i of native) assert.match(lines[i + 1]!, /^ {8}if \(\$LASTEXITCODE -ne 0( -and \$LASTEXITCODE -ne 1062)?\) \{ throw "[a-z.]+exe( \w+)? failed with exit code \$LASTEXITCODE" \}$/, lines[i]);
  });

  test('every change is inside ShouldProcess, so -WhatIf runs none of them', () => {
    let depth = 0;
    for (const line of lines.slice(lines.indexOf('try {'))) {
      if (line.startsWith('    if ($PSCmdlet.ShouldProcess(')) depth++;
      else if (line === '    }') depth--;
      else if (/& \w+\.exe /.test(line) && !line.includes('query clussvc')) assert.equal(depth, 1, line);
    }
  });
});

// ── What a native program receives ─────────────────────────────────────────────────────────────────────

/** The arguments of a `& program.exe …` line: single-quoted strings (`''` is one quote) and bare words. */
function psArguments(line: string): string[] {
  const args: string[] = [];
  const re = /'((?:[^']|'')*)'|(\S+)/g;
  for (const m of line.trim().replace(/^(\$null = )?& \S+ /, '').matchAll(re)) args.push(m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]!);
  return args;
}

/** Windows PowerShell 2.0 to 5.1: an empty argument is left out, one with white space is put between quotes. */
function legacyCommandLine(args: readonly string[]): string {
  return args.filter((a) => a !== '').map((a) => (/\s/.test(a) ? `"${a}"` : a)).join(' ');
}

/** PowerShell 7.3 and later: each argument quoted as the C runtime reads it back. */
function windowsCommandLine(args: readonly string[]): string {
  return args.map((a) => (a !== '' && !/[\s"]/.test(a) ? a : `"${a.replace(/(\\*)"/g, '$1$1\\"').replace(/(\\+)$/, '$1$1')}"`)).join(' ');
}

/** How sc.exe, reg.exe and cluster.exe (the C runtime) split their command line into arguments. */
function crtArguments(line: string): string[] {
  const args: string[] = [];
  let i = 0;
  while (i < line.length) {
    while (line[i] === ' ' || line[i] === '\t') i++;
    if (i >= line.length) break;
    let arg = '';
    let quoted = false;
    while (i < line.length && (quoted || (line[i] !== ' ' && line[i] !== '\t'))) {
      let slashes = 0;
      while (line[i] === '\\') slashes++, i++;
      if (line[i] === '"') {
        arg += '\\'.repeat(Math.floor(slashes / 2));
        if (slashes % 2 === 1) arg += '"';
        else quoted = !quoted;
        i++;
      } else if (slashes > 0) {
        arg += '\\'.repeat(slashes);
      } else {
        arg += line[i++];
      }
    }
    args.push(arg);
  }
  return args;
}

describe('PowerShell passes every value to the program exactly', () => {
  const SPECIAL = "&^%!'();,=$`@#[]{}~";
  const names = [...SPECIAL].flatMap((c) => [`A${c}B`, `${c}X`, `X${c}`, `${c}${c}`]);

  function received(lines: readonly string[], program: string): string[][] {
    return lines
      .filter((l) => l.includes(`& ${program} `) && !l.includes('query clussvc'))
      .map((l) => {
        const args = psArguments(l);
        const legacy = crtArguments(legacyCommandLine(args));
        assert.deepEqual(crtArguments(windowsCommandLine(args)), legacy, l);
        return legacy;
      });
  }

  test(`${names.length} names, a key and data with spaces, an account with a space`, () => {
    for (const name of names) {
      const steps: Value[] = [
        step.stop(name),
        step.setNvc(name, { key: "HKLM\\SOFTWARE\\It's [50%] & <more>", type: 'REG_SZ', data: `1 ${name} x\\y` }),
        { action: 'cluster-security', grant: 'NT AUTHORITY\\NETWORK SERVICE', rights: 'read' },
      ];
      const lines = powershell(plan({ [name]: { version: 'ws2003-rtm' }, N2: { version: 'ws2003-rtm' } }, steps, { top: { cluster: name } }));
      assert.deepEqual(received(lines, 'sc.exe'), [[`\\\\${name}`, 'stop', 'clussvc']], name);
      assert.deepEqual(
        received(lines, 'reg.exe'),
        [['add', `\\\\${name}\\HKLM\\SOFTWARE\\It's [50%] & <more>`, '/v', 'NoVersionCheck', '/t', 'REG_SZ', '/d', `1 ${name} x\\y`, '/f']],
        name,
      );
      assert.deepEqual(received(lines, 'cluster.exe'), [[`/cluster:${name}`, '/prop', 'Security=NT AUTHORITY\\NETWORK SERVICE,grant,r:security']], name);
    }
  });

  test('data that Windows PowerShell 5.1 would not pass as written is refused, in every format', () => {
    const rtm = { version: 'ws2003-rtm' };
    const steps = [step.setNvc('N1', { type: 'REG_SZ', data: '' }), step.setNvc('N1', { type: 'REG_EXPAND_SZ', data: 'C:\\Program Files\\' }), step.setNvc('N1', { type: 'REG_SZ', data: 'C:\\Tools\\' })];
    for (const format of ['cmd', 'powershell', 'markdown'] as const) {
      const result = exportRunbook(analyze(plan({ N1: rtm }, steps)), format, { force: true });
      assert.deepEqual(result.ok ? [] : result.problems.map((p) => `${p.pointer}: ${p.message}`), [
        '/steps/0: The data "" in step 1 is empty, which Windows PowerShell 5.1 and earlier leave out of reg.exe\'s arguments: change the data, or set this value by hand.',
        '/steps/1: The data "C:\\\\Program Files\\\\" in step 2 ends with "\\" after a space: Windows PowerShell 5.1 and earlier would pass it to reg.exe with a quote after that "\\", which reg.exe reads as part of the data. Change the data, or set this value by hand.',
      ]);
    }
  });
});
