import type { Catalog, Release } from '../catalog';
import type { Plan, VersionValue } from '../plan';
import { formatMajorMinor, formatVersion, majorOf, minorOf, parseVersionString } from '../versions';
import { escapeMarkdown as esc } from './markdown';

/** The hover on a version, in any notation or as an alias: hex, M.m, decimal, catalog entry, pre-release or not. */

/** The Cluster service majors of ClusAPI.h (docs/simulation.md, "Versions"): cluster numbers, not OS numbers. */
const MAJORS: Readonly<Record<number, string>> = {
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
  11: 'NT12 in ClusAPI.h',
  12: 'NT13 in ClusAPI.h',
};

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
  const majorName = MAJORS[major];
  const lines = [
    `**Version ${formatVersion(version)}**, written as ${notation}`,
    '',
    `- hex: ${hex(version)}`,
    `- M.m: ${formatMajorMinor(version)}: major ${major}` +
      (majorName ? ` (the Cluster service of ${majorName})` : '') +
      `, minor ${minorOf(version)}` +
      (major >= 9 ? ' (the upgrade version)' : ' (the build)'),
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
    `- pre-release: ${preRelease(release)}`,
  ];
  if (standsFor !== undefined) lines.push(`- here: it stands for its highest version, ${formatVersion(standsFor)}`);
  return lines.join('\n');
}
