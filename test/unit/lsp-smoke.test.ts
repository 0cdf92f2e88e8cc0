import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from './helpers/plans';
import { TestServer } from './helpers/languageServer';

// The smallest round trip: open a mistake plan, get its finding with the link to its page, and exit cleanly.
test('the server publishes a plan\'s findings with their rule pages, then shuts down and exits 0', async () => {
  const { server } = await TestServer.start();
  const uri = 'file:///plans/forgot-sponsor.clusterplan';
  await server.open(uri, readFileSync(path.join(REPO_ROOT, 'examples/mistakes/forgot-sponsor-noversioncheck.clusterplan'), 'utf8'));
  const published = await server.diagnostics(uri);
  assert.equal(published.version, 1);
  assert.deepEqual(published.diagnostics.map((d) => [d.code, d.codeDescription?.href.endsWith(`/docs/rules/${String(d.code)}.md`)]), [
    ['join-incompatible', true],
    ['not-running', true],
  ]);
  // Related information points into the same plan, with the core's words.
  assert.deepEqual(
    published.diagnostics[0]!.relatedInformation?.map((r) => [r.location.uri, r.message]),
    [
      [uri, 'NODE1 is declared here'],
      [uri, 'NoVersionCheck last changed on NODE1 at step 2'],
      [uri, 'NoVersionCheck is never set on NODE2 before step 8'],
    ],
  );
  assert.equal(await server.stop(), 0);
  assert.equal(server.stderr, '');
});
