/**
 * Runbook export, through the core's public entry point: golden files for the three formats on the
 * KB example and on hostile names, the exact refusals, and models of how cmd and PowerShell read what the
 * export writes. Golden files change only deliberately:
 *
 *   UPDATE_GOLDEN=1 node --test out/test/unit/export.test.js    (then review `git diff test/fixtures/export`)
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { analyze, exportRunbook, RUNBOOK_FORMATS, type RunbookFormat, type RunbookResult } from '../../src/core';
import { assertGolden, GOLDEN_DIR, goldenName } from './helpers/golden';
import { plan, readKbExample, step, type Value } from './helpers/plans';

const ROOT = path.resolve(__dirname, '../../..');
const HOSTILE = path.join(GOLDEN_DIR, 'hostile.clusterplan');
const FORMATS: readonly RunbookFormat[] = ['cmd', 'powershell', 'markdown'];

function exported(text: string, format: RunbookFormat, force = false, planName?: string): RunbookResult {
  return exportRunbook(analyze(text), format, { force, ...(planName ? { planName } : {}) });
}

function textOf(result: RunbookResult): string {
  assert.ok(result.ok, `export refused: ${result.ok ? '' : JSON.stringify(result.problems, null, 2)}`);
  return result.text;
}

describe('golden runbooks', () => {
  for (const format of FORMATS) {
    test(`the KB 811272 example as ${format}`, () => {
      assertGolden(goldenName('kb811272', format), textOf(exported(readKbExample(), format, false, 'kb811272-rc2-to-rtm.clusterplan')));
    });
    test(`hostile names as ${format}`, () => {
      assertGolden(goldenName('hostile', format), textOf(exported(fs.readFileSync(HOSTILE, 'utf8'), format, false, 'hostile.clusterplan')));
    });
  }
});

describe('line endings and characters', () => {
  for (const format of FORMATS) {
    test(`${format}: ${JSON.stringify(RUNBOOK_FORMATS[format].eol)} on every line, ASCII only for the shells`, () => {
      const text = textOf(exported(fs.readFileSync(HOSTILE, 'utf8'), format));
      if (RUNBOOK_FORMATS[format].eol === '\r\n') {
        assert.doesNotMatch(text, /[^\r]\n|\r(?!\n)/);
        assert.doesNotMatch(text, /[^\x20-\x7e\r\n]/, 'cmd and Windows PowerShell read a BOM-less file in a legacy code page');
      } else {
        assert.doesNotMatch(text, /\r/);
      }
      assert.ok(text.endsWith(RUNBOOK_FORMATS[format].eol));
    });
  }
});

describe('what each shell receives', () => {
  const kb = (format: RunbookFormat) => textOf(exported(readKbExample(), format)).split(/\r?\n/);

  test('cmd: the KB commands, each followed by the errorlevel check', () => {
    const lines = kb('cmd');
    for (const command of [
      'sc \\\\NODE1 stop clussvc',
      'reg add "\\\\NODE1\\HKLM\\SYSTEM\\CurrentControlSet\\Services\\ClusSvc\\Parameters" /v NoVersionCheck /t REG_DWORD /d 1 /f',
      'reg delete "\\\\NODE2\\HKLM\\SYSTEM\\CurrentControlSet\\Services\\ClusSvc\\Parameters" /v NoVersionCheck /f',
      'cluster /cluster:PRODCLUS /prop Security=NETWORKSERVICE,grant,f:security',
      'cluster /cluster:PRODCLUS /prop Security=SERVICE,revoke:security',
    ]) {
      const at = lines.indexOf(command);
      assert.ok(at >= 0, command);
      assert.equal(lines[at + 1], 'if errorlevel 1 goto :failed', command);
    }
    assert.ok(lines.includes('setlocal EnableExtensions DisableDelayedExpansion'));
    assert.equal(lines.filter((l) => /^echo \[step \d+\/15\] /.test(l)).length, 15);
  });

  test('cmd: a stop waits with ping, since Windows XP has no timeout.exe', () => {
    const lines = kb('cmd');
    const at = lines.indexOf('rem ---- step 1 of 15 ----');
    assert.deepEqual(lines.slice(at, lines.indexOf('', at)), [
      'rem ---- step 1 of 15 ----',
      'set "CLUSTERPLAN_STEP=1"',
      'echo [step 1/15] Stop the Cluster service on NODE1',
      'sc \\\\NODE1 stop clussvc',
      'if errorlevel 1 goto :failed',
      'echo     waiting until ClusSvc on NODE1 is STOPPED (at most 180 seconds)',
      'set /a CLUSTERPLAN_TRIES=0',
      ':wait1_stopped',
      'sc \\\\NODE1 query clussvc >"%TEMP%\\clusterplan-sc-query.txt" 2>&1',
      'find "STOPPED" "%TEMP%\\clusterplan-sc-query.txt" >nul',
      'if not errorlevel 1 goto :done1_stopped',
      'set /a CLUSTERPLAN_TRIES+=1',
      'if %CLUSTERPLAN_TRIES% geq 36 goto :timeout',
      'ping -n 6 127.0.0.1 >nul',
      'goto :wait1_stopped',
      ':done1_stopped',
      'echo     expected now: active NODE2; ClusterHighestVersion 0x00040E86 (4.3718), ClusterLowestVersion 0x00030893 (3.2195)',
    ]);
    assert.ok(!lines.some((l) => /^timeout\b/.test(l)));
  });

  test('cmd: no line pipes into another command, and no plan value is expanded from a variable', () => {
    const text = textOf(exported(fs.readFileSync(HOSTILE, 'utf8'), 'cmd'));
    // A pipe, for /f or call would make cmd read the escaped text a second time.
    assert.doesNotMatch(text.replace(/\^\|/g, ''), /[^^]\|/);
    assert.doesNotMatch(text, /^\s*(for|call)\b/im);
    const variables = new Set([...text.matchAll(/(?<!%)%([A-Z_]+)%(?!%)/g)].map((m) => m[1]));
    assert.deepEqual([...variables].sort(), ['CLUSTERPLAN_STEP', 'CLUSTERPLAN_TRIES', 'TEMP']);
  });

  test('powershell: -WhatIf through ShouldProcess around every change, the KB commands from the workstation', () => {
    const lines = kb('powershell');
    assert.ok(lines.includes('[CmdletBinding(SupportsShouldProcess=$true)]'));
    assert.ok(lines.includes("$ErrorActionPreference = 'Stop'"));
    assert.equal(lines.filter((l) => l.includes('$PSCmdlet.ShouldProcess(')).length, 14, 'every step but the note');
    assert.equal(lines.filter((l) => l.includes("& sc.exe '\\\\NODE1' ")).length, 6, 'steps 1, 3, 7 (setup may have started it), 8 and 11 (twice)');
    assert.ok(lines.includes("        & reg.exe delete '\\\\NODE1\\HKLM\\SYSTEM\\CurrentControlSet\\Services\\ClusSvc\\Parameters' /v NoVersionCheck /f"));
  });

  test('markdown: every step has a heading, and every command a fenced block', () => {
    const lines = kb('markdown');
    assert.equal(lines.filter((l) => /^### \d+\. /.test(l)).length, 15);
    assert.ok(lines.includes('| NODE1 | 0x00040E86 (4.3718) | 0x00030893 (3.2195) | ws2003-rc2 (pre-release) | running |  |'));
  });

  test('markdown: a name holding a run of backticks gets a longer fence, and is escaped in prose and tables', () => {
    const lines = textOf(exported(plan({ 'A```B$C': { version: 'ws2003-rtm' } }, [step.stop('A```B$C')]), 'markdown')).split('\n');
    const at = lines.indexOf('sc \\\\A```B$C stop clussvc');
    assert.deepEqual([lines[at - 1], lines[at + 1]], ['````bat', '````']);
    assert.ok(lines.includes('| A\\`\\`\\`B\\$C | 0x00040ECE (4.3790) | 0x00030893 (3.2195) | ws2003-rtm | running |  |'));
  });

  test('without a cluster name, cluster.exe reaches the cluster through a node that runs then', () => {
    const text = plan({ 'A&B': { version: 'ws2003-rtm' }, N2: { version: 'ws2003-rtm' } }, [step.stop('A&B'), { action: 'cluster-security', grant: 'NETWORKSERVICE' }]);
    const cmd = textOf(exported(text, 'cmd')).split('\r\n');
    const at = cmd.indexOf('cluster /cluster:N2 /prop Security=NETWORKSERVICE,grant,f:security');
    assert.equal(cmd[at - 1], 'rem The plan names no cluster: cluster.exe reaches it through N2, a node that runs at this point.');
    const ps = textOf(exported(text, 'powershell')).split('\r\n');
    assert.ok(ps.includes("        & cluster.exe '/cluster:N2' /prop 'Security=NETWORKSERVICE,grant,f:security'"));
  });

  test('a key naming another node (\\\\NODE\\) changes that node, as the simulation has it', () => {
    const text = plan({ N1: { version: 'ws2003-rc2' }, N2: { version: 'ws2003-rc2' } }, [
      step.stop('N1'),
      step.setNvc('N2', { key: '\\\\n1\\HKLM\\SYSTEM\\CurrentControlSet\\Services\\ClusSvc\\Parameters' }),
      step.deleteNvc('N2', { key: '\\\\N1\\HKEY_LOCAL_MACHINE\\SOFTWARE\\Other\\' }),
      step.start('N1'),
      step.deleteNvc('N1'),
      step.restart('N1'),
    ]);
    const cmd = textOf(exported(text, 'cmd')).split('\r\n');
    assert.ok(cmd.includes('reg add "\\\\N1\\HKLM\\SYSTEM\\CurrentControlSet\\Services\\ClusSvc\\Parameters" /v NoVersionCheck /t REG_DWORD /d 1 /f'));
    assert.ok(cmd.includes('reg delete "\\\\N1\\HKLM\\SOFTWARE\\Other" /v NoVersionCheck /f'));
    assert.ok(!cmd.some((l) => l.includes('\\\\N2\\HKLM')), 'no registry command goes to N2');
    const ps = textOf(exported(text, 'powershell')).split('\r\n');
    assert.ok(ps.includes("        & reg.exe add '\\\\N1\\HKLM\\SYSTEM\\CurrentControlSet\\Services\\ClusSvc\\Parameters' /v NoVersionCheck /t REG_DWORD /d '1' /f"));
    assert.ok(ps.includes("        & reg.exe delete '\\\\N1\\HKLM\\SOFTWARE\\Other' /v NoVersionCheck /f"));
    assert.ok(!ps.some((l) => l.includes('\\\\N2\\HKLM')), 'no registry command goes to N2');
  });

  test('a forced export says so at the top and lists the errors', () => {
    const text = fs.readFileSync(path.join(ROOT, 'examples/mistakes/nt4-straight-to-ws2003.clusterplan'), 'utf8');
    const lines = textOf(exported(text, 'cmd', true)).split('\r\n');
    assert.ok(lines.includes('rem WARNING: the plan has errors (listed below) and was exported anyway: this runbook may fail or break the cluster.'));
    assert.ok(lines.some((l) => l.startsWith('rem   error major-skew (step 4): After step 4, NODE2 runs 0x00040ECE (4.3790)')));
  });
});

/** The refusal of a plan with one node `name` (and `top` members), with and without --force. */
function refusal(nodes: Readonly<Record<string, Value>>, steps: readonly Value[], top: Readonly<Record<string, Value>> = {}, force = true): string[] {
  const result = exported(plan(nodes, steps, { top }), 'cmd', force);
  assert.ok(!result.ok, 'the export should be refused');
  return result.problems.map((p) => `${p.kind} ${p.pointer}: ${p.message}`);
}

describe('refusals', () => {
  const rc2 = { version: 'ws2003-rc2' };

  test('a plan with errors, unless forced', () => {
    const text = fs.readFileSync(path.join(ROOT, 'examples/mistakes/nt4-straight-to-ws2003.clusterplan'), 'utf8');
    const result = exported(text, 'cmd');
    assert.ok(!result.ok);
    assert.deepEqual(result.problems.map((p) => [p.kind, p.pointer, p.finding?.code]), [['plan-error', '/steps/3', 'major-skew']]);
    assert.ok(exported(text, 'cmd', true).ok);
  });

  test('a line break in a node name, also with --force', () => {
    const expected = 'unsafe /nodes/A\nB: The node name "A\\u000AB" contains a line break (U+000A), which would end the command and start another. Rename the node in the plan.';
    assert.deepEqual(refusal({ 'A\nB': rc2 }, [step.stop('A\nB')]), [expected]);
    // Unforced, the schema error comes first; the unsafe name is listed all the same.
    const unforced = refusal({ 'A\nB': rc2 }, [step.stop('A\nB')], {}, false);
    assert.equal(unforced[unforced.length - 1], expected);
    assert.match(unforced[0]!, /^plan-error \/nodes\/A\nB: Node name /);
  });

  test('a non-ASCII node name, which the core accepts', () => {
    assert.deepEqual(refusal({ 'NÖDE': rc2 }, [step.stop('NÖDE')], {}, false), [
      'unsafe /nodes/NÖDE: The node name "N\\u00D6DE" contains "Ö" (U+00D6): cmd reads a batch file in the console\'s code page and Windows PowerShell reads a script in the ANSI code page, so the command could name something else; only ASCII is exported. Rename the node in the plan.',
    ]);
  });

  test('a bidirectional override, a control character', () => {
    assert.deepEqual(refusal({ 'A\u202eB': rc2 }, []), [
      'unsafe /nodes/A\u202eB: The node name "A\\u202EB" contains the control character U+202E, which no runbook can carry safely. Rename the node in the plan.',
    ]);
  });

  test('a NetBIOS-forbidden character, forced past its schema error', () => {
    assert.deepEqual(refusal({ 'A"B': rc2, 'C|D': rc2 }, []), [
      'unsafe /nodes/A"B: The node name "A\\"B" contains """, which a NetBIOS name cannot contain and which would change the meaning of the command. Rename the node in the plan.',
      'unsafe /nodes/C|D: The node name "C|D" contains "|", which a NetBIOS name cannot contain and which would change the meaning of the command. Rename the node in the plan.',
    ]);
  });

  test('a node and a cluster named with a leading period, forced past their schema errors', () => {
    assert.deepEqual(refusal({ '.': rc2 }, [step.stop('.')], { cluster: '.CLUS' }), [
      'unsafe /nodes/.: The node name "." starts with a period, which a NetBIOS name cannot: sc and reg.exe would read "\\\\.\\" as the computer the runbook runs on. Rename the node in the plan.',
      'unsafe /cluster: The cluster name ".CLUS" starts with a period, which a NetBIOS name cannot: sc and reg.exe would read "\\\\.\\" as the computer the runbook runs on. Rename the cluster in the plan.',
    ]);
  });

  test('an undeclared hostile name in a step, forced past unknown-node', () => {
    assert.deepEqual(refusal({ N1: rc2 }, [step.stop('X\r\nY')]), [
      'unsafe /steps/0/node: The node name "X\\u000D\\u000AY" contains a line break (U+000D), which would end the command and start another. Rename the node in the plan.',
    ]);
  });

  test('a cluster name with a line break', () => {
    assert.deepEqual(refusal({ N1: rc2 }, [], { cluster: 'PROD\nCLUS' }), [
      'unsafe /cluster: The cluster name "PROD\\u000ACLUS" contains a line break (U+000A), which would end the command and start another. Rename the cluster in the plan.',
    ]);
  });

  test('accounts that would change cluster.exe\'s Security= value', () => {
    const steps: Value[] = [
      { action: 'cluster-security', grant: 'SERVICE,grant,f' },
      { action: 'cluster-security', revoke: 'A\\B\\C' },
      { action: 'cluster-security', revoke: ' ' },
    ];
    assert.deepEqual(refusal({ N1: rc2 }, steps, { cluster: 'C' }), [
      'unsafe /steps/0: The account "SERVICE,grant,f" in step 1 ("grant") contains ",", which an account name cannot contain and which would change the meaning of cluster.exe\'s Security= value.',
      'unsafe /steps/1: The account "A\\\\B\\\\C" in step 2 ("revoke") has more than one "\\": write DOMAIN\\name.',
      'unsafe /steps/2: step 3 has an empty "revoke": name the account.',
    ]);
  });

  test('registry keys that name a computer that is no node or leave HKLM, and a type reg.exe does not know', () => {
    const set = (key: string) => ({ action: 'set-registry', node: 'N1', name: 'NoVersionCheck', key, data: 1 });
    const steps = [set('\\\\OTHER\\HKLM\\SOFTWARE\\X'), set('HKCU\\Software\\X'), { action: 'set-registry', node: 'N1', name: 'NoVersionCheck', type: 'REG_WHATEVER', data: 1 }];
    assert.deepEqual(refusal({ N1: rc2 }, steps), [
      'unsafe /steps/0: The key "\\\\\\\\OTHER\\\\HKLM\\\\SOFTWARE\\\\X" in step 1 names the computer "OTHER", which is not a node of the plan: write the key without "\\\\COMPUTER\\"; the step\'s "node" says where it runs.',
      'unsafe /steps/1: The key "HKCU\\\\Software\\\\X" in step 2 is not below HKLM: only HKLM can be changed on a remote node, and the Cluster service reads its parameters there.',
      'unsafe /steps/2: step 3 has the type "REG_WHATEVER": use one of REG_DWORD, REG_QWORD, REG_SZ, REG_EXPAND_SZ, REG_MULTI_SZ, REG_BINARY.',
    ]);
  });

  test('the Parameters key of the computer the runbook runs on (\\\\.\\), even forced', () => {
    const key = '\\\\.\\HKLM\\SYSTEM\\CurrentControlSet\\Services\\ClusSvc\\Parameters';
    for (const force of [false, true]) {
      assert.deepEqual(refusal({ N1: rc2, N2: rc2 }, [step.stop('N1'), step.setNvc('N1', { key }), step.start('N1')], {}, force), [
        'unsafe /steps/1: The key "\\\\\\\\.\\\\HKLM\\\\SYSTEM\\\\CurrentControlSet\\\\Services\\\\ClusSvc\\\\Parameters" in step 2 names the computer ".", which is not a node of the plan: write the key without "\\\\COMPUTER\\"; the step\'s "node" says where it runs.',
      ]);
    }
  });

  test('data that reg.exe could read as a switch, whatever its type, even forced', () => {
    const steps: Value[] = [
      step.stop('N1'),
      step.setNvc('N1', { type: 'REG_SZ', data: '/f' }),
      step.setNvc('N1', { type: 'REG_EXPAND_SZ', data: '-f' }),
      step.setNvc('N1', { type: 'REG_MULTI_SZ', data: '/d 1' }),
      step.setNvc('N1', { data: -1 }),
      step.setNvc('N1', { type: 'REG_SZ', data: 'a/f-' }),
      step.deleteNvc('N1'),
      step.start('N1'),
    ];
    for (const force of [false, true]) {
      assert.deepEqual(refusal({ N1: rc2, N2: rc2 }, steps, {}, force), [
        'unsafe /steps/1: The data "/f" in step 2 starts with "/", which reg.exe could read as one of its switches instead of the data: change the data, or set this value by hand.',
        'unsafe /steps/2: The data "-f" in step 3 starts with "-", which reg.exe could read as one of its switches instead of the data: change the data, or set this value by hand.',
        'unsafe /steps/3: The data "/d 1" in step 4 starts with "/", which reg.exe could read as one of its switches instead of the data: change the data, or set this value by hand.',
        'unsafe /steps/4: The data -1 in step 5 starts with "-", which reg.exe could read as one of its switches instead of the data: change the data, or set this value by hand.',
      ]);
    }
  });

  test('steps that have no command, forced past their schema errors', () => {
    assert.deepEqual(refusal({ N1: rc2 }, [{ action: 'stop' }, { action: 'reboot', node: 'N1' }]), [
      'unsafe /steps/0: step 1 names no node, so it has no command.',
      'unsafe /steps/1: step 2 cannot be read, so it has no command. Fix the step first.',
    ]);
  });

  test('text that is not a plan', () => {
    for (const force of [false, true]) {
      const result = exportRunbook(analyze(''), 'markdown', { force });
      assert.deepEqual(result, { ok: false, problems: [{ kind: 'unreadable', message: 'The plan could not be read, so there is nothing to export.', pointer: '' }] });
    }
  });
});

// ── How the shells read what the export writes ────────────────────────────────────────────────────────

/**
 * A model of how cmd reads one line of a batch file with delayed expansion off: phase 1 turns `%%` into `%`
 * (any other `%` starts an expansion), phase 2 removes escaping carets and toggles quoting at an unescaped `"`,
 * and an unescaped `& | < >` outside quotes is an operator. Returns what the command receives, and what acted.
 */
function cmdReads(line: string): { text: string; acted: string[] } {
  const acted: string[] = [];
  let afterPercent = '';
  for (let i = 0; i < line.length; i++) {
    if (line[i] !== '%') afterPercent += line[i];
    else if (line[i + 1] === '%') (afterPercent += '%'), i++;
    else acted.push(`expansion at ${i}`);
  }
  let text = '';
  let quoted = false;
  for (let i = 0; i < afterPercent.length; i++) {
    const c = afterPercent[i]!;
    if (quoted) {
      if (c === '"') quoted = false;
      text += c;
    } else if (c === '^') {
      if (i + 1 === afterPercent.length) acted.push('continuation');
      else text += afterPercent[++i];
    } else if (c === '"') {
      quoted = true;
      text += c;
    } else if ('&|<>'.includes(c)) {
      acted.push(c);
      text += c;
    } else {
      text += c;
    }
  }
  return { text, acted };
}

/** PowerShell's single-quoted strings in a line: their values, and the code around them with `'…'` as `S`. */
function psReads(line: string): { code: string; strings: string[] } {
  const strings: string[] = [];
  let code = '';
  for (let i = 0; i < line.length; i++) {
    if (line[i] !== "'") {
      code += line[i];
      continue;
    }
    let value = '';
    for (i++; i < line.length; i++) {
      if (line[i] === "'" && line[i + 1] === "'") (value += "'"), i++;
      else if (line[i] === "'") break;
      else value += line[i];
    }
    strings.push(value);
    code += 'S';
  }
  return { code, strings };
}

/** Printable ASCII that a NetBIOS name may hold: everything but `\ / : * ? " < > |` and the space. */
const NAME_CHARS = [...Array(95).keys()].map((i) => String.fromCharCode(32 + i)).filter((c) => !/[\\/:*?"<>| ]/.test(c));
const SPECIAL = "&^%!'();,=$`@#[]{}~";

function hostileNames(): string[] {
  // Every special character alone and in the places that matter (first, last, doubled), then random mixes.
  const names = [...SPECIAL].flatMap((c) => [`A${c}B`, `${c}X`, `X${c}`, `${c}${c}`]);
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed / 2 ** 31);
  for (let n = 0; n < 300; n++) {
    const length = 1 + Math.floor(random() * 15);
    names.push(Array.from({ length }, () => NAME_CHARS[Math.floor(random() * NAME_CHARS.length)]).join(''));
  }
  // A NetBIOS name does not start with a period, and the plan refuses one that does.
  return [...new Set(names)].filter((name) => !name.startsWith('.'));
}

function runbookFor(name: string, format: RunbookFormat): string[] {
  const text = plan(
    { [name]: { version: 'ws2003-rtm' }, N2: { version: 'ws2003-rtm' } },
    [step.stop(name), { action: 'set-registry', node: name, name: 'NoVersionCheck', type: 'REG_DWORD', data: 1 }, { action: 'cluster-security', revoke: 'SERVICE' }],
    { top: { cluster: name } },
  );
  return textOf(exported(text, format, false, 'p.clusterplan')).split(/\r?\n/);
}

/** The `rem` and `echo` lines, but for the one that expands the runbook's own step number. */
function shown(lines: readonly string[]): string[] {
  return lines.filter((l) => /^(rem|echo)\b/.test(l) && !l.includes('%CLUSTERPLAN_STEP%'));
}

describe('hostile names reach the command unchanged', () => {
  const names = hostileNames();

  test(`cmd: ${names.length} names, unquoted (sc, cluster), quoted (reg), shown (echo, rem)`, () => {
    for (const name of names) {
      const lines = runbookFor(name, 'cmd');
      const read = (prefix: string) => {
        const line = lines.find((l) => cmdReads(l).text.startsWith(prefix));
        assert.ok(line !== undefined, `${JSON.stringify(name)}: no line reads as ${prefix}`);
        return cmdReads(line);
      };
      assert.deepEqual(read(`sc \\\\${name} stop clussvc`), { text: `sc \\\\${name} stop clussvc`, acted: [] }, name);
      assert.deepEqual(read('reg add'), { text: `reg add "\\\\${name}\\HKLM\\SYSTEM\\CurrentControlSet\\Services\\ClusSvc\\Parameters" /v NoVersionCheck /t REG_DWORD /d 1 /f`, acted: [] }, name);
      assert.deepEqual(read('cluster '), { text: `cluster /cluster:${name} /prop Security=SERVICE,revoke:security`, acted: [] }, name);
      assert.deepEqual(read('echo [step 1/3]'), { text: `echo [step 1/3] Stop the Cluster service on ${name}`, acted: [] }, name);
      for (const line of shown(lines)) {
        assert.deepEqual(cmdReads(line).acted, [], `${JSON.stringify(name)}: ${line}`);
      }
    }
  });

  test(`powershell: ${names.length} names, always one single-quoted string`, () => {
    for (const name of names) {
      const lines = runbookFor(name, 'powershell');
      const sc = lines.map(psReads).find((r) => r.code.trim() === '& sc.exe S stop clussvc');
      assert.deepEqual(sc?.strings, [`\\\\${name}`], name);
      const reg = lines.map(psReads).find((r) => r.code.trim() === '& reg.exe add S /v NoVersionCheck /t REG_DWORD /d S /f');
      assert.deepEqual(reg?.strings, [`\\\\${name}\\HKLM\\SYSTEM\\CurrentControlSet\\Services\\ClusSvc\\Parameters`, '1'], name);
      const cluster = lines.map(psReads).find((r) => r.code.trim() === '& cluster.exe S /prop S');
      assert.deepEqual(cluster?.strings, [`/cluster:${name}`, 'Security=SERVICE,revoke:security'], name);
      const title = lines.map(psReads).find((r) => r.code.trim() === 'Write-Host S' && r.strings[0]!.startsWith('[step 1/3]'));
      assert.deepEqual(title?.strings, [`[step 1/3] Stop the Cluster service on ${name}`], name);
    }
  });

  test('cmd: free text with every printable character is shown, never run', () => {
    const all = [...Array(95).keys()].map((i) => String.fromCharCode(32 + i)).join('');
    const steps = [step.note(`${all}\n^`), { ...step.note(all), description: 'Look' }, { ...step.stop('N1'), description: all }];
    const lines = textOf(exported(plan({ N1: { version: 'ws2003-rtm' } }, steps), 'cmd')).split('\r\n');
    for (const line of shown(lines)) assert.deepEqual(cmdReads(line).acted, [], line);
    assert.ok(lines.some((l) => cmdReads(l).text === `echo [step 1/3] Note: ${all} ^`));
    assert.ok(lines.some((l) => cmdReads(l).text === `echo     Note: ${all}`));
    assert.ok(lines.some((l) => cmdReads(l).text === `echo [step 3/3] ${all}`));
  });
});
