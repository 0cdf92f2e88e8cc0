import type { Action, NodeDeclaration, Step, StepTable } from './plan';

/** The StepTable of steps already built as objects: what readPlan.ts reads from the tree. */
export class ObjectStepTable implements StepTable {
  readonly length: number;

  constructor(private readonly steps: readonly Step[]) {
    this.length = steps.length;
  }

  step(index: number): Step {
    return this.steps[index]!;
  }

  action(index: number): Action | undefined {
    return this.steps[index]!.action;
  }

  target(index: number): NodeDeclaration | undefined {
    const step = this.steps[index]!;
    return step.action === undefined || step.action === 'note' || step.action === 'cluster-security' ? undefined : step.target?.declaration;
  }

  sponsor(index: number): NodeDeclaration | undefined {
    const step = this.steps[index]!;
    return 'sponsor' in step ? step.sponsor?.declaration : undefined;
  }

  namesUnknownNode(index: number): boolean {
    const step = this.steps[index]!;
    if (step.action === undefined || step.action === 'note' || step.action === 'cluster-security') return false;
    if (step.target && !step.target.declaration) return true;
    return 'sponsor' in step && step.sponsor !== undefined && !step.sponsor.declaration;
  }

  hasTo(index: number): boolean {
    const step = this.steps[index]!;
    return step.action === 'upgrade' && step.to !== undefined;
  }

  toHighest(index: number): number | undefined {
    const step = this.steps[index]!;
    return step.action === 'upgrade' ? step.to?.highest : undefined;
  }

  toLowest(index: number): number | undefined {
    const step = this.steps[index]!;
    return step.action === 'upgrade' ? step.to?.lowest : undefined;
  }

  atParametersKey(index: number): boolean {
    const step = this.steps[index]!;
    return (step.action === 'set-registry' || step.action === 'delete-registry') && step.atParametersKey;
  }

  registryType(index: number): string {
    const step = this.steps[index]!;
    return step.action === 'set-registry' || step.action === 'delete-registry' ? step.type : '';
  }

  registryData(index: number): number | string | undefined {
    const step = this.steps[index]!;
    return step.action === 'set-registry' || step.action === 'delete-registry' ? step.data : undefined;
  }
}
