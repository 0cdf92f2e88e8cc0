import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertHandWrittenFindings, cliFindings, configurationOfDocs, mistakePlans, onPath, runEditor, withMixedAtEndAsWarning } from './helpers/editors';

/**
 * Neovim 0.7 (Debian's `neovim`), headless, with the configuration docs/editors.md gives for it, read from
 * the page: the server's diagnostics must be the CLI's, plan by plan, but for the one rule whose severity
 * the configuration's settings change. The handler of publishDiagnostics is wrapped only to know when
 * each plan has had its answer, an empty one included.
 */
function script(configuration: string): string {
  return String.raw`
local job = vim.fn.json_decode(table.concat(vim.fn.readfile(vim.env.CLUSTERPLAN_EDITOR_JOB), '\n'))

local published = {}
local publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  publish(err, result, ctx, config)
  published[vim.uri_to_bufnr(result.uri)] = true
end

-- docs/editors.md, Neovim 0.7, with the command of this checkout.
${configuration}
local buffers = {}
for _, plan in ipairs(job.plans) do
  vim.cmd('edit ' .. vim.fn.fnameescape(plan))
  table.insert(buffers, { plan = plan, bufnr = vim.api.nvim_get_current_buf() })
end

local function waiting()
  local plans = {}
  for _, b in ipairs(buffers) do
    if not published[b.bufnr] then table.insert(plans, vim.fn.fnamemodify(b.plan, ':t')) end
  end
  return 'the diagnostics of ' .. table.concat(plans, ', ')
end
vim.fn.writefile({ waiting() }, job.status)
if not vim.wait(job.timeout, function() return #vim.tbl_keys(published) == #buffers end, 10) then
  vim.fn.writefile({ waiting() }, job.status)
  vim.cmd('cquit 2')
end

local severities = { 'error', 'warning', 'information', 'hint' }
local shown = {}
for _, b in ipairs(buffers) do
  shown[b.plan] = {}
  for _, d in ipairs(vim.diagnostic.get(b.bufnr)) do
    table.insert(shown[b.plan], { line = d.lnum, severity = severities[d.severity], code = d.code })
  end
end
vim.fn.writefile({ vim.fn.json_encode(shown) }, job.output)
vim.fn.writefile({ 'Neovim to exit' }, job.status)
vim.cmd('qall!')
`;
}

test('Neovim 0.7 shows the findings the CLI reports on every mistake plan', (t) => {
  if (!onPath('nvim')) {
    t.skip('nvim is not on PATH: install Debian\'s neovim to run the server in Neovim');
    return;
  }
  const configuration = configurationOfDocs('### Neovim 0.7 (tested)', 'lua', "{ 'clusterplan', 'lsp', '--stdio' }", 'job.cmd');
  const plans = mistakePlans();
  const shown = runEditor({ command: 'nvim', args: ['--headless', '--clean', '-c', 'luafile {script}'], script: script(configuration), extension: 'lua', plans });
  assert.deepEqual(shown, withMixedAtEndAsWarning(cliFindings(plans)));
  assertHandWrittenFindings(shown);
});
