#!/usr/bin/env node
'use strict';
// `npm run examples` and `npm run examples:mistakes`: the CLI (dist/cli.js) on the example plans, one
// `clusterplan check` per plan, the first thing a newcomer runs.
//
//   node scripts/examples.js [--mistakes] [<folder>]
//
// Without --mistakes: every plan under <folder> (default examples/) except mistakes/ must be clean; each
// prints an OK line. With --mistakes: every plan in <folder>/mistakes/ holds the mistake it is named for,
// so the CLI must report it; its findings are printed and labelled as expected. Exit 0 when every plan
// behaves so, 1 otherwise.

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..');
const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
const MISTAKES = 'mistakes';

// A finding is a line that the extension's problem matcher ($clusterplan) reads as one.
const { problemMatchers } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).contributes;
const FINDING = new RegExp(problemMatchers[0].pattern.regexp, 'm');

/** The .clusterplan files below dir, in a stable order, as relative paths from the current folder. */
function plansIn(dir, skip = () => false) {
  const plans = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && !skip(full)) plans.push(...plansIn(full, skip));
    else if (entry.isFile() && entry.name.endsWith('.clusterplan')) plans.push(path.relative(process.cwd(), full));
  }
  return plans;
}

const plansOf = (n, what) => `${n} ${what} plan${n === 1 ? '' : 's'}`;

function check(plan) {
  const r = spawnSync(process.execPath, [CLI, 'check', plan], { encoding: 'utf8' });
  if (r.error) throw r.error;
  return { status: r.status, output: r.stdout + r.stderr, reported: FINDING.test(r.stdout) };
}

function cleanPlans(folder) {
  const mistakes = path.join(folder, MISTAKES);
  const plans = plansIn(folder, (dir) => dir === mistakes);
  let failed = 0;
  for (const plan of plans) {
    const r = check(plan);
    if (r.status === 0 && !r.reported) {
      console.log(`OK  ${plan}`);
    } else {
      failed++;
      process.stdout.write(r.output);
      console.log(`NOT OK  ${plan}: an example plan should have no problems (exit ${r.status})`);
    }
  }
  console.log(`${plansOf(plans.length, 'example')} checked, ${plans.length - failed} OK.`);
  if (failed === 0) console.log('The plans that show mistakes: npm run examples:mistakes (they are reported on purpose).');
  return failed === 0 ? 0 : 1;
}

function mistakePlans(folder) {
  const plans = plansIn(path.join(folder, MISTAKES));
  let failed = 0;
  let refused = 0;
  for (const plan of plans) {
    const r = check(plan);
    process.stdout.write(r.output);
    if (r.reported && r.status !== 2) {
      if (r.status === 1) refused++;
      console.log(`  expected: ${plan} shows this mistake on purpose (exit ${r.status})\n`);
    } else {
      failed++;
      console.log(`  NOT OK: ${plan} should show a mistake, but clusterplan reports none (exit ${r.status})\n`);
    }
  }
  console.log(`${plansOf(plans.length, 'mistake')} checked, ${plans.length - failed} reported as expected`
    + ` (${refused} with errors, on which clusterplan check exits 1).`);
  return failed === 0 ? 0 : 1;
}

const args = process.argv.slice(2);
const mistakes = args.includes('--mistakes');
const folders = args.filter((a) => a !== '--mistakes');
if (folders.length > 1 || folders.some((a) => a.startsWith('--'))) {
  console.error('usage: examples.js [--mistakes] [<folder>]');
  process.exit(2);
}
if (!fs.existsSync(CLI)) {
  console.error(`${path.relative(process.cwd(), CLI)} does not exist: run \`npm run build\` first.`);
  process.exit(2);
}
const folder = path.resolve(folders[0] || path.join(REPO_ROOT, 'examples'));
process.exitCode = mistakes ? mistakePlans(folder) : cleanPlans(folder);
