import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it, test } from 'node:test';
import { formatText } from '../../src/cli/formatText';
import { analyze, RULES } from '../../src/core';

/**
 * docs/rules/<code>.md: one page per rule. Its plans are the evidence an administrator reads, so they are
 * run here: the trigger must produce the code, the near miss must not, and the CLI output the page quotes
 * must be what `clusterplan check` prints for the trigger, every line of it.
 */

const root = path.resolve(__dirname, '../../..');
const pagesDir = path.join(root, 'docs/rules');
const INDEX = 'README.md';

const pageFiles = readdirSync(pagesDir).filter((f) => f.endsWith('.md') && f !== INDEX);
const pages = new Map(pageFiles.map((f) => [f.replace(/\.md$/, ''), readFileSync(path.join(pagesDir, f), 'utf8').replace(/\r\n/g, '\n')]));

/** The ```jsonc block right after the `<!-- name -->` line; the page must have exactly one. */
function block(page: string, name: 'triggers' | 'near-miss'): string {
  const found = [...page.matchAll(new RegExp(`^<!-- ${name} -->\\n\`\`\`jsonc\\n([\\s\\S]*?)\\n\`\`\`$`, 'gm'))];
  assert.equal(found.length, 1, `expected exactly one "<!-- ${name} -->" line followed by a \`\`\`jsonc block, found ${found.length}`);
  return found[0]![1]! + '\n';
}

function describeFindings(text: string): string {
  const findings = analyze(text).findings;
  return findings.length === 0 ? 'no findings' : findings.map((f) => `${f.code}@${f.pointer}`).join(', ');
}

test('every rule in RULES has a page, and every page names a rule', () => {
  const codes = RULES.map((r) => r.code);
  assert.deepEqual(codes.filter((code) => !pages.has(code)), [], 'rules without a page in docs/rules/');
  assert.deepEqual([...pages.keys()].filter((name) => !codes.includes(name)), [], 'pages in docs/rules/ that name no rule');
});

test('the index links every page, and each row gives the default severity and title', () => {
  const index = readFileSync(path.join(pagesDir, INDEX), 'utf8');
  const linked = new Set([...index.matchAll(/\]\(([^)#\s/]+\.md)\)/g)].map((m) => m[1]));
  assert.deepEqual(pageFiles.filter((f) => !linked.has(f)), [], 'pages the index does not link');
  for (const rule of RULES) {
    const row = index.split('\n').find((line) => line.startsWith(`| [\`${rule.code}\`](${rule.code}.md) |`));
    assert.ok(row, `the index table has no row for ${rule.code}`);
    const cells = row.split(' | ');
    assert.equal(cells[1], rule.severity, `the index gives ${rule.code} the severity "${cells[1]}", RULES has "${rule.severity}"`);
    assert.ok(row.endsWith(`| ${rule.title} |`), `the index row of ${rule.code} should end with its title "${rule.title}"`);
  }
});

describe('rule pages', () => {
  for (const rule of RULES) {
    const page = pages.get(rule.code);
    if (!page) continue; // reported by the first test

    describe(rule.code, () => {
      it('opens with its heading, then its default severity and title', () => {
        const lines = page.split('\n');
        assert.equal(lines[0], `# ${rule.code}`);
        const first = lines.slice(1).find((l) => l.trim() !== '') ?? '';
        const stated = /^Default severity: \*\*(\w+)\*\* · Points at: .+ · Title: \*(.+)\*$/.exec(first);
        assert.ok(stated, `the line after the heading should read "Default severity: **…** · Points at: … · Title: *…*", not ${JSON.stringify(first)}`);
        assert.equal(stated[1], rule.severity, `the page states severity ${stated[1]}; RULES has ${rule.severity}`);
        assert.equal(stated[2], rule.title, 'the page states another title than RULES');
      });

      it('has its sections in order, and ends with the rule\'s source as code text', () => {
        const headings = [...page.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
        assert.deepEqual(headings, [
          'What it checks',
          'Why it matters to the cluster',
          'A plan that triggers it',
          'A near miss that does not',
          'The fix',
          'Changing its severity or suppressing it',
        ]);
        const last = page.trimEnd().split('\n').pop();
        assert.match(last!, new RegExp(`^Code: \`src/core/rules/${rule.code}\\.ts\`( · quick fixes: \`src/core/fixes/${rule.code}\\.ts\`)?$`));
        assert.doesNotMatch(page, /\]\([^)]*\bsrc\//, 'src/ is not in the package: name source files as code text, not links');
      });

      it('its trigger produces the code', () => {
        const text = block(page, 'triggers');
        const mine = analyze(text).findings.filter((f) => f.code === rule.code);
        assert.ok(mine.length > 0, `the trigger gives ${describeFindings(text)}, no ${rule.code}`);
        for (const f of mine) assert.equal(f.severity, rule.severity, `${rule.code} at ${f.pointer} has severity ${f.severity}`);
      });

      it('its near miss does not', () => {
        const text = block(page, 'near-miss');
        const mine = analyze(text).findings.filter((f) => f.code === rule.code);
        assert.deepEqual(mine.map((f) => `${f.pointer}: ${f.message}`), [], `the near miss gives ${rule.code}`);
      });

      it('quotes the whole CLI output of its trigger', () => {
        const text = block(page, 'triggers');
        const after = page.slice(page.indexOf('<!-- triggers -->'));
        const quoted = /```text\n\$ clusterplan check plan\.clusterplan\n([\s\S]*?)\n```/.exec(after);
        assert.ok(quoted, 'after the trigger, a ```text block with "$ clusterplan check plan.clusterplan" and its output');
        const { document, findings } = analyze(text);
        const printed = formatText([{ path: 'plan.clusterplan', document, findings }]);
        assert.deepEqual(quoted[1]!.split('\n'), printed.trimEnd().split('\n'));
      });
    });
  }
});

// The pages ship in the package (.vscodeignore), where the project's internal notes are absent.
test('the pages stand on their own', () => {
  const all: [string, string][] = [...pages, [INDEX, readFileSync(path.join(pagesDir, INDEX), 'utf8')]];
  for (const [name, page] of all) {
    assert.doesNotMatch(page, /\.\.\/shared|DOMAIN\.md|the contract|\(addition\)|facts? \d/i, `${name} refers to material outside the repository`);
  }
});
