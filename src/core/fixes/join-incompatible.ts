import { stepIndexOf, stepLabel } from '../describe';
import type { Fix, Finding, TextEdit } from '../finding';
import { registryHost, type Plan } from '../plan';
import { bypassesVersionCheck } from '../registry';
import type { RuleContext } from '../rules/rule';
import { runsWindows2008OrLater, type NodeState, type StepResult, type Timeline } from '../simulate';
import { memberValue } from '../tree';
import { kbStep, restartKeepsClusterUp } from './kbSteps';
import { insertSteps, replaceValue, type NewStep } from './stepEdits';

// The quick fixes of join-incompatible (rules/join-incompatible.ts).
export function fixes(context: RuleContext, finding: Finding): Fix[] {
  // From Windows Server 2008 on NoVersionCheck bypasses nothing: KB 811272's steps would not let the node in.
  if (context.plan.functionalLevelPlan) return [];
  const index = stepIndexOf(finding.pointer);
  const result = index === undefined ? undefined : context.timeline.steps[index];
  const join = result?.join;
  // Nor on a node of Windows Server 2008 or later among 2003 nodes: that is a migration to a new cluster.
  if (join && [join.joiner, ...join.sponsors].some(runsWindows2008OrLater)) return [];
  const fix = join?.outcome === 'refused' ? noVersionCheckFix(context, result!) : undefined;
  return fix ? [fix] : [];
}

/**
 * KB 811272's steps for this join: NoVersionCheck on the joiner before it starts, and a stop/set/start
 * on each sponsor that does not bypass the check, placed as late as possible while another node keeps
 * the cluster up.
 */
function noVersionCheckFix({ document, plan, timeline }: RuleContext, result: StepResult): Fix | undefined {
  const join = result.join!;
  const i = result.step.index;
  const inserts = new Map<number, NewStep[]>();
  const add = (at: number, ...steps: NewStep[]) => inserts.set(at, [...(inserts.get(at) ?? []), ...steps]);
  const edits: TextEdit[] = [];
  let keepsClusterUp = true;
  const parts: string[] = [];

  for (const sponsor of join.sponsors) {
    if (sponsor.bypass) continue;
    const name = sponsor.declaration.name;
    const at = latestSafeRestart(plan, timeline, sponsor, i);
    if (at === undefined) {
      // Restarting the sponsor right before the join only helps if it is the last active node: it then
      // forms the cluster again on its own. With another node up, its own start would be refused.
      if (result.before.nodes.some((n) => n.running && n.declaration !== sponsor.declaration && n.declaration !== result.target?.declaration)) return undefined;
      keepsClusterUp = false;
    }
    add(at ?? i, kbStep.stop(name), kbStep.setNoVersionCheck(name), kbStep.start(name));
    parts.push(`restart ${name} with NoVersionCheck before ${stepLabel(plan.steps[at ?? i]!)}`);
  }

  const joiner = result.target!;
  if (!bypassesVersionCheck(joiner.registry)) {
    const name = joiner.declaration.name;
    parts.push(`set NoVersionCheck on ${name} before ${stepLabel(result.step)}`);
    if (result.step.action === 'restart' && joiner.running) {
      // The value is read at start: stop, set, then start, as the KB does, instead of a set while running.
      add(i, kbStep.stop(name), kbStep.setNoVersionCheck(name));
      const actionNode = memberValue(result.step.node, 'action');
      if (actionNode) edits.push(...replaceValue(document, actionNode, 'start'));
    } else {
      add(i, kbStep.setNoVersionCheck(name));
    }
  }
  // The sponsors above are this timeline's, which the inserted steps change only by the bypass they add.
  // That bypass can turn a join refused in between into a skipped check (its joiner bypassed, a sponsor did
  // not); the node then joins, and may sponsor this join without bypassing. Fix that join first.
  const first = Math.min(i, ...inserts.keys());
  for (let k = first; k < i; k++) {
    const join = timeline.steps[k]!.join;
    if (join?.outcome === 'refused' && join.joiner.bypass) return undefined;
  }
  for (const [at, steps] of inserts) edits.push(...insertSteps(document, plan, at, steps));

  const title = `KB 811272: ${parts.join(', ')}` + (keepsClusterUp ? '' : ' (takes the cluster offline)');
  return { title, edits, isPreferred: keepsClusterUp, safe: keepsClusterUp };
}

/** The latest position at or before `join` where the sponsor can restart while another node keeps the cluster up. */
function latestSafeRestart(plan: Plan, timeline: Timeline, sponsor: NodeState, join: number): number | undefined {
  const index = timeline.initial.nodes.findIndex((n) => n.declaration === sponsor.declaration);
  for (let at = join; at >= 0; at--) {
    const step = plan.steps[at];
    // A later change of the value that does not bypass the check (a delete, another type or data) would
    // undo the fix before the join.
    if (at < join && undoesBypass(step, sponsor)) return undefined;
    const state = timeline.steps[at]!.before;
    if (restartKeepsClusterUp(state, index, true, plan.versionMatch)) return at;
  }
  return undefined;
}

function undoesBypass(step: Plan['steps'][number] | undefined, node: NodeState): boolean {
  if (step?.action !== 'set-registry' && step?.action !== 'delete-registry') return false;
  if (registryHost(step) !== node.declaration || !step.writesNoVersionCheck) return false;
  return step.action === 'delete-registry' || !bypassesVersionCheck({ type: step.type, data: step.data });
}
