import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyze, applyEdits, fixesFor } from '../../src/core';
import { REPO_ROOT } from './helpers/plans';

const read = (file: string) => readFileSync(path.join(REPO_ROOT, file), 'utf8');

const RANK = { error: 0, warning: 1, information: 2, hint: 3 } as const;

// The walkthrough promises a number of quick fixes; its example must take exactly that many.
test('the walkthrough\'s example is clean after the two preferred fixes its text describes', () => {
  let text = read('examples/mistakes/forgot-sponsor-noversioncheck.clusterplan');
  const applied: string[] = [];
  for (;;) {
    const analysis = analyze(text);
    const worst = [...analysis.findings].sort((a, b) => RANK[a.severity] - RANK[b.severity])[0];
    if (!worst) break;
    const fix = fixesFor(analysis, worst).find((f) => f.isPreferred);
    assert.ok(fix, `${worst.code} has a preferred fix`);
    assert.ok(applied.length < 5, `fixes keep coming: ${applied.join(' | ')}`);
    text = applyEdits(text, fix.edits);
    applied.push(fix.title);
  }
  assert.deepEqual(applied, ['KB 811272: restart NODE2 with NoVersionCheck before step 8', 'Delete NoVersionCheck on NODE2 and restart its Cluster service']);

  const steps = JSON.parse(read('package.nls.json')) as Record<string, string>;
  assert.match(steps['walkthrough.fix.description']!, /two fixes in all/);
  assert.match(read('media/walkthrough/fix.md'), /After these two fixes the plan has no problem\./);
});
