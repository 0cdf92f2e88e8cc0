import type { Analysis } from '../analyze';
import type { Catalog, Release } from '../catalog';
import { stepLabel } from '../describe';
import type { Finding } from '../finding';
import type { Plan, RegistryStep, Step, VersionValue } from '../plan';
import type { PlanDocument } from '../planDocument';
import { keySpan, literalValue, memberValue, type JsonValue, type Span } from '../tree';
import { RULES, ruleFor, type Rule } from '../rules';
import type { ClusterState, JoinRule, NodeState, StepResult } from '../simulate';
import { findSuppressions, SUPPRESSION_MARKER } from '../suppressions';
import { formatMajorMinor, formatVersion, majorOf, minorOf, parseVersionString } from '../versions';
import { versionOrWhy } from './inlayHints';
import { escapeMarkdown as esc } from './markdown';

/** Markdown for the editor's hover, and the range it is about. The markdown holds no links and no HTML. */
export interface PlanHover {
  readonly markdown: string;
  readonly offset: number;
  readonly length: number;
}

const SEPARATOR = '\n\n---\n\n';
const KNOWN_CODES: ReadonlySet<string> = new Set(RULES.map((r) => r.code));

/**
 * What the element at `offset` means, most specific first:
 * - a rule code (or the marker) in a `// clusterplan-disable-next-line` comment: what the rule checks and why;
 * - a version in any notation or as an alias: hex, M.m, decimal, catalog entry, pre-release or not;
 * - a step (its braces, or its "action"): the cluster state before → after, and the step's findings;
 * - anything a finding covers: each finding there, with its rule's title and explanation.
 * Findings that cover the offset are added to a version's or a step's hover too.
 */
export function hoverAt(analysis: Analysis, offset: number): PlanHover | undefined {
  const comment = suppressionHover(analysis.document, offset);
  if (comment) return comment;

  const here = analysis.findings.filter((f) => covers(f.offset, f.length, offset));
  const { plan, timeline } = analysis;
  if (plan) {
    const value = plan.versionValues.find((v) => v.version !== undefined && covers(v.node.offset, v.node.length, offset));
    if (value) return hover([versionMarkdown(plan, value, value.version!), findingsMarkdown(here)], value.node);

    const step = timeline ? stepAt(plan.steps, offset) : undefined;
    const subject = step && stepSubject(step, offset);
    if (step && subject) {
      const own = analysis.findings.filter((f) => f.pointer === step.pointer || f.pointer.startsWith(step.pointer + '/'));
      const findings = [...new Set([...own, ...here])].sort((a, b) => a.offset - b.offset);
      return hover([stepMarkdown(timeline!.steps[step.index]!), findingsMarkdown(findings)], subject);
    }
  }
  if (here.length === 0) return undefined;
  const innermost = here.reduce((a, b) => (b.length < a.length ? b : a));
  return { markdown: findingsMarkdown(here), offset: innermost.offset, length: innermost.length };
}

function hover(sections: readonly string[], node: { offset: number; length: number }): PlanHover {
  return { markdown: sections.filter((s) => s !== '').join(SEPARATOR), offset: node.offset, length: node.length };
}

function covers(start: number, length: number, offset: number): boolean {
  return length === 0 ? offset === start : offset >= start && offset < start + length;
}

// ── rules and findings ───────────────────────────────────────────────────────────────────────────────

function findingsMarkdown(findings: readonly Finding[]): string {
  return findings.map(findingMarkdown).join(SEPARATOR);
}

function findingMarkdown(finding: Finding): string {
  const rule = ruleFor(finding.code);
  // Only the internal-error pseudo-finding has no rule; its message is all there is to say.
  if (!rule) return `**${esc(finding.code)}** · ${finding.severity}\n\n${esc(finding.message)}`;
  return ruleMarkdown(rule, finding.severity);
}

/** The rule's code (a constant of ours, safe in a code span), its severity, title and explanation. */
export function ruleMarkdown(rule: Rule, severity: string): string {
  return `**\`${rule.code}\`** · ${severity}: ${esc(rule.title)}\n\n${esc(rule.explanation)}`;
}

function suppressionHover(document: PlanDocument, offset: number): PlanHover | undefined {
  const text = document.text;
  // Most hovers are not on a comment.
  if (document.commentAt(offset)?.kind !== 'line') return undefined;
  const comment = findSuppressions(document, KNOWN_CODES).find((s) => covers(s.offset, s.length, offset));
  if (!comment) return undefined;
  const markerAt = comment.offset + text.slice(comment.offset, comment.offset + comment.length).indexOf(SUPPRESSION_MARKER);
  if (offset >= markerAt && offset < markerAt + SUPPRESSION_MARKER.length) {
    return {
      markdown:
        `**\`${SUPPRESSION_MARKER}\`**\n\nHides the findings of the named rules that start on the next line. ` +
        'Write the reason after `--`, so every exception says why it is safe; a comment that hides nothing is reported as `unused-suppression`.',
      offset: markerAt,
      length: SUPPRESSION_MARKER.length,
    };
  }
  const restAt = markerAt + SUPPRESSION_MARKER.length;
  const rest = text.slice(restAt, comment.offset + comment.length);
  const separator = rest.indexOf('--');
  const codes = separator < 0 ? rest : rest.slice(0, separator);
  for (const token of codes.matchAll(/[^\s,]+/g)) {
    const start = restAt + token.index;
    if (!covers(start, token[0].length, offset)) continue;
    const rule = ruleFor(token[0]);
    return rule ? { markdown: ruleMarkdown(rule, `${rule.severity} by default`), offset: start, length: token[0].length } : undefined;
  }
  return undefined;
}

// ── versions ─────────────────────────────────────────────────────────────────────────────────────────

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

function versionMarkdown(plan: Plan, value: VersionValue, version: number): string {
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

// ── steps ────────────────────────────────────────────────────────────────────────────────────────────

/** The step whose text holds `offset`; steps are in file order. */
function stepAt(steps: readonly Step[], offset: number): Step | undefined {
  let low = 0;
  let high = steps.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const node = steps[mid]!.node;
    if (offset < node.offset) high = mid - 1;
    else if (offset >= node.offset + node.length) low = mid + 1;
    else return steps[mid];
  }
  return undefined;
}

/** The step itself (braces, commas, spaces) or its "action" key or value; other members have hovers of their own. */
function stepSubject(step: Step, offset: number): Span | undefined {
  if (step.node.type !== 'object') return step.node;
  const member = step.node.members.find((m) => within(m, offset));
  if (!member) return step.node;
  if (member.key !== 'action') return undefined;
  if (within(keySpan(member), offset)) return keySpan(member);
  // The value itself, not something inside it; the colon between key and value is neither.
  return member.value && within(member.value, offset) && !hasPartAt(member.value, offset) ? member.value : undefined;
}

function within(span: Span, offset: number): boolean {
  return offset >= span.offset && offset < span.offset + span.length;
}

/** Whether a member or an item of `value` lies at `offset`. */
function hasPartAt(value: JsonValue, offset: number): boolean {
  if (value.type === 'object') return value.members.some((m) => within(m, offset));
  return value.type === 'array' && value.items.some((item) => within(item, offset));
}

function stepMarkdown(result: StepResult): string {
  const { step, before, after } = result;
  const label = stepLabel(step);
  const lines = [`**${esc(label.charAt(0).toUpperCase() + label.slice(1))}**: ${describeStep(step)}`];
  if (step.description?.trim()) lines.push('', `> ${esc(step.description.trim())}`);
  const outcome = outcomeOf(result);
  if (outcome) lines.push('', outcome);
  lines.push(
    '',
    `- ClusterHighestVersion: ${change(versionOrWhy(before.clusterHighestVersion, before), versionOrWhy(after.clusterHighestVersion, after))}`,
    `- ClusterLowestVersion: ${change(versionOrWhy(before.clusterLowestVersion, before), versionOrWhy(after.clusterLowestVersion, after))}`,
    `- active nodes: ${change(activeNodes(before), activeNodes(after))}`,
    `- mixed: ${change(before.mixed ? 'yes' : 'no', after.mixed ? 'yes' : 'no')}`,
  );
  return lines.join('\n');
}

function change(before: string, after: string): string {
  return before === after ? `${after}, unchanged` : `${before} → ${after}`;
}

function activeNodes(state: ClusterState): string {
  const names = state.nodes.filter((n) => n.running).map((n) => esc(n.name));
  return names.length > 0 ? names.join(', ') : 'none';
}

/** What the step says, with every name from the document escaped. */
function describeStep(step: Step): string {
  const target = 'target' in step && step.target ? esc(step.target.name) : 'an unnamed node';
  switch (step.action) {
    case 'stop':
    case 'start':
    case 'join':
    case 'restart':
      return `${step.action} ${target}` + (step.sponsor ? ` with sponsor ${esc(step.sponsor.name)}` : '');
    case 'upgrade': {
      const to = step.to;
      const version = to?.release && 'type' in to.node && to.node.type === 'string' ? esc(to.release.alias) : to ? `highest ${formatVersion(to.highest)}, lowest ${formatVersion(to.lowest)}` : 'an unknown version';
      return `upgrade ${target} to ${version}`;
    }
    case 'set-registry':
      return (
        `set NoVersionCheck on ${registryComputer(step, target)}: ${esc(step.type)} ${esc(String(step.data ?? 'without data'))}` +
        (step.key !== undefined ? ` under ${esc(step.key)}` : '')
      );
    case 'delete-registry':
      return `delete NoVersionCheck on ${registryComputer(step, target)}` + (step.key !== undefined ? ` under ${esc(step.key)}` : '');
    case 'cluster-security':
      if (step.grant !== undefined) return `grant ${esc(step.grant)} ${step.rights} access to the cluster`;
      return step.revoke !== undefined ? `revoke ${esc(step.revoke)} from the cluster security descriptor` : 'change the cluster security descriptor';
    case 'note': {
      const text = literalValue(memberValue(step.node, 'text'));
      return typeof text === 'string' ? `note: ${esc(text)}` : 'note';
    }
    case 'drain':
    case 'resume':
    case 'evict':
    case 'add':
      return `${step.action} ${target}`;
    case 'update-functional-level':
      return 'raise the cluster functional level';
    case undefined:
      return 'a step clusterplan cannot read; the simulation skips it';
  }
}

/** Whose registry a registry step writes: the computer its key's `\\NAME\` prefix names, else its node. */
function registryComputer(step: RegistryStep, node: string): string {
  const computer = step.computer;
  if (!computer) return node;
  return computer.declaration ? esc(computer.declaration.name) : `the computer ${esc(computer.name)}`;
}

/** One sentence on what happened to the step's node, for the steps the simulation acts on. */
function outcomeOf(result: StepResult): string | undefined {
  const { step, target, join } = result;
  if (step.action === undefined || step.action === 'note' || step.action === 'cluster-security') return undefined;
  if (!target && (step.action === 'set-registry' || step.action === 'delete-registry') && step.target?.declaration && step.computer) {
    return `The key names ${esc(step.computer.name)}, which is not a node of the plan: no node's registry changes at this step.`;
  }
  if (!target) return 'The simulation skips this step: its node is not declared.';
  const name = esc(target.name);
  if (join) {
    switch (join.outcome) {
      case 'formed':
        return `${name} forms the cluster on its own: no other node is active.`;
      case 'no-cluster':
        return `${name} cannot join: no node is active, so there is no cluster to join.`;
      case 'already-running':
        return `${name}'s service already runs: nothing happens.`;
      case 'refused':
        // The join-incompatible finding, which VS Code shows beside this hover, says why and which event it logs.
        return `${name} is refused and stays stopped.`;
      case 'joined':
        if (join.checkSkipped) {
          const sponsors = 'sponsor' in step && step.sponsor && !join.sponsorNotRunning ? `its sponsor ${names(join.sponsors)}` : `every active node (${names(join.sponsors)})`;
          return `${name} joins without a version check: NoVersionCheck is in effect on ${name} and on ${sponsors}.`;
        }
        if (join.versionsUnknown) return `${name} joins as far as clusterplan can tell: a version involved is unreadable.`;
        return `${name} joins: ${join.rulesHeld.map((r) => JOIN_RULES[r]).join(', and ')}.`;
    }
  }
  const now = result.after.nodes.find((n) => n.declaration === target.declaration);
  switch (step.action) {
    case 'stop':
      return target.running ? `${name} leaves the cluster.` : `${name}'s service is already stopped: nothing happens.`;
    case 'upgrade':
      return `${name} now has highest ${formatVersion(now?.highest)} and lowest ${formatVersion(now?.lowest)}; its service ends stopped${target.running ? ', so it leaves the cluster first' : ''}.`;
    case 'set-registry':
      if (!step.writesNoVersionCheck) return NOT_READ;
      return target.running
        ? `${name}'s service runs, so the value takes effect only at its next start.`
        : `The value takes effect when ${name}'s service next starts.`;
    case 'delete-registry':
      if (!step.writesNoVersionCheck) return NOT_READ;
      return target.bypass
        ? `${name}'s running service keeps skipping the version check until it restarts: deleting the value is not dynamic.`
        : undefined;
    default:
      return undefined;
  }
}

const NOT_READ = 'The Cluster service reads only NoVersionCheck under ClusSvc\\\\Parameters: nothing changes.';

const JOIN_RULES: Readonly<Record<JoinRule, string>> = {
  'highest = ClusterHighestVersion': 'its highest version equals ClusterHighestVersion',
  'lowest = ClusterHighestVersion': 'its lowest version equals ClusterHighestVersion',
  'highest = ClusterLowestVersion': 'its highest version equals ClusterLowestVersion',
};

function names(nodes: readonly NodeState[]): string {
  return nodes.map((n) => esc(n.name)).join(', ');
}
