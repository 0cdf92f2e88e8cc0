import type { Analysis } from '../analyze';
import type { Finding } from '../finding';
import type { PlanDocument } from '../planDocument';
import { RULES, ruleFor, type Rule } from '../rules';
import { findSuppressions, SUPPRESSION_MARKER } from '../suppressions';
import { escapeMarkdown as esc } from './markdown';
import { settingHover } from './settingHover';
import { stepAt, stepMarkdown, stepSubject } from './stepHover';
import { versionMarkdown } from './versionHover';

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
 * - a version in any notation or as an alias: hex, M.m, decimal, catalog entry, pre-release or not, and
 *   from Windows Server 2008 on the functional level;
 * - "functionalLevel" and a node's "paused": what they mean, and that raising the level is permanent;
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

    const setting = settingHover(plan, analysis.document.root, offset);
    if (setting) return hover([setting.markdown, findingsMarkdown(here)], setting.span);

    const step = timeline ? stepAt(plan.steps, offset) : undefined;
    const subject = step && stepSubject(step, offset);
    if (step && subject) {
      const own = analysis.findings.filter((f) => f.pointer === step.pointer || f.pointer.startsWith(step.pointer + '/'));
      const findings = [...new Set([...own, ...here])].sort((a, b) => a.offset - b.offset);
      return hover([stepMarkdown(timeline!.steps[step.index]!, plan.functionalLevelPlan), findingsMarkdown(findings)], subject);
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
