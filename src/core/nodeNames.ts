/** Windows compares computer names without regard to case, so every lookup goes through this key. */
export function nodeKey(name: string): string {
  return name.toUpperCase();
}

const NETBIOS_FORBIDDEN = /[\\/:*?"<>|\s]/;

/** Why `name` is not a valid NetBIOS computer name, or undefined if it is one. */
export function netbiosNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'a node name cannot be empty';
  if (name.length > 15) return `"${name}" has ${name.length} characters; a NetBIOS name has at most 15`;
  const period = leadingPeriodProblem(name);
  if (period) return period;
  const bad = NETBIOS_FORBIDDEN.exec(name);
  if (bad) {
    const shown = /\s/.test(bad[0]) ? 'a space' : `"${bad[0]}"`;
    return `"${name}" contains ${shown}; NetBIOS names cannot contain spaces or \\ / : * ? " < > |`;
  }
  return undefined;
}

/**
 * Why a node or cluster name cannot start with a period: no NetBIOS name does, and `\\.` is the local
 * computer to sc and reg.exe, so a command meant for the node would act on the machine that runs it.
 */
export function leadingPeriodProblem(name: string): string | undefined {
  if (!name.startsWith('.')) return undefined;
  return `"${name}" starts with a period, which a NetBIOS name cannot: sc and reg.exe read "\\\\.\\" as the computer they run on`;
}
