import { stepLabel } from '../describe';
import type { KeyComputer, RegistryStep } from '../plan';
import type { PlanRule } from './rule';

export const registryOtherComputer: PlanRule = {
  code: 'registry-other-computer',
  severity: 'warning',
  needs: 'plan',
  title: 'A registry key names another computer than the step\'s node',
  explanation:
    'A key that starts with \\\\NAME\\ is in the registry of the computer NAME, wherever reg.exe runs (its remote form). When NAME is a node of the plan, clusterplan applies the value to that node, not to the step\'s "node". Any other name (another computer, \\\\.\\ or localhost for the computer reg.exe runs on, an IP address) changes no node\'s registry in the simulation, so a join that relied on it is judged without it.',
  check({ plan }, report) {
    for (const step of plan.steps) {
      if (step.action !== 'set-registry' && step.action !== 'delete-registry') continue;
      const { computer, target } = step;
      // A step whose own node is not declared changes nothing, and unknown-node says so.
      if (!computer || !target?.declaration || computer.declaration === target.declaration) continue;
      report(computer, message(step, computer, target.declaration.name));
    }
  },
};

function message(step: RegistryStep, computer: KeyComputer, node: string): string {
  const prefix = `"\\\\${computer.name}\\"`;
  const other = computer.declaration?.name;
  if (other !== undefined) {
    return `The key of ${stepLabel(step)} names ${other} (${prefix}), not the step's node ${node}: reg.exe writes ${other}'s registry, so clusterplan applies the value to ${other}. Set "node" to "${other}", or remove ${prefix} from the key.`;
  }
  // `\\.\` and `\\localhost\` name the computer reg.exe runs on: the administrator's workstation, or any node.
  const named = /^(?:\.|localhost)$/i.test(computer.name) ? 'the computer reg.exe runs on' : `the computer "${computer.name}"`;
  return `The key of ${stepLabel(step)} names ${named} (${prefix}), which is not a node of the plan: reg.exe would write that computer's registry, not ${node}'s, so clusterplan changes no node's registry at this step. Remove ${prefix} from the key.`;
}
