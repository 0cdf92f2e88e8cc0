/** Windows compares computer names without regard to case, so every lookup goes through this key. */
export function nodeKey(name: string): string {
  return name.toUpperCase();
}

const NETBIOS_FORBIDDEN = /[\\/:*?"<>|\s]/;

/** C0, DEL, C1 and the Unicode line separators: no computer name holds them, and a terminal obeys them. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** Why `name` is not a valid NetBIOS computer name, or undefined if it is one. */
export function netbiosNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'a node name cannot be empty';
  if (name.length > 15) return `"${shown(name)}" has ${name.length} characters; a NetBIOS name has at most 15`;
  const other = computerNameProblem(name);
  if (other) return other;
  const bad = NETBIOS_FORBIDDEN.exec(name);
  if (bad) {
    const shown = /\s/.test(bad[0]) ? 'a space' : `"${bad[0]}"`;
    return `"${name}" contains ${shown}; NetBIOS names cannot contain spaces or \\ / : * ? " < > |`;
  }
  return undefined;
}

/**
 * What no node or cluster name may hold, or undefined: a control character (it would act on the terminal
 * that prints the name, and no command could name the computer), or a leading period.
 */
export function computerNameProblem(name: string): string | undefined {
  const control = CONTROL.exec(name)?.[0];
  if (control !== undefined) return `"${shown(name)}" contains the control character ${unicode(control)}, which no computer name holds`;
  return leadingPeriodProblem(name);
}

/** The name as a message may quote it: each control character written as \u001b. */
function shown(name: string): string {
  return name.replace(new RegExp(CONTROL.source, 'g'), (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function unicode(c: string): string {
  return `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Why a node or cluster name cannot start with a period: no NetBIOS name does, and `\\.` is the local
 * computer to sc and reg.exe, so a command meant for the node would act on the machine that runs it.
 */
export function leadingPeriodProblem(name: string): string | undefined {
  if (!name.startsWith('.')) return undefined;
  return `"${name}" starts with a period, which a NetBIOS name cannot: sc and reg.exe read "\\\\.\\" as the computer they run on`;
}
