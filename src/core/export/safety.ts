/**
 * Which values may go into a command at all. The rule is the same for every format, so a plan that exports
 * to one format exports to all three (the Markdown runbook shows the cmd commands). `--force` never skips it:
 * force overrides the plan's errors, never shell safety.
 *
 * Accepted values are then escaped by quoting.ts, which is exact for every character allowed here:
 * `& ^ % ! ' ( ) ; , = $ \`` and the rest of printable ASCII that a NetBIOS name may hold. Nothing accepted
 * depends on how a version of PowerShell passes arguments to sc.exe, reg.exe or cluster.exe: no `"`, no
 * empty argument, no space before a final `\`.
 */
import type { RegistryStep } from '../plan';
import { keyWithoutComputer, REGISTRY_TYPES } from '../registry';

/** `"A\u000aB"`: a value as a message shows it, so a control character cannot act in the terminal. */
export function shown(text: string): string {
  return `"${text.replace(/["\\]|[^\x20-\x7e]/g, (c) => (c === '"' || c === '\\' ? `\\${c}` : `\\u${hex(c)}`))}"`;
}

function hex(c: string): string {
  return c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
}

/** The first character no runbook may carry: line breaks, other controls, and non-ASCII (see asciiLines). */
function unprintable(text: string): string | undefined {
  const c = /[^\x20-\x7e]/.exec(text)?.[0];
  if (c === undefined) return undefined;
  if (/[\r\n\u0085\u2028\u2029]/.test(c)) return `a line break (U+${hex(c)}), which would end the command and start another`;
  if (/[\p{Cc}\p{Cf}]/u.test(c)) return `the control character U+${hex(c)}, which no runbook can carry safely`;
  return (
    `"${c}" (U+${hex(c)}): cmd reads a batch file in the console's code page and Windows PowerShell reads ` +
    `a script in the ANSI code page, so the command could name something else; only ASCII is exported`
  );
}

/** A node or the cluster: NetBIOS names, whose forbidden characters would also change the command. */
export function nameProblem(what: 'node' | 'cluster', name: string): string | undefined {
  const subject = `The ${what} name ${shown(name)}`;
  if (name.length === 0) return `The ${what} name is empty, so no command can name the ${what}.`;
  const bad = unprintable(name);
  if (bad) return `${subject} contains ${bad}. Rename the ${what} in the plan.`;
  if (name.startsWith('.')) return `${subject} starts with a period, which a NetBIOS name cannot: sc and reg.exe would read "\\\\.\\" as the computer the runbook runs on. Rename the ${what} in the plan.`;
  const forbidden = /[\\/:*?"<>| ]/.exec(name)?.[0];
  if (forbidden) {
    const which = forbidden === ' ' ? 'a space' : `"${forbidden}"`;
    return `${subject} contains ${which}, which a NetBIOS name cannot contain and which would change the meaning of the command. Rename the ${what} in the plan.`;
  }
  return undefined;
}

/**
 * An account in a cluster-security step: `NETWORKSERVICE`, `DOMAIN\user` or `NT AUTHORITY\NETWORK SERVICE`.
 * Refuses what an account name cannot hold (the sAMAccountName rules), which includes cluster.exe's own
 * separators in `Security=account,grant,f:security`.
 */
export function accountProblem(label: string, field: 'grant' | 'revoke', account: string): string | undefined {
  const subject = `The account ${shown(account)} in ${label} ("${field}")`;
  if (account.trim().length === 0) return `${label} has an empty "${field}": name the account.`;
  const bad = unprintable(account);
  if (bad) return `${subject} contains ${bad}.`;
  const forbidden = /[/[\]:;|=,+*?<>"]/.exec(account)?.[0];
  if (forbidden) return `${subject} contains "${forbidden}", which an account name cannot contain and which would change the meaning of cluster.exe's Security= value.`;
  if ((account.match(/\\/g) ?? []).length > 1) return `${subject} has more than one "\\": write DOMAIN\\name.`;
  if (account !== account.trim()) return `${subject} starts or ends with a space.`;
  return undefined;
}

/**
 * A registry step's key other than ClusSvc\Parameters, as written: under HKLM, after the `\\NAME\` prefix if it
 * has one (registryNode says which node that is). Returns the path below HKLM, or a problem.
 */
export function keyBelowHklm(label: string, key: string): { path: string } | { problem: string } {
  const subject = `The key ${shown(key)} in ${label}`;
  const bad = unprintable(key);
  if (bad) return { problem: `${subject} contains ${bad}.` };
  if (key.includes('"')) return { problem: `${subject} contains '"', which would end the quoted key in the command.` };
  const m = /^(?:HKLM|HKEY_LOCAL_MACHINE)\\(.*?)\\*$/i.exec(keyWithoutComputer(key));
  if (!m || m[1]!.length === 0) return { problem: `${subject} is not below HKLM: only HKLM can be changed on a remote node, and the Cluster service reads its parameters there.` };
  return { path: m[1]! };
}

/**
 * The node a registry step's command changes, as the simulation has it: the node its key's `\\NAME\` prefix
 * names (reg.exe's remote form), else `node`, the step's own. A prefix naming no node of the plan is refused:
 * the runbook would change a computer the plan does not simulate, perhaps the workstation it runs on.
 */
export function registryNode(label: string, step: RegistryStep, node: string): { node: string } | { problem: string } {
  const computer = step.computer;
  if (!computer) return { node };
  if (computer.declaration) return { node: computer.declaration.name };
  const subject = `The key ${shown(step.key ?? '')} in ${label} names the computer ${shown(computer.name)}`;
  return { problem: `${subject}, which is not a node of the plan: write the key without "\\\\COMPUTER\\"; the step's "node" says where it runs.` };
}

/**
 * A set-registry step's type and data, which reg.exe receives as arguments from cmd or PowerShell. Windows
 * PowerShell 5.1 and earlier pass an argument to a native program by putting it between quotes when it holds
 * a space, and leave an empty one out: data that is empty, or ends with `\` after a space, would not arrive
 * as written.
 */
export function registryValueProblem(label: string, type: string, data: number | string | undefined): string | undefined {
  if (!REGISTRY_TYPES.includes(type)) return `${label} has the type ${shown(type)}: use one of ${REGISTRY_TYPES.join(', ')}.`;
  if (data === undefined) return `${label} has no "data", so there is nothing to write.`;
  if (typeof data === 'number') return Number.isFinite(data) ? switchProblem(label, String(data), String(data)) : `${label} has data that is not a finite number.`;
  const subject = `The data ${shown(data)} in ${label}`;
  const bad = unprintable(data);
  if (bad) return `${subject} contains ${bad}.`;
  if (data.includes('"')) return `${subject} contains '"', which would end the quoted value in the command.`;
  if (data === '') return `${subject} is empty, which Windows PowerShell 5.1 and earlier leave out of reg.exe's arguments: change the data, or set this value by hand.`;
  if (data.includes(' ') && data.endsWith('\\')) {
    return `${subject} ends with "\\" after a space: Windows PowerShell 5.1 and earlier would pass it to reg.exe with a quote after that "\\", which reg.exe reads as part of the data. Change the data, or set this value by hand.`;
  }
  return switchProblem(label, data, shown(data));
}

/**
 * Data that starts like one of reg.exe's switches (`/f`, `-f`, a negative number): `reg add … /d /f /f` may
 * take it for a switch rather than the data, and how reg.exe reads it cannot be checked here, so it is
 * refused whatever the type. `data` is the text the command holds, `written` how the message shows it.
 */
function switchProblem(label: string, data: string, written: string): string | undefined {
  const first = data[0];
  if (first !== '/' && first !== '-') return undefined;
  return `The data ${written} in ${label} starts with "${first}", which reg.exe could read as one of its switches instead of the data: change the data, or set this value by hand.`;
}
