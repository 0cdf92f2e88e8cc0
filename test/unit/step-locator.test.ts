/**
 * The steps of a plain-JSON plan found from their "action" keys (src/core/stepLocator.ts) are where jsonc-parser
 * puts them, and the lazy tree built on them is jsonc-parser's; anything not as vouched is refused, so the
 * tree passes over the characters instead.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseTree, type Node as JsonNode } from 'jsonc-parser';
import { planCorpus } from '../../bench/corpus';
import { LazyStepsTree } from '../../src/core/jsoncTree';
import { PlanDocument } from '../../src/core/planDocument';
import { readRegularPlan } from '../../src/core/readRegularPlan';
import { locateSteps } from '../../src/core/stepLocator';

/** Empty when the two subtrees have the same nodes at the same places. */
function treeDifference(a: JsonNode | undefined, b: JsonNode | undefined, where = '$'): string {
  if (!a || !b) return a === b ? '' : `${where}: missing in one tree`;
  if (a.type !== b.type || a.offset !== b.offset || a.length !== b.length || a.value !== b.value) return `${where}: ${a.type}@${a.offset}+${a.length} ≠ ${b.type}@${b.offset}+${b.length}`;
  const ac = a.children ?? [];
  const bc = b.children ?? [];
  if (ac.length !== bc.length) return `${where}: ${ac.length} ≠ ${bc.length} children`;
  for (let i = 0; i < ac.length; i++) {
    const d = treeDifference(ac[i], bc[i], `${where}[${i}]`);
    if (d) return d;
  }
  return '';
}

const ROOT = path.resolve(__dirname, '../../..');

function stepsArray(text: string): JsonNode | undefined {
  let root: JsonNode | undefined;
  try {
    root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  } catch {
    return undefined; // jsonc-parser overflows the stack on the fuzz regressions nested thousands deep
  }
  return root?.children?.find((p) => p.children?.[0]?.value === 'steps')?.children?.[1];
}

/** What the regular reader vouches for: the steps' count, and the JSON it read (comments blanked). */
function vouched(text: string): { count: number; json: string } | undefined {
  const document = new PlanDocument(text);
  const plan = readRegularPlan(document);
  return plan && { count: plan.stepTable.length, json: document.values()!.json };
}

describe('finding the steps from their "action" keys', () => {
  it('puts every step where jsonc-parser does, and the lazy tree is its tree, on every plain plan we have', () => {
    let located = 0;
    for (const [label, text] of planCorpus(ROOT)) {
      const keys = vouched(text);
      const array = stepsArray(text);
      if (!keys || !array) continue;
      const count = keys.count;
      const steps = locateSteps(keys.json, array.offset, count);
      if (!steps) continue;
      located++;
      assert.equal(steps.end, array.offset + array.length, label);
      assert.deepEqual(
        Array.from({ length: count }, (_, i) => steps.start(i)),
        array.children!.map((c) => c.offset),
        label,
      );
      const lazy = new LazyStepsTree(text, 64, keys);
      for (let i = count - 1; i >= 0; i--) {
        const element = lazy.element(i)!;
        // Placed by its range first, its members read after: they hang from the element itself.
        assert.equal(text.slice(element.offset, element.offset + element.length), text.slice(array.children![i]!.offset, array.children![i]!.offset + array.children![i]!.length), `${label} step ${i}`);
        assert.equal(treeDifference(element, array.children![i]), '', `${label} step ${i}`);
        assert.equal(element.parent, lazy.steps, `${label} step ${i}`);
        for (const member of element.children!) assert.equal(member.parent, element, `${label} step ${i}`);
        assert.equal(lazy.element(i), element);
      }
    }
    // The generated plans, and the examples, whose comments are blanked in the JSON read.
    assert.ok(located >= 6 + 15, `only ${located} plans located`);
  });

  const plan = (nodes: string, steps: string) => `{ "nodes": { ${nodes} }, "steps": [${steps}] }`;
  const node = '"N1": { "version": "ws2003-rtm" }';

  it('passes over "action" in strings and as a value, and keys written with space before the colon', () => {
    const text = plan(
      node,
      [
        '\n  { "action": "note", "text": "\\"action\\": \\\\", "id": "action" }',
        '\n  { "id": "{[", "action"  \t: "stop", "node": "N1" }',
        '\n  {"description":"a \\\\","action":"start","node":"N1"}',
        '\n  { "action": "upgrade", "node": "N1", "to": { "highest": "4.3790" } }\n',
      ].join(','),
    );
    assert.equal(vouched(text)?.count, 4);
    const steps = locateSteps(text, stepsArray(text)!.offset, 4);
    assert.ok(steps);
    assert.deepEqual(
      Array.from({ length: 4 }, (_, i) => steps.start(i)),
      stepsArray(text)!.children!.map((c) => c.offset),
    );
  });

  it('refuses when another key after "steps" is "action" or the count is not the steps\'', () => {
    // A node may be called "action"; before "steps", its key is not searched.
    const withNode = plan('"action": { "version": "ws2003-rtm" }', '{ "action": "stop", "node": "action" }');
    assert.equal(vouched(withNode)?.count, 1);
    assert.equal(locateSteps(withNode, stepsArray(withNode)!.offset, 1)?.start(0), stepsArray(withNode)!.children![0]!.offset);
    const after = `{ "steps": [ { "action": "note", "text": "x" } ], "nodes": { "action": {} } }`;
    assert.equal(locateSteps(after, stepsArray(after)!.offset, 1), undefined);
    const two = plan(node, '{ "action": "note", "text": "x" }, { "action": "note", "text": "y" }');
    assert.equal(locateSteps(two, stepsArray(two)!.offset, 1), undefined);
    assert.equal(locateSteps(two, stepsArray(two)!.offset, 3), undefined);
    assert.ok(locateSteps(two, stepsArray(two)!.offset, 2));
  });

  it('reads the keys in the JSON read, where a comment saying "action": is blanked', async () => {
    const { analyze } = await import('../../src/core');
    const body = plan(node, '\n  { "action": "stop", "node": "N9" },\n  { "action": "stop", "node": "N1" }\n');
    const commented = body.replace('"steps": [', '"steps": [ // "action": "x"\n').replace('"N1" }\n', '"N1" }, /* { "action": "stop" } */\n');
    assert.equal(vouched(commented)?.json.length, commented.length);
    assert.equal(locateSteps(vouched(commented)!.json, stepsArray(commented)!.offset, 2)?.start(1), stepsArray(commented)!.children![1]!.offset);
    for (const text of [body, commented]) {
      const finding = analyze(text).findings.find((f) => f.code === 'unknown-node')!;
      assert.equal(text.slice(finding.offset, finding.offset + finding.length), '"N9"');
    }
  });
});
