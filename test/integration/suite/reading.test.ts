import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, lineOf, rangeOf, showFile, showPlan } from '../helpers';

/** Reading the plan: hovers, inlay hints and the summary CodeLens, through VS Code's own commands. */

const KB = 'kb811272-rc2-to-rtm.clusterplan';
const JOIN_NODE2 = '{ "action": "join", "node": "NODE2", "sponsor": "NODE1" },';

async function activated(): Promise<{ clusterVersions: { view: vscode.TreeView<unknown> } }> {
  return vscode.extensions.getExtension('clusterplan.clusterplan')!.activate();
}

async function hoversAt(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover[]> {
  await activated();
  return vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
}

/** The one clusterplan hover at `position`, with its markdown. */
async function hoverAt(document: vscode.TextDocument, position: vscode.Position): Promise<{ hover: vscode.Hover; markdown: vscode.MarkdownString }> {
  const hovers = await hoversAt(document, position);
  assert.equal(hovers.length, 1, `one hover at ${position.line}:${position.character}`);
  const hover = hovers[0]!;
  assert.equal(hover.contents.length, 1);
  const markdown = hover.contents[0] as vscode.MarkdownString;
  assert.equal(typeof markdown.value, 'string');
  // Issue 6: never trusted, never HTML, whatever the plan holds.
  assert.ok(!markdown.isTrusted, 'the markdown is not trusted');
  assert.ok(!markdown.supportHtml, 'the markdown renders no HTML');
  return { hover, markdown };
}

/** One character into the first occurrence of `needle`. */
function inside(document: vscode.TextDocument, needle: string, delta = 1): vscode.Position {
  return rangeOf(document, needle).start.translate(0, delta);
}

async function hintsOf(document: vscode.TextDocument): Promise<vscode.InlayHint[]> {
  await activated();
  const whole = new vscode.Range(new vscode.Position(0, 0), document.lineAt(document.lineCount - 1).range.end);
  return vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', document.uri, whole);
}

const labelOf = (hint: vscode.InlayHint) => (typeof hint.label === 'string' ? hint.label : hint.label.map((part) => part.value).join(''));

/** Resolves once the extension host reads `value` for `section`: checked at once, then on every configuration change. */
function configured(section: string, value: unknown, timeoutMs = 20_000): Promise<void> {
  const [head, ...rest] = section.split('.');
  const read = () => vscode.workspace.getConfiguration(head).get(rest.join('.'));
  return new Promise((resolve, reject) => {
    if (read() === value) return resolve();
    const subscription = vscode.workspace.onDidChangeConfiguration(() => {
      if (read() !== value) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    });
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${section} to be ${JSON.stringify(value)}; it is ${JSON.stringify(read())}`));
    }, timeoutMs);
  });
}

describe('hovers', () => {
  afterEach(closeAllEditors);

  it('explain a version: hex, M.m, decimal, catalog alias and pre-release', async () => {
    const editor = await showFile(KB);
    const document = editor.document;
    const { hover, markdown } = await hoverAt(document, inside(document, '"ws2003-rtm"'));
    assert.deepEqual(hover.range, rangeOf(document, '"ws2003-rtm"'));
    for (const expected of ['0x00040ECE (4.3790)', '4.3790', '265934', 'ws2003\\-rtm', 'Windows Server 2003 RTM', '- pre-release: no']) {
      assert.ok(markdown.value.includes(expected), `the hover names ${expected}:\n${markdown.value}`);
    }
  });

  it('explain a DWORD number in every notation', async () => {
    const editor = await showPlan('{\n  "nodes": { "NODE1": { "highest": 265934, "lowest": "0x00030893" } },\n  "steps": []\n}');
    const { markdown } = await hoverAt(editor.document, inside(editor.document, '265934', 0));
    assert.match(markdown.value, /^\*\*Version 0x00040ECE \(4\.3790\)\*\*, written as a decimal DWORD\n/);
    assert.match(markdown.value, /\n- hex: 0x00040ECE\n- M\.m: 4\.3790: major 4 .*\n- decimal: 265934\n- catalog: ws2003\\-rtm /);
  });

  it('show the cluster state before → after a step, on its braces and on its action', async () => {
    const editor = await showFile(KB);
    const document = editor.document;
    const step = rangeOf(document, JOIN_NODE2.slice(0, -1));
    const { hover, markdown } = await hoverAt(document, step.start);
    assert.deepEqual(hover.range, step);
    assert.equal(
      markdown.value,
      [
        '**Step 6**: join NODE2 with sponsor NODE1',
        '',
        'NODE2 joins without a version check: NoVersionCheck is in effect on NODE2 and on its sponsor NODE1.',
        '',
        '- ClusterHighestVersion: 0x00040E86 (4.3718), unchanged',
        '- ClusterLowestVersion: 0x00030893 (3.2195), unchanged',
        '- active nodes: NODE1 → NODE1, NODE2',
        '- mixed: no → yes',
      ].join('\n'),
    );
    const onAction = await hoverAt(document, inside(document, '"join", "node": "NODE2"'));
    assert.deepEqual(onAction.hover.range, rangeOf(document, '"join"'));
    assert.equal(onAction.markdown.value, markdown.value);

    const upgrade = await hoverAt(document, rangeOf(document, '{ "action": "upgrade", "node": "NODE1"').start);
    assert.match(upgrade.markdown.value, /\n- ClusterHighestVersion: 0x00040E86 \(4\.3718\) → 0x00040ECE \(4\.3790\)\n/);
  });

  it('explain the rule of a finding, and the rule named in a suppression comment', async () => {
    const editor = await showPlan(`{
  "nodes": { "NODE1": { "version": "ws2003-rtm" }, "NODE2": { "version": "ws2003-rtm" } },
  "steps": [
    // clusterplan-disable-next-line cluster-offline -- planned outage
    { "action": "stop", "node": "NDOE2" }
  ]
}`);
    const document = editor.document;
    const finding = await hoverAt(document, inside(document, 'NDOE2', 0));
    assert.deepEqual(finding.hover.range, rangeOf(document, '"NDOE2"'));
    assert.match(finding.markdown.value, /^\*\*`unknown-node`\*\* · error: A step names a node that is not declared\n\nEvery \\"node\\" and \\"sponsor\\" of a step must be declared/);

    const code = await hoverAt(document, inside(document, 'cluster-offline --', 3));
    assert.deepEqual(code.hover.range, rangeOf(document, 'cluster-offline'));
    assert.match(code.markdown.value, /^\*\*`cluster-offline`\*\* · warning by default: A step leaves no node active\n\nA rolling upgrade keeps at least one node running/);
  });

  it('show names from the document as text, never as links, code or HTML', async () => {
    const editor = await showPlan(`{
  "nodes": { "N[x](command:foo)": { "version": "ws2003-rtm" }, "NODE2": { "version": "ws2003-rtm" } },
  "steps": [
    { "action": "stop", "node": "N[x](command:foo)", "description": "<img src=x> \`tick\`" }
  ]
}`);
    const { markdown } = await hoverAt(editor.document, rangeOf(editor.document, '{ "action": "stop"').start);
    assert.match(markdown.value, /^\*\*Step 1\*\*: stop N\\\[x\\\]\\\(command\\:foo\\\)\n\n> \\<img src\\=x\\> \\`tick\\`\n/);
    // Every bracket, angle bracket and backtick from the document is backslash-escaped.
    assert.doesNotMatch(markdown.value, /(?<!\\)\]\(|(?<!\\)<img|(?<!\\)`tick/);
  });
});

describe('inlay hints', () => {
  afterEach(async () => {
    await vscode.workspace.getConfiguration('clusterplan').update('inlayHints.enabled', undefined, vscode.ConfigurationTarget.Global);
    await closeAllEditors();
  });

  it('show the state each step leaves, after the step', async () => {
    const editor = await showFile(KB);
    const document = editor.document;
    const hints = await hintsOf(document);
    assert.equal(hints.length, 15, hints.map(labelOf).join('\n'));
    const afterJoin = hints.find((h) => h.position.isEqual(document.lineAt(lineOf(document, JOIN_NODE2)).range.end));
    assert.ok(afterJoin, `a hint at the end of the join line: ${hints.map((h) => `${h.position.line}:${h.position.character}`).join(', ')}`);
    assert.equal(labelOf(afterJoin), '→ 4.3718 / 3.2195 · 2 active · mixed');
    // VS Code cuts what a line's hints say beyond this many characters: every hint must be shown whole.
    const shown = vscode.workspace.getConfiguration('editor', document).get<number>('inlayHints.maximumLength');
    assert.equal(shown, 43);
    for (const hint of hints) assert.ok(labelOf(hint).length <= shown, `"${labelOf(hint)}" is shown whole`);
    assert.equal(afterJoin.paddingLeft, true);
    assert.match(String(afterJoin.tooltip), /^After step 6:\nClusterHighestVersion 0x00040E86 \(4\.3718\)\n/);
  });

  it('lead with the functional level in a Windows Server 2016 plan, its release in the tooltip', async () => {
    const start = '{ "action": "start", "node": "NODE1" },';
    const editor = await showPlan(
      [
        '{',
        '  "nodes": { "NODE1": { "version": "ws2016" }, "NODE2": { "version": "ws2016" } },',
        '  "steps": [',
        '    { "action": "drain", "node": "NODE1" },',
        '    { "action": "upgrade", "node": "NODE1", "to": "ws2019" },',
        `    ${start}`,
        '    { "action": "resume", "node": "NODE1" }',
        '  ]',
        '}',
      ].join('\n'),
    );
    const document = editor.document;
    const hints = await hintsOf(document);
    assert.deepEqual(hints.map(labelOf), ['→ FL 9 · 9.8 / 9.8 · 2 active', '→ FL 9 · 9.8 / 9.8 · 1 active', '→ FL 9 · 9.8 / 10.3 · 2 active · mixed', '→ FL 9 · 9.8 / 10.3 · 2 active · mixed']);
    const afterStart = hints[2]!;
    assert.ok(afterStart.position.isEqual(document.lineAt(lineOf(document, start)).range.end), 'after the start step\'s comma');
    assert.match(String(afterStart.tooltip), /^After step 3:\n.*\nClusterFunctionalLevel FL 9 \(Windows Server 2016\)\n/s);
    const shown = vscode.workspace.getConfiguration('editor', document).get<number>('inlayHints.maximumLength')!;
    for (const hint of hints) assert.ok(labelOf(hint).length <= shown, `"${labelOf(hint)}" is shown whole`);
  });

  it('give the M.m of a DWORD number or a hex string', async () => {
    const editor = await showPlan('{\n  "nodes": { "NODE1": { "highest": 265934, "lowest": "0x00030893" } },\n  "steps": []\n}');
    const document = editor.document;
    const hints = await hintsOf(document);
    assert.deepEqual(
      hints.map((h) => [labelOf(h), h.position]),
      [
        ['= 4.3790', rangeOf(document, '265934').end],
        ['= 3.2195', rangeOf(document, '"0x00030893"').end],
      ],
    );
  });

  it('are gone while clusterplan.inlayHints.enabled is false, and back when it is restored, without a reload', async () => {
    const editor = await showFile(KB);
    const document = editor.document;
    assert.equal((await hintsOf(document)).length, 15);
    const settings = vscode.workspace.getConfiguration('clusterplan');
    await settings.update('inlayHints.enabled', false, vscode.ConfigurationTarget.Global);
    await configured('clusterplan.inlayHints.enabled', false);
    assert.deepEqual(await hintsOf(document), []);
    await settings.update('inlayHints.enabled', undefined, vscode.ConfigurationTarget.Global);
    await configured('clusterplan.inlayHints.enabled', true);
    assert.equal((await hintsOf(document)).length, 15);
  });
});

describe('the summary CodeLens', () => {
  afterEach(closeAllEditors);

  it('sits above "steps" with the plan\'s summary, and opens the Cluster Versions tree', async () => {
    const api = await activated();
    const editor = await showFile(KB);
    const document = editor.document;
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
    assert.equal(lenses.length, 1);
    const lens = lenses[0]!;
    assert.deepEqual(lens.range, rangeOf(document, '"steps"'));
    assert.equal(lens.command?.title, '15 steps · ends at 4.3790 · 0 problems');
    assert.equal(lens.command?.command, 'clusterplan.clusterVersions.focus');

    const view = api.clusterVersions.view;
    const shown = view.visible
      ? Promise.resolve()
      : new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('Timed out waiting for the Cluster Versions view to show')), 20_000);
          const subscription = view.onDidChangeVisibility((e) => {
            if (!e.visible) return;
            clearTimeout(timer);
            subscription.dispose();
            resolve();
          });
        });
    await vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? []));
    await shown;
    assert.ok(view.visible);
  });

  it('counts the problems', async () => {
    const editor = await showPlan('{\n  "nodes": { "NODE1": { "version": "ws2003-rtm" } },\n  "steps": [ { "action": "stop", "node": "NDOE1" }, { "action": "stop", "node": "NODE1" } ]\n}');
    await activated();
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
    assert.deepEqual(
      lenses.map((l) => l.command?.title),
      ['2 steps · ends with no node active · 1 error, 1 warning'],
    );
  });
});
