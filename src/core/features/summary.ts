import type { Analysis } from '../analyze';
import { formatLevel } from '../functionalLevel';
import type { ClusterState } from '../simulate';
import { formatMajorMinor } from '../versions';

/** One line about the whole plan, for the editor to show above `"steps"`. */
export interface PlanSummary {
  /** The `"steps"` key. */
  readonly offset: number;
  readonly length: number;
  /** `15 steps · ends at 4.3790 · 0 problems` */
  readonly text: string;
}

/**
 * `N steps · ends at M.m · problems`, where:
 * - "ends at" gives the final ClusterHighestVersion as M.m, the version the cluster runs at; `ends at 4.3718
 *   (mixed)` when the active nodes still differ, `ends with no node active` and `ends at an unknown version`
 *   (an active node's version is unreadable) otherwise; in a functional-level plan followed by the level the
 *   cluster ends at: `ends at 10.3, FL 10 (Windows Server 2019)`;
 * - problems are errors and warnings, as the Problems panel counts them: `0 problems`, or `2 errors, 1 warning`.
 *   Information findings such as mixed-at-end are not problems.
 * Undefined when the plan has no `"steps"` array.
 */
export function planSummary(analysis: Analysis): PlanSummary | undefined {
  const { plan, timeline } = analysis;
  const steps = plan?.stepsArray;
  const root = analysis.document.root;
  const key = steps && root?.type === 'object' ? root.members.find((m) => m.value === steps) : undefined;
  if (!plan || !timeline || !key) return undefined;
  const count = plan.steps.length;
  const parts = [`${count} ${count === 1 ? 'step' : 'steps'}`, endsAt(timeline.final), problems(analysis)];
  return { offset: key.offset, length: key.keyLength, text: parts.join(' · ') };
}

function endsAt(state: ClusterState): string {
  return state.functionalLevel === undefined ? endsWith(state) : `${endsWith(state)}, ${formatLevel(state.functionalLevel)}`;
}

function endsWith(state: ClusterState): string {
  if (state.activeCount === 0) return 'ends with no node active';
  if (state.clusterHighestVersion === undefined) return 'ends at an unknown version';
  return `ends at ${formatMajorMinor(state.clusterHighestVersion)}` + (state.mixed ? ' (mixed)' : '');
}

function problems(analysis: Analysis): string {
  const errors = analysis.findings.filter((f) => f.severity === 'error').length;
  const warnings = analysis.findings.filter((f) => f.severity === 'warning').length;
  if (errors === 0 && warnings === 0) return '0 problems';
  const parts: string[] = [];
  if (errors > 0) parts.push(`${errors} ${errors === 1 ? 'error' : 'errors'}`);
  if (warnings > 0) parts.push(`${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`);
  return parts.join(', ');
}
