import type { Catalog, Release } from '../catalog';
import { formatLevel, isFunctionalLevel, releaseName, releaseOfLevel, releaseWithNote } from '../functionalLevel';
import type { Plan, VersionValue } from '../plan';
import { formatMajorMinor, formatVersion, majorOf, minorOf, parseVersionString } from '../versions';
import { escapeMarkdown as esc } from './markdown';

/** The hover on a version, in any notation or as an alias: hex, M.m, decimal, catalog entry, pre-release or not. */

/** The release of a Cluster service major (docs/simulation.md, "Versions"): cluster numbers, not OS numbers. */
function majorName(major: number): string | undefined {
  return releaseName(major) === undefined ? undefined : releaseWithNote(major);
}

/** Windows Server 2016: from here on the minor is a small "upgrade version", not the build. */
const UPGRADE_VERSION_FROM = 9;
/** The levels whose minor no source gives (Windows Server 2025): the built-in catalog's minor is a placeholder. */
const MINOR_UNKNOWN: ReadonlySet<number> = new Set([12]);

/** What a release's minor is, and whether the built-in catalog knows it, infers it or does not know it. */
function minorMeaning(release: Release): string {
  const major = majorOf(release.highest);
  const minor = minorOf(release.highest);
  const builtIn = release.origin === 'built-in';
  if (builtIn && MINOR_UNKNOWN.has(major)) return `${minor}, unknown: no Microsoft source gives the minor of ${releaseOfLevel(major)}`;
  if (major >= UPGRADE_VERSION_FROM) return `${minor}, the upgrade version`;
  return `${minor}, the build` + (builtIn ? ' (inferred)' : '');
}

function hex(version: number): string {
  return `0x${version.toString(16).toUpperCase().padStart(8, '0')}`;
}

export function versionMarkdown(plan: Plan, value: VersionValue, version: number): string {
  const node = value.node;
  const written = node.type === 'string' ? String(node.value) : undefined;
  if (written !== undefined && parseVersionString(written).kind === 'alias') {
    const release = plan.catalog.get(written);
    // A single version position (highest, lowest) takes the release's installed version.
    const single = /\/(highest|lowest)$/.test(value.pointer);
    if (release) return aliasMarkdown(release, single ? version : undefined);
  }
  const notation = node.type === 'number' ? 'a decimal DWORD' : /^0[xX]/.test(written ?? '') ? 'a hex DWORD' : '"M.m"';
  const major = majorOf(version);
  const name = majorName(major);
  const lines = [
    `**Version ${formatVersion(version)}**, written as ${notation}`,
    '',
    `- hex: ${hex(version)}`,
    `- M.m: ${formatMajorMinor(version)}: major ${major}` +
      (name ? ` (the Cluster service of ${name})` : '') +
      `, minor ${minorOf(version)}` +
      (major >= UPGRADE_VERSION_FROM ? ' (the upgrade version)' : ' (the build)'),
    ...(isFunctionalLevel(major) ? [`- functional level: ${formatLevel(major)}`] : []),
    `- decimal: ${version}`,
    `- catalog: ${catalogEntry(plan.catalog, version)}`,
    `- pre-release: ${preRelease(plan.catalog.releaseOf(version))}`,
  ];
  return lines.join('\n');
}

function catalogEntry(catalog: Catalog, version: number): string {
  const release = catalog.releaseOf(version);
  if (!release) return 'no release in the catalog or the plan\'s "versions" has this version';
  const others = catalog.aliases().filter((a) => a !== release.alias && catalog.get(a)!.highest === version);
  return (
    esc(release.alias) +
    (release.note ? ` (${esc(release.note)})` : '') +
    (release.origin === 'plan' ? ', from the plan\'s "versions"' : '') +
    (others.length > 0 ? `; also ${others.map(esc).join(', ')}` : '')
  );
}

function preRelease(release: Release | undefined): string {
  if (!release?.preRelease) return 'no';
  return 'yes: the Cluster service does not cover a pre-release to release upgrade, so KB 811272 joins with NoVersionCheck, and the cluster security descriptor needs fixing afterwards';
}

function aliasMarkdown(release: Release, standsFor: number | undefined): string {
  const lines = [
    `**${esc(release.alias)}**` + (release.note ? `: ${esc(release.note)}` : '') + (release.origin === 'plan' ? ', from the plan\'s "versions"' : ', from the built-in catalog'),
    '',
    `- highest: ${formatVersion(release.highest)}, decimal ${release.highest}`,
    `- lowest: ${formatVersion(release.lowest)}, decimal ${release.lowest}`,
  ];
  const major = majorOf(release.highest);
  if (isFunctionalLevel(major)) lines.push(`- functional level: ${formatLevel(major)}`, `- minor: ${minorMeaning(release)}`);
  lines.push(`- pre-release: ${preRelease(release)}`);
  if (standsFor !== undefined) lines.push(`- here: it stands for its highest version, ${formatVersion(standsFor)}`);
  return lines.join('\n');
}
