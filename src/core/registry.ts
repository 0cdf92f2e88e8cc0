/** The one registry value this tool models, and where the Cluster service reads it at start. */
export const NO_VERSION_CHECK = 'NoVersionCheck';
export const PARAMETERS_KEY = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\ClusSvc\\Parameters';

export const REGISTRY_TYPES = ['REG_DWORD', 'REG_QWORD', 'REG_SZ', 'REG_EXPAND_SZ', 'REG_MULTI_SZ', 'REG_BINARY'];

/** reg.exe's remote form: a key that starts with `\\NAME\` is in the registry of the computer NAME. */
const COMPUTER_PREFIX = /^\\\\([^\\]+)\\/;

/** The computer a key's `\\NAME\` prefix names, or undefined when the key has none. */
export function keyComputer(key: string): string | undefined {
  return COMPUTER_PREFIX.exec(key.trim())?.[1];
}

/** The key as the named computer reads it: without its `\\NAME\` prefix. */
export function keyWithoutComputer(key: string): string {
  return key.trim().replace(COMPUTER_PREFIX, '');
}

/**
 * Whether `key` names ClusSvc\Parameters as reg.exe or regedit would accept it: any case, HKLM or the long
 * hive name, an optional remote `\\NAME\` prefix, and an optional trailing backslash.
 */
export function isParametersKey(key: string): boolean {
  const normalized = keyWithoutComputer(key)
    .replace(/\\+$/, '')
    .toUpperCase()
    .replace(/^HKLM\\/, 'HKEY_LOCAL_MACHINE\\');
  return normalized === PARAMETERS_KEY.toUpperCase();
}

/** Whether `name` is NoVersionCheck: registry value names are compared without regard to case, as in Windows. */
export function isNoVersionCheckName(name: string): boolean {
  return name.toLowerCase() === NO_VERSION_CHECK.toLowerCase();
}

/** The registry holds a NoVersionCheck value; only REG_DWORD 1 switches the version check off. */
export interface RegistryValue {
  readonly type: string;
  readonly data: number | string | undefined;
}

export function bypassesVersionCheck(value: RegistryValue | undefined): boolean {
  return value !== undefined && isBypass(value.type, value.data);
}

/** REG_DWORD 1: the one value that switches the version check off. */
export function isBypass(type: string, data: RegistryValue['data']): boolean {
  return type === 'REG_DWORD' && data === 1;
}
