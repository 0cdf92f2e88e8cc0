import { majorOf } from './versions';

/**
 * The cluster functional level of Windows Server 2008 and later (docs/simulation.md, "The functional
 * level"). From 2008 on a release's Cluster service major is also its functional level, so a level is a
 * major: 9 is Windows Server 2016.
 */

/** The first major of Windows Server 2008: a plan declaring a node of this major or above is a functional-level plan. */
export const FIRST_FUNCTIONAL_LEVEL = 5;
/** The highest level a plan may set in `functionalLevel`: Windows Server 2025. */
export const LAST_FUNCTIONAL_LEVEL = 12;
/** Windows Server 2012 R2: from this level on a node of the next release may join (Cluster OS Rolling Upgrade, mixed-OS mode). */
export const MIXED_OS_FROM = 8;

/**
 * The release each Cluster service major stands for, as ClusAPI.h names the majors (docs/simulation.md,
 * "Versions"): major 1 is NT 4.0's Cluster service, whatever its service pack (the catalog's `nt4-sp3` is
 * one version of it), and major 2 came with NT 4.0 SP4. Levels 5–7 are inferred from ClusAPI.h's names,
 * not given by Microsoft. Messages and hovers of every plan read their names here.
 */
const RELEASE_NAMES: Readonly<Record<number, string>> = {
  1: 'Windows NT 4.0',
  2: 'Windows NT 4.0 SP4',
  3: 'Windows 2000',
  4: 'Windows Server 2003',
  5: 'Windows Server 2008',
  6: 'Windows Server 2008 R2',
  7: 'Windows Server 2012',
  8: 'Windows Server 2012 R2',
  9: 'Windows Server 2016',
  10: 'Windows Server 2019',
  11: 'Windows Server 2022',
  12: 'Windows Server 2025',
};

/** A level a cluster can be at: a whole number from Windows Server 2008 (5) to Windows Server 2025 (12). */
export function isFunctionalLevel(n: number): boolean {
  return Number.isInteger(n) && n >= FIRST_FUNCTIONAL_LEVEL && n <= LAST_FUNCTIONAL_LEVEL;
}

/** The levels no Microsoft document gives: they follow from ClusAPI.h's NT6–NT8. */
export function levelInferred(level: number): boolean {
  return level >= 5 && level <= 7;
}

/** A highest version of Windows Server 2008 or later: a release with a functional level. */
export function hasFunctionalLevel(highest: number | undefined): boolean {
  return highest !== undefined && levelOf(highest) >= FIRST_FUNCTIONAL_LEVEL;
}

/** A node's release level: the major of its highest version. */
export function levelOf(highest: number): number {
  return majorOf(highest);
}

/** "Windows Server 2016", or undefined for a major no release has. */
export function releaseName(major: number): string | undefined {
  return RELEASE_NAMES[major];
}

/** "Windows Server 2016", or "no known release" for a major no release has. */
export function releaseOfLevel(level: number): string {
  return releaseName(level) ?? 'no known release';
}

/** `Windows Server 2008, inferred`: the release of a level, marked where no Microsoft document gives the level. */
export function releaseWithNote(level: number): string {
  return releaseOfLevel(level) + (levelInferred(level) ? ', inferred' : '');
}

/** `FL 9 (Windows Server 2016)`: the level, and the release it stands for, with "inferred" where it is. */
export function formatLevel(level: number | undefined): string {
  if (level === undefined) return 'FL unknown';
  return `FL ${level} (${releaseWithNote(level)})`;
}

/** `level 10 (Windows Server 2019)`: a node's release level, in a message. */
export function formatNodeLevel(level: number): string {
  return `level ${level} (${releaseWithNote(level)})`;
}

/**
 * The join rule of the functional level: a node joins a cluster of level FL if it runs that level or,
 * from Windows Server 2012 R2 on (mixed-OS mode), the next one.
 */
export function joinsAtLevel(level: number, functionalLevel: number): boolean {
  return level === functionalLevel || (level === functionalLevel + 1 && functionalLevel >= MIXED_OS_FROM);
}
