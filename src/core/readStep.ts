import { closest } from './closest';
import { ACTIONS, ALLOWED_STEP_PROPERTIES, FUNCTIONAL_LEVEL_ACTIONS, isAction, type Action } from './format';
import { nodeKey } from './nodeNames';
import type { KeyComputer, Located, NodeReference, RegistryStep, SecurityStep, Step, StepBase } from './plan';
import { at, Properties, type Member, type Reading } from './reading';
import { readTarget } from './readVersions';
import { literalValue, type JsonValue } from './tree';
import { isNoVersionCheckName, isParametersKey, keyComputer, NO_VERSION_CHECK, REGISTRY_TYPES } from './registry';

const ACTION_ONLY: ReadonlySet<string> = new Set(['action']);
const CLASSIC_ACTIONS: readonly Action[] = ACTIONS.filter((a) => !FUNCTIONAL_LEVEL_ACTIONS.has(a));

function unreadableStep(pointer: string, node: JsonValue, index: number): Step {
  return { pointer, node, index, id: undefined, description: undefined, action: undefined };
}

/** One element of "steps" (docs/format.md, "Steps"). A step whose action cannot be read is kept, unreadable. */
export function readStep(r: Reading, node: JsonValue, index: number): Step {
  const pointer = '/steps/' + index;
  const located: Located = { pointer, node };
  if (node.type !== 'object') {
    r.issue(located, 'A step is an object such as { "action": "stop", "node": "NODE1" }.');
    return unreadableStep(pointer, node, index);
  }
  // The action says which other properties the step may have.
  const actionMember = new Properties(node, pointer, ACTION_ONLY).get('action');
  if (!actionMember) {
    r.issue(located, `The step has no "action"; use one of ${(r.functionalLevelPlan ? ACTIONS : CLASSIC_ACTIONS).join(', ')}.`);
    return unreadableStep(pointer, node, index);
  }
  const actionValue = literalValue(actionMember.value);
  // A plan of the KB 811272 releases is offered only their actions: Cluster OS Rolling Upgrade came with 2016.
  const actions = r.functionalLevelPlan ? ACTIONS : CLASSIC_ACTIONS;
  if (isAction(actionValue) && !actions.includes(actionValue)) {
    r.issue(
      at(actionMember.value ?? actionMember.keyNode, `${pointer}/action`),
      `"${actionValue}" is a step of Cluster OS Rolling Upgrade, for nodes of Windows Server 2008 and later; every node in "nodes" runs an older release. Use one of ${actions.join(', ')}.`,
    );
    return unreadableStep(pointer, node, index);
  }
  if (!isAction(actionValue)) {
    const suggestion = typeof actionValue === 'string' ? closest(actionValue, actions) : undefined;
    r.issue(
      at(actionMember.value ?? actionMember.keyNode, `${pointer}/action`),
      `Unknown action ${JSON.stringify(actionValue ?? null)}` + (suggestion ? `; did you mean "${suggestion}"?` : `; use one of ${actions.join(', ')}.`),
    );
    return unreadableStep(pointer, node, index);
  }
  const action: Action = actionValue;
  const props = r.properties(node, pointer, ALLOWED_STEP_PROPERTIES[action], action);
  const id = r.optionalString(props.get('id'));
  const description = r.optionalString(props.get('description'));
  switch (action) {
    case 'stop':
    case 'start':
    case 'join':
    case 'restart': {
      const target = nodeReference(r, props.get('node'), located);
      const sponsor = props.has('sponsor') ? nodeReference(r, props.get('sponsor'), located) : undefined;
      return { pointer, node, index, id, description, action, target, sponsor };
    }
    case 'upgrade': {
      const to = props.get('to');
      if (!to) r.issue(located, 'An upgrade needs "to": a version alias or { "highest": …, "lowest": … }.');
      const target = nodeReference(r, props.get('node'), located);
      return { pointer, node, index, id, description, action, target, to: to ? readTarget(r, to) : undefined };
    }
    case 'set-registry':
    case 'delete-registry':
      return registryStep(r, { pointer, node, index, id, description }, action, props, located);
    case 'cluster-security':
      return securityStep(r, { pointer, node, index, id, description }, props, located);
    case 'drain':
    case 'resume':
    case 'evict':
    case 'add':
      return { pointer, node, index, id, description, action, target: nodeReference(r, props.get('node'), located) };
    case 'update-functional-level':
      return { pointer, node, index, id, description, action };
    case 'note':
      if (!props.has('text')) r.issue(located, 'A note needs "text".');
      else r.optionalString(props.get('text'));
      return { pointer, node, index, id, description, action };
  }
}

function registryStep(r: Reading, common: StepBase, action: RegistryStep['action'], props: Properties, located: Located): RegistryStep {
  const nameMember = props.get('name');
  const name = r.optionalString(nameMember);
  if (!nameMember) r.issue(located, `A ${action} step needs "name": "${NO_VERSION_CHECK}".`);
  else if (name !== undefined && !isNoVersionCheckName(name)) {
    r.issue(at(nameMember.value ?? nameMember.keyNode, nameMember.pointer), `clusterplan models only the "${NO_VERSION_CHECK}" value, not "${name}".`);
  }
  const keyMember = props.get('key');
  const key = r.optionalString(keyMember);
  const typeMember = props.get('type');
  const type = (r.optionalString(typeMember) ?? 'REG_DWORD').toUpperCase();
  if (typeMember && !REGISTRY_TYPES.includes(type)) r.mistyped(typeMember, `a registry type: ${REGISTRY_TYPES.join(', ')}`);
  let data: number | string | undefined;
  if (action === 'set-registry') {
    const dataMember = props.get('data');
    if (!dataMember) r.issue(located, 'A set-registry step needs "data" (1 for NoVersionCheck).');
    else if (dataMember.value?.type === 'number' && !Number.isFinite(dataMember.value.value)) {
      // JSON has no limit, but a parser reads 1e400 as infinity: no registry value can hold it.
      r.issue(at(dataMember.value, dataMember.pointer), `"data" ${r.source(dataMember.value)} is out of range: no registry value holds a number that large. NoVersionCheck is the number 1.`);
    } else if (dataMember.value?.type === 'number' || dataMember.value?.type === 'string') data = literalValue(dataMember.value) as number | string;
    else r.mistyped(dataMember, 'a number or a string');
  }
  const target = nodeReference(r, props.get('node'), located);
  const { pointer, node, index, id, description } = common;
  const atParametersKey = key === undefined || isParametersKey(key);
  // Only NoVersionCheck is modelled: a step writing any other value, or a name that cannot be read, changes nothing.
  const writesNoVersionCheck = name !== undefined && isNoVersionCheckName(name) && atParametersKey;
  const computer = keyMember && key !== undefined ? computerOf(r, keyMember, key) : undefined;
  return { pointer, node, index, id, description, action, target, computer, key, atParametersKey, writesNoVersionCheck, type, data };
}

/** The computer a key's `\\NAME\` prefix names, resolved against the declared nodes as a step's node is. */
function computerOf(r: Reading, member: Member, key: string): KeyComputer | undefined {
  const name = keyComputer(key);
  if (name === undefined || !member.value) return undefined;
  return { pointer: member.pointer, node: member.value, name, declaration: r.declarations.get(nodeKey(name)) };
}

function securityStep(r: Reading, common: StepBase, props: Properties, located: Located): SecurityStep {
  const grant = r.optionalString(props.get('grant'));
  const revoke = r.optionalString(props.get('revoke'));
  if (props.has('grant') === props.has('revoke')) r.issue(located, 'A cluster-security step takes exactly one of "grant" or "revoke".');
  const rightsMember = props.get('rights');
  let rights: SecurityStep['rights'] = 'full';
  if (rightsMember) {
    const value = literalValue(rightsMember.value);
    if (value === 'full' || value === 'read') rights = value;
    else r.mistyped(rightsMember, '"full" or "read"');
    if (props.has('revoke')) r.issue(at(rightsMember.keyNode, rightsMember.pointer), '"rights" applies to a grant; a revoke removes the account whatever its rights.');
  }
  const { pointer, node, index, id, description } = common;
  return { pointer, node, index, id, description, action: 'cluster-security', grant, revoke, rights };
}

/** A step's `node` or `sponsor`, resolved against the declarations read so far ("nodes" comes first). */
function nodeReference(r: Reading, member: Member | undefined, step: Located): NodeReference | undefined {
  if (!member) {
    r.issue(step, 'The step needs "node": the name of a declared node.');
    return undefined;
  }
  if (member.value?.type !== 'string') {
    r.mistyped(member, 'a node name');
    return undefined;
  }
  const name = String(literalValue(member.value));
  const reference: NodeReference = { pointer: member.pointer, node: member.value, name, declaration: r.declarations.get(nodeKey(name)) };
  r.nodeReferences.push(reference);
  return reference;
}
