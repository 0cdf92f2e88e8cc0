import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, applyEdits, suppressionEdit } from '../../src/core';

const stopOnly = (comment: string) => `{
  "nodes": { "NODE1": { "version": "ws2003-rtm" } },
  "steps": [
${comment}    { "action": "stop", "node": "NODE1" }
  ]
}`;

const codes = (text: string) => analyze(text).findings.map((f) => `${f.code}@${f.pointer}`);

describe('// clusterplan-disable-next-line', () => {
  it('hides the named code on the next line only', () => {
    assert.deepEqual(codes(stopOnly('')), ['cluster-offline@/steps/0']);
    assert.deepEqual(codes(stopOnly('    // clusterplan-disable-next-line cluster-offline -- planned outage\n')), []);
  });

  it('is a comment: the same words in a string hide nothing', () => {
    const inString = analyze(stopOnly('    { "action": "note", "text": "// clusterplan-disable-next-line cluster-offline -- x" },\n'));
    assert.deepEqual(inString.document.comments, []);
    assert.deepEqual(inString.findings.map((f) => f.code), ['cluster-offline']);
    const commented = analyze(stopOnly('    // clusterplan-disable-next-line cluster-offline -- planned outage\n'));
    assert.equal(commented.document.comments.length, 1);
    assert.deepEqual(commented.findings, []);
  });

  it('cannot hide a syntax error or a limit: a plan that was not read is not a plan without problems', () => {
    const broken = stopOnly('    // clusterplan-disable-next-line syntax -- will fix later\n    { "action": "stop" "node": "NODE1" },\n');
    assert.deepEqual(codes(broken).filter((c) => c.startsWith('syntax') || c.startsWith('invalid-suppression')), ['invalid-suppression@/steps', 'syntax@/steps/0/node']);
    assert.match(analyze(broken).findings[0]!.message, /"syntax" cannot be suppressed/);
    const many = `{\n  // clusterplan-disable-next-line limit-exceeded -- a big lab\n  "nodes": { ${Array.from({ length: 65 }, (_, k) => `"N${k}": { "version": "ws2003-rtm" }`).join(', ')} },\n  "steps": []\n}`;
    assert.deepEqual(codes(many), ['invalid-suppression@', 'limit-exceeded@/nodes']);
  });

  it('is not one inside a block comment, which comments it out', () => {
    assert.deepEqual(codes(stopOnly('    /* // clusterplan-disable-next-line cluster-offline -- planned outage */\n')), ['cluster-offline@/steps/0']);
    const commentedOut = stopOnly('    /*\n    // clusterplan-disable-next-line cluster-offline -- planned outage\n    */\n');
    assert.deepEqual(codes(commentedOut), ['cluster-offline@/steps/0']);
  });

  it('may follow other words of a line comment after a second "//"', () => {
    const text = stopOnly('    // see the runbook // clusterplan-disable-next-line cluster-offline -- planned outage\n');
    assert.deepEqual(codes(text), []);
    const misspelt = text.replace('cluster-offline', 'cluster-offlin');
    const comment = analyze(misspelt).findings.find((f) => f.code === 'invalid-suppression')!;
    assert.equal(misspelt.slice(comment.offset, comment.offset + comment.length), '// clusterplan-disable-next-line cluster-offlin -- planned outage');
  });

  it('does not hide other codes on that line', () => {
    assert.deepEqual(codes(stopOnly('    // clusterplan-disable-next-line not-running -- wrong code\n')), ['unused-suppression@/steps', 'cluster-offline@/steps/0']);
  });

  it('names several codes, and stacks with another suppression line', () => {
    const text = `{
  "nodes": { "NODE1": { "version": "ws2003-rtm" }, "NODE2": { "version": "ws2003-rc2" } },
  "steps": [
    // clusterplan-disable-next-line registry-while-running, noversioncheck-leftover -- lab cluster
    // clusterplan-disable-next-line noversioncheck-value -- testing REG_SZ on purpose
    { "action": "set-registry", "node": "NODE1", "name": "NoVersionCheck", "type": "REG_SZ", "data": "1" }
  ]
}`;
    assert.deepEqual(codes(text).filter((c) => !c.startsWith('mixed-at-end')), []);
  });

  it('is honoured by the CLI too, since both use analyze', () => {
    // The CLI reports analyze's findings unchanged: see cli.test.ts for the formats.
    assert.equal(analyze(stopOnly('    // clusterplan-disable-next-line cluster-offline -- planned outage\n')).findings.length, 0);
  });

  it('inserts a suppression comment above the finding, at its indentation, with no reason written', () => {
    const text = stopOnly('');
    const analysis = analyze(text);
    const finding = analysis.findings[0]!;
    const edit = suppressionEdit(analysis.document, finding);
    const after = applyEdits(text, [edit]);
    assert.equal(after, stopOnly('    // clusterplan-disable-next-line cluster-offline -- \n'));
    assert.equal(edit.content.slice(0, edit.reasonAt), '    // clusterplan-disable-next-line cluster-offline -- ');
    // Until the reason is written, the comment hides the finding and asks for it with a hint: no new error or warning.
    const unfinished = analyze(after).findings;
    assert.deepEqual(unfinished.map((f) => `${f.code}@${f.pointer}:${f.severity}`), ['suppression-reason-missing@/steps:hint']);
    assert.equal(unfinished[0]!.message, 'Add a reason after "--": why it is safe to hide cluster-offline here.');
    const reasonAt = edit.offset + edit.reasonAt;
    assert.deepEqual(codes(after.slice(0, reasonAt) + 'planned outage' + after.slice(reasonAt)), []);
  });

  it('a comment without a reason still hides what it names; one with a problem hides nothing, reason or not', () => {
    assert.deepEqual(codes(stopOnly('    // clusterplan-disable-next-line cluster-offline\n')), ['suppression-reason-missing@/steps']);
    assert.deepEqual(codes(stopOnly('    // clusterplan-disable-next-line cluster-offline -- reason:\n')), ['suppression-reason-missing@/steps']);
    const typo = analyze(stopOnly('    // clusterplan-disable-next-line cluster-ofline --\n')).findings;
    assert.deepEqual(typo.map((f) => `${f.code}@${f.pointer}`), ['invalid-suppression@/steps', 'cluster-offline@/steps/0']);
    assert.equal(typo[0]!.message, 'This suppression hides nothing: "cluster-ofline" is not a rule code. Write "// clusterplan-disable-next-line <code> -- <reason>".');
    // Under a comment that hides nothing, the reason is moot: it is reported as unused, once.
    assert.deepEqual(codes(stopOnly('    // clusterplan-disable-next-line not-running\n')), ['unused-suppression@/steps', 'cluster-offline@/steps/0']);
  });
});
