import { stepReferences, type Action, type NodeDeclaration, type Step, type StepTable } from './plan';

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
    return 'target' in step ? step.target?.declaration : undefined;
  }

  sponsor(index: number): NodeDeclaration | undefined {
    const step = this.steps[index]!;
    return 'sponsor' in step ? step.sponsor?.declaration : undefined;
  }

  namesUnknownNode(index: number): boolean {
    return stepReferences(this.steps[index]!).some((reference) => !reference.declaration);
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
