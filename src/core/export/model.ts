/**
 * The runbook independent of its format: every step's operation with the values it needs, its title and the
 * cluster state the simulation expects after it. Building it checks every value a command will hold
 * (safety.ts), so the renderers only escape.
 */
import type { Finding } from '../finding';
import { literalValue, memberValue } from '../tree';
import type { NodeReference, Plan, Step } from '../plan';
import { PARAMETERS_KEY } from '../registry';
import type { StepResult, Timeline } from '../simulate';
import { stepLabel } from '../describe';
import { formatVersion } from '../versions';
import { levelOf } from '../functionalLevel';
import { cmdletProblem, FIRST_MODULE_LEVEL, type CmdletAction } from './cmdlets';
import { accountProblem, keyBelowHklm, nameProblem, registryNode, registryValueProblem } from './safety';
import { expectation, findingLine, stateText, titleOf } from './wording';

/** ClusSvc\Parameters below HKLM: reg.exe wants `\\NODE\HKLM\<this>`, PowerShell `HKLM:\<this>`. */
export const PARAMETERS_PATH = PARAMETERS_KEY.replace(/^HKEY_LOCAL_MACHINE\\/, '');

export type Operation =
  | { readonly kind: 'stop' | 'start' | 'restart'; readonly node: string; readonly joins: boolean; readonly sponsor: string | undefined }
  /** `member`: an in-place upgrade; a node out of the cluster (after an evict) gets a clean install instead. */
  | { readonly kind: 'upgrade'; readonly node: string; readonly target: string; readonly highest: number | undefined; readonly lowest: number | undefined; readonly member: boolean }
  /** `path` is below HKLM. */
  | { readonly kind: 'set-registry'; readonly node: string; readonly path: string; readonly type: string; readonly data: number | string }
  | { readonly kind: 'delete-registry'; readonly node: string; readonly path: string }
  /** `target` is the cluster's name or, when the plan names none, a node that runs then (`viaNode`). */
  | { readonly kind: 'security'; readonly target: string; readonly viaNode: boolean; readonly account: string; readonly grant: boolean; readonly rights: 'full' | 'read' }
  /** `inTitle`: the step has no description, so its title is the note itself and no renderer repeats it. */
  | { readonly kind: 'note'; readonly text: string; readonly inTitle: boolean }
  // The operations of a functional-level plan, run by the FailoverClusters cmdlets (cmdlets.ts).
  /**
   * A cmdlet on one node. `cluster` is what -Cluster names: the cluster or, when no other node runs before the
   * step (`viaNode`), the node itself, since the cluster's name answers only while a node runs.
   */
  | { readonly kind: 'cmdlet'; readonly action: NodeCmdletAction; readonly node: string; readonly cluster: string; readonly viaNode: boolean; readonly joins: boolean }
  | { readonly kind: 'access'; readonly cluster: string; readonly account: string; readonly grant: boolean; readonly rights: 'full' | 'read' }
  /** `from`: the level before the step; unknown only in a forced export. */
  /** `raises`: the simulation expects FL + 1 after it; false when the plan's own findings say it changes nothing or fails. */
  | { readonly kind: 'update-functional-level'; readonly cluster: string; readonly from: number | undefined; readonly raises: boolean };

export type NodeCmdletAction = Exclude<CmdletAction, 'grant' | 'revoke' | 'update-functional-level'>;

export interface RunbookStep {
  /** 1-based, as administrators count. */
  readonly number: number;
  /** The description, or a sentence made from the step. Free text. */
  readonly title: string;
  readonly operation: Operation;
  /** The state after the step, in words. */
  readonly expected: string;
}

export interface RunbookNode {
  readonly name: string;
  readonly highest: number | undefined;
  readonly lowest: number | undefined;
  readonly alias: string | undefined;
  readonly preRelease: boolean;
  readonly running: boolean;
  /** Drained at the start (`"paused": true`); only in a functional-level plan. */
  readonly paused: boolean;
  readonly noVersionCheck: boolean;
  /** The declaration's `"description"`. Free text. */
  readonly description: string | undefined;
}

export interface RunbookModel {
  readonly cluster: string | undefined;
  readonly planName: string | undefined;
  /**
   * A plan of Windows Server 2008 and later (docs/simulation.md): its runbook uses the FailoverClusters cmdlets,
   * and its states show the functional level.
   */
  readonly functionalLevelPlan: boolean;
  /** The release whose FailoverClusters module the workstation needs (moduleLevel): the newest in the plan, or newer. */
  readonly moduleLevel: number;
  /** A note step waits until the operator has done it; false with `--no-pause`. */
  readonly pauseAfterNotes: boolean;
  readonly nodes: readonly RunbookNode[];
  /** The state before the first step, in words. */
  readonly initial: string;
  /** Every finding, as `severity code (where): message`. */
  readonly findings: readonly string[];
  /** The plan has errors and the export was forced. */
  readonly forced: boolean;
  readonly steps: readonly RunbookStep[];
}

export interface ModelProblem {
  /** `unsafe`: a value no runbook can carry, or a step that has no command; `too-large`: see RUNBOOK_LIMITS. */
  readonly kind: 'unsafe' | 'too-large';
  readonly message: string;
  readonly pointer: string;
}

/**
 * The most a runbook holds (docs/export.md, "Limits"). A runbook grows with the steps and names the active
 * nodes after every step: past these it is no document anyone reviews, and building it would take
 * gigabytes of memory. The steps are counted first, so that a long plan is refused at once; the characters
 * are counted as the text is built, and building stops at the limit.
 */
export const RUNBOOK_LIMITS = { steps: 100_000, characters: 128 * 1024 * 1024 };

export function tooManySteps(steps: number): ModelProblem {
  const most = RUNBOOK_LIMITS.steps.toLocaleString('en-US');
  return { kind: 'too-large', message: `The plan has ${steps.toLocaleString('en-US')} steps, more than the ${most} a runbook holds: export the plan in parts.`, pointer: '/steps' };
}

export function tooLarge(): ModelProblem {
  const most = RUNBOOK_LIMITS.characters.toLocaleString('en-US');
  return {
    kind: 'too-large',
    message: `The runbook would be longer than ${most} characters (128 MiB), the most export writes: export the plan in parts, or shorten the names it repeats at every step.`,
    pointer: '/steps',
  };
}

export function buildModel(
  plan: Plan,
  timeline: Timeline,
  findings: readonly Finding[],
  { planName, pauseAfterNotes }: { planName: string | undefined; pauseAfterNotes: boolean },
): { model: RunbookModel } | { problems: ModelProblem[] } {
  const problems: ModelProblem[] = [];
  const reported = new Set<string>();
  const check = (message: string | undefined, pointer: string) => {
    if (message === undefined || reported.has(message)) return;
    reported.add(message);
    problems.push({ kind: 'unsafe', message, pointer });
  };
  // Every title, expected state and finding is written at least once into any runbook: a model whose text
  // alone passes the limit stops here, before the text of the remaining steps is built.
  let size = 0;
  for (const n of plan.nodes) check(nameProblem('node', n.name), n.pointer);
  if (plan.clusterName !== undefined) check(nameProblem('cluster', plan.clusterName), '/cluster');

  /** The name a command uses: the declaration's spelling; an undeclared name (only with --force) is checked here. */
  const nodeName = (ref: NodeReference | undefined): string | undefined => {
    if (ref && !ref.declaration) check(nameProblem('node', ref.name), ref.pointer);
    return ref?.declaration?.name ?? ref?.name;
  };
  const levels = plan.functionalLevelPlan;
  /** A functional-level plan's step runs through a cmdlet: the -Cluster it names, if the plan names one and the level before the step suffices. */
  const cmdletCluster = (action: CmdletAction, result: StepResult): string | undefined => {
    const problem = cmdletProblem(stepLabel(result.step), action, plan.clusterName, result.before.functionalLevel);
    if (problem) return check(problem, result.step.pointer), undefined;
    return plan.clusterName;
  };

  const steps: RunbookStep[] = [];
  for (const result of timeline.steps) {
    const step = result.step;
    const label = stepLabel(step);
    const fail = (message: string) => check(message, step.pointer);
    let operation: Operation | undefined;
    switch (step.action) {
      case undefined:
        fail(`${label} cannot be read, so it has no command. Fix the step first.`);
        break;
      case 'update-functional-level': {
        const cluster = cmdletCluster('update-functional-level', result);
        if (cluster !== undefined) operation = { kind: 'update-functional-level', cluster, from: result.before.functionalLevel, raises: result.levelUpdate?.outcome === 'raised' };
        break;
      }
      case 'note': {
        const text = literalValue(memberValue(step.node, 'text'));
        operation = { kind: 'note', text: typeof text === 'string' ? text : '', inTitle: step.description === undefined };
        break;
      }
      case 'cluster-security': {
        const account = step.grant ?? step.revoke;
        if (account === undefined || (step.grant !== undefined && step.revoke !== undefined)) {
          fail(`${label} must either grant or revoke one account.`);
          break;
        }
        check(accountProblem(label, step.grant !== undefined ? 'grant' : 'revoke', account), step.pointer);
        if (levels) {
          const cluster = cmdletCluster(step.grant !== undefined ? 'grant' : 'revoke', result);
          if (cluster !== undefined) operation = { kind: 'access', cluster, account, grant: step.grant !== undefined, rights: step.rights };
          break;
        }
        const via = plan.clusterName === undefined ? (result.before.nodes.find((n) => n.running) ?? result.before.nodes[0]) : undefined;
        if (plan.clusterName === undefined && via === undefined) fail(`${label} cannot reach the cluster: the plan names no cluster and no node.`);
        else operation = { kind: 'security', target: plan.clusterName ?? via!.name, viaNode: via !== undefined, account, grant: step.grant !== undefined, rights: step.rights };
        break;
      }
      default: {
        const node = nodeName(step.target);
        if (node === undefined) {
          fail(`${label} names no node, so it has no command.`);
          break;
        }
        operation = nodeOperation(step, node, { label, result, nodeName, check, cmdletCluster: levels ? cmdletCluster : undefined });
      }
    }
    if (!operation) continue;
    const title = step.description ?? titleOf(operation);
    const expected = expectation(result, levels);
    size += title.length + expected.length;
    if (size > RUNBOOK_LIMITS.characters) return { problems: [tooLarge()] };
    steps.push({ number: step.index + 1, title, operation, expected });
  }
  if (problems.length > 0) return { problems };

  const nodes = timeline.initial.nodes.map((n) => ({
    name: n.name,
    highest: n.highest,
    lowest: n.lowest,
    alias: n.declaration.release?.alias,
    preRelease: n.declaration.release?.preRelease ?? false,
    running: n.running,
    paused: levels && n.paused,
    noVersionCheck: n.registry !== undefined,
    description: n.declaration.description,
  }));
  const forced = findings.some((f) => f.severity === 'error');
  const lines: string[] = [];
  for (const f of findings) {
    const line = findingLine(f);
    size += line.length;
    if (size > RUNBOOK_LIMITS.characters) return { problems: [tooLarge()] };
    lines.push(line);
  }
  return {
    model: {
      cluster: plan.clusterName,
      planName,
      functionalLevelPlan: levels,
      moduleLevel: moduleLevel(timeline),
      pauseAfterNotes,
      nodes,
      initial: stateText(timeline.initial, levels),
      findings: lines,
      forced,
      steps,
    },
  };
}

/** Update-ClusterFunctionalLevel comes with the FailoverClusters module of Windows Server 2016. */
const LEVEL_UPDATE_MODULE_LEVEL = 9;

/**
 * The newest release a node runs at any point of the plan, whose FailoverClusters module manages them all;
 * FL 6 at least (no older release has the module), and 9 if the plan raises the level.
 */
function moduleLevel(timeline: Timeline): number {
  const raises = timeline.steps.some((r) => r.step.action === 'update-functional-level');
  let newest = raises ? Math.max(FIRST_MODULE_LEVEL, LEVEL_UPDATE_MODULE_LEVEL) : FIRST_MODULE_LEVEL;
  const consider = (highest: number | undefined) => {
    if (highest !== undefined && levelOf(highest) > newest) newest = levelOf(highest);
  };
  for (const n of timeline.initial.nodes) consider(n.highest);
  for (const r of timeline.steps) if (r.step.action === 'upgrade') consider(r.step.to?.highest);
  return newest;
}

/** What a node step's operation needs from buildModel. `cmdletCluster` is set in a functional-level plan only. */
interface NodeContext {
  readonly label: string;
  readonly result: StepResult;
  readonly nodeName: (ref: NodeReference | undefined) => string | undefined;
  readonly check: (message: string | undefined, pointer: string) => void;
  readonly cmdletCluster: ((action: CmdletAction, result: StepResult) => string | undefined) | undefined;
}

function nodeOperation(
  step: Exclude<Step, { action: undefined | 'note' | 'cluster-security' | 'update-functional-level' }>,
  node: string,
  { label, result, nodeName, check, cmdletCluster }: NodeContext,
): Operation | undefined {
  switch (step.action) {
    case 'stop':
    case 'start':
    case 'join':
    case 'restart': {
      const action = step.action === 'join' ? 'start' : step.action;
      const joins = step.action === 'join';
      if (cmdletCluster) return cmdletOperation(action, node, joins, result, cmdletCluster);
      return { kind: action, node, joins, sponsor: nodeName(step.sponsor) };
    }
    case 'upgrade': {
      const to = step.to;
      const target = to?.release?.alias ?? (to?.highest !== undefined ? formatVersion(to.highest) : 'the version given in the plan');
      return { kind: 'upgrade', node, target, highest: to?.highest, lowest: to?.lowest, member: result.target?.member ?? true };
    }
    case 'set-registry':
    case 'delete-registry': {
      const key = step.key === undefined || step.atParametersKey ? { path: PARAMETERS_PATH } : keyBelowHklm(label, step.key);
      if ('problem' in key) return check(key.problem, step.pointer), undefined;
      const host = registryNode(label, step, node);
      if ('problem' in host) return check(host.problem, step.pointer), undefined;
      if (step.action === 'delete-registry') return { kind: 'delete-registry', node: host.node, path: key.path };
      const problem = registryValueProblem(label, step.type, step.data);
      if (problem) return check(problem, step.pointer), undefined;
      return { kind: 'set-registry', node: host.node, path: key.path, type: step.type, data: step.data! };
    }
    case 'drain':
    case 'resume':
    case 'evict':
    case 'add':
      // Only a functional-level plan reads these actions, so cmdletCluster is set.
      return cmdletCluster && cmdletOperation(step.action, node, false, result, cmdletCluster);
  }
}

/**
 * A node's cmdlet. A start with no other node running reaches the cluster through the node itself: the
 * cluster's name answers only while a node runs.
 */
function cmdletOperation(
  action: NodeCmdletAction,
  node: string,
  joins: boolean,
  result: StepResult,
  cmdletCluster: (action: CmdletAction, result: StepResult) => string | undefined,
): Operation | undefined {
  const cluster = cmdletCluster(action, result);
  if (cluster === undefined) return undefined;
  const starts = action === 'start' || action === 'restart';
  const viaNode = starts && !result.before.nodes.some((n) => n.running && n.name !== node);
  return { kind: 'cmdlet', action, node, cluster: viaNode ? node : cluster, viaNode, joins };
}
