/**
 * Every relative link in the README and in docs/ leads somewhere: to a file of the repository and, with a
 * #fragment, to one of its headings. The README and the pages also ship inside the .vsix, where VS Code
 * opens them offline: a page the package ships must link only to files the package ships.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

const root = path.resolve(__dirname, '../../..');

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? markdownFiles(full) : e.name.endsWith('.md') ? [path.relative(root, full)] : [];
  });
}

const FILES = ['README.md', ...markdownFiles(path.join(root, 'docs'))];

/** The text without code blocks and code spans, where brackets are not links. */
function prose(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`+[^`\n]*`+/g, '');
}

/** Relative links and images: [text](target) and ![alt](target), targets as written. */
function relativeLinks(markdown: string): string[] {
  const targets = [...prose(markdown).matchAll(/!?\[[^\]]*\]\(<?([^)\s>]+)>?(?:\s+"[^"]*")?\)/g)].map((m) => m[1]!);
  return targets.filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t));
}

/** GitHub's anchors of a page's headings: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  const withoutBlocks = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
  for (const m of withoutBlocks.matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)) {
    const slug = m[1]!.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    result.add(n === 0 ? slug : `${slug}-${n}`);
  }
  return result;
}

/** Where a link from `file` leads: a repository path and an optional fragment. */
function resolve(file: string, target: string): { path: string; fragment: string | undefined } {
  const [pathPart, fragment] = target.split('#', 2) as [string, string | undefined];
  return { path: pathPart === '' ? file : path.normalize(path.join(path.dirname(file), decodeURIComponent(pathPart))), fragment };
}

test('every relative link in the README and docs/ leads to a file and, with a fragment, to a heading', () => {
  const broken: string[] = [];
  let links = 0;
  for (const file of FILES) {
    for (const target of relativeLinks(readFileSync(path.join(root, file), 'utf8'))) {
      links++;
      const to = resolve(file, target);
      const full = path.join(root, to.path);
      if (!existsSync(full) || !statSync(full).isFile()) {
        broken.push(`${file}: ${target} (no file ${to.path})`);
      } else if (to.fragment !== undefined && to.path.endsWith('.md') && !anchors(readFileSync(full, 'utf8')).has(to.fragment)) {
        broken.push(`${file}: ${target} (no heading #${to.fragment} in ${to.path})`);
      }
    }
  }
  assert.deepEqual(broken, []);
  assert.ok(links > 100, `only ${links} links checked`);
});

test('a page the .vsix ships links only to files it ships', () => {
  const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  const shipped = new Set(execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean).map(path.normalize));
  assert.ok(shipped.has('README.md') && shipped.has(path.normalize('docs/rules/join-incompatible.md')), 'the package ships the README and the rule pages');
  const missing: string[] = [];
  for (const file of FILES.filter((f) => shipped.has(path.normalize(f)))) {
    for (const target of relativeLinks(readFileSync(path.join(root, file), 'utf8'))) {
      const to = resolve(file, target);
      if (!shipped.has(to.path)) missing.push(`${file}: ${target} (${to.path} is not in the package)`);
    }
  }
  assert.deepEqual(missing, []);
});

test('the link checker finds what it must', () => {
  assert.deepEqual(relativeLinks('[a](b.md) ![c](d.png) [e](https://x.org) `[f](g.md)`\n```\n[h](i.md)\n```\n[j](#k)'), ['b.md', 'd.png', '#k']);
  assert.deepEqual([...anchors('# The `.clusterplan` format\n## The plan\'s own versions\n## A plan\n## A plan')], ['the-clusterplan-format', 'the-plans-own-versions', 'a-plan', 'a-plan-1']);
});
