-- Drives Neovim the way an engineer would, with the documented init.lua already loaded: opens two
-- files of one topology folder (the rename opens its third, pool.ocstopo), reports the clients and
-- diagnostics, then uses the documented keys (\ca quick fix, \rn rename after several edits, \f
-- format) and writes the files. NeovimEndToEndTest checks the report and the files on disk.
-- Waits are for conditions, with timeouts.
-- Environment: OCSTOPO_WORKSPACE (the topology folder), OCSTOPO_REPORT (where the JSON report goes).
-- Debug log: the test prints lsp.log when something fails.
vim.lsp.set_log_level('debug')
local workspace = os.getenv('OCSTOPO_WORKSPACE')
local report_path = os.getenv('OCSTOPO_REPORT')
local report = { steps = {} }

local function save_report()
  local file = assert(io.open(report_path, 'w'))
  file:write(vim.fn.json_encode(report))
  file:close()
end

local function step(name)
  table.insert(report.steps, name)
  io.stderr:write('step: ' .. name .. '\n')
end

local function fail(message)
  report.failure = message
  report.messages = vim.api.nvim_exec('messages', true)
  save_report()
  io.stderr:write('FAIL: ' .. message .. '\n' .. report.messages .. '\n')
  vim.cmd('cquit 1')
end

local function wait_for(what, seconds, condition)
  if not vim.wait(seconds * 1000, condition, 100) then
    fail('timed out after ' .. seconds .. ' s waiting for ' .. what)
  end
end

local function lsp_code(diagnostic)
  local lsp = (diagnostic.user_data and diagnostic.user_data.lsp) or diagnostic
  return lsp.code
end

local function text_of(bufnr)
  return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
end

-- Every client, also those still starting (get_active_clients() on 0.7 lists only started ones).
local function all_clients()
  local clients = {}
  for id = 1, 64 do
    local client = vim.lsp.get_client_by_id(id)
    if client then
      table.insert(clients, client)
    end
  end
  return clients
end

-- The clients, each with the files of BUFFERS it is attached to.
local function client_report(buffers)
  local clients = {}
  for _, client in ipairs(all_clients()) do
    local attached = {}
    for _, bufnr in ipairs(buffers) do
      if vim.lsp.buf_is_attached(bufnr, client.id) then
        table.insert(attached, vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ':t'))
      end
    end
    table.insert(clients, { name = client.name, root_dir = client.config.root_dir, buffers = attached })
  end
  return clients
end

local severities = { 'error', 'warning', 'info', 'hint' }

local function findings_of(bufnr)
  local findings = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(findings, string.format('%d:%d: %s %s', d.lnum + 1, d.col + 1, severities[d.severity], lsp_code(d)))
  end
  table.sort(findings)
  return findings
end

local ok, err = pcall(function()
  step('open topology.ocstopo and hq.ocstopo')
  vim.cmd('edit ' .. workspace .. '/topology.ocstopo')
  local topology = vim.api.nvim_get_current_buf()
  vim.cmd('edit ' .. workspace .. '/hq.ocstopo')
  local hq = vim.api.nvim_get_current_buf()
  if vim.bo[topology].filetype ~= 'ocstopo' then
    fail('filetype of topology.ocstopo is "' .. vim.bo[topology].filetype .. '", not ocstopo')
  end

  step('wait for the findings from every client')
  wait_for('the pool-traffic-hairpin diagnostic', 120, function()
    for _, d in ipairs(vim.diagnostic.get(topology)) do
      if lsp_code(d) == 'pool-traffic-hairpin' then
        return true
      end
    end
    return false
  end)
  -- A second client (the bug this guards against) publishes its own copy: give every client
  -- time to start and publish for the file, so a doubled finding does not arrive after the
  -- report. Not fatal: the report shows the clients either way.
  vim.wait(120000, function()
    for _, client in ipairs(all_clients()) do
      if not client.initialized
        or #vim.diagnostic.get(topology, { namespace = vim.lsp.diagnostic.get_namespace(client.id) }) == 0 then
        return false
      end
    end
    return true
  end, 100)
  report.clients = client_report({ topology, hq })
  report.findings = { ['topology.ocstopo'] = findings_of(topology), ['hq.ocstopo'] = findings_of(hq) }
  save_report()

  step('quick fix from the code action menu (\\ca), pick the DNS remedy')
  vim.cmd('buffer ' .. topology)
  local hairpin
  for _, d in ipairs(vim.diagnostic.get(topology)) do
    if lsp_code(d) == 'pool-traffic-hairpin' then
      hairpin = d
      break
    end
  end
  -- The menu, answered the way a user picks the DNS remedy; what it offered goes in the report.
  report.code_actions = {}
  vim.ui.select = function(items, _, on_choice)
    local chosen
    for index, item in ipairs(items) do
      local action = item[2] or item
      table.insert(report.code_actions, action.title)
      if not chosen and action.title and action.title:find('^Point the A record') then
        chosen = index
      end
    end
    if chosen then
      on_choice(items[chosen], chosen)
    else
      on_choice(nil)
    end
  end
  vim.api.nvim_win_set_cursor(0, { hairpin.lnum + 1, hairpin.col })
  local before = text_of(topology)
  vim.cmd('normal \\ca')
  wait_for('the quick fix to change topology.ocstopo (menu offered: ' .. vim.inspect(report.code_actions) .. ')', 60,
    function()
      return text_of(topology) ~= before
    end)
  vim.cmd('write')

  step('several edits to hq.ocstopo: every line flush left')
  vim.cmd('buffer ' .. hq)
  local version_before = vim.lsp.util.buf_versions[hq]
  for index, line in ipairs(vim.api.nvim_buf_get_lines(hq, 0, -1, false)) do
    local flush = line:gsub('^%s+', '')
    if flush ~= line then
      vim.api.nvim_buf_set_lines(hq, index - 1, index, false, { flush })
    end
  end
  report.hq_version_before_rename = vim.lsp.util.buf_versions[hq]
  if not (report.hq_version_before_rename > version_before) then
    fail('the edits did not raise the document version')
  end

  step('rename server sql01.contoso.com (\\rn in hq.ocstopo) to sql02.contoso.com, also the back end in pool.ocstopo')
  local declaration = vim.fn.search('^server sql01\\.contoso\\.com', 'w')
  if declaration == 0 then
    fail('no server sql01.contoso.com line in hq.ocstopo:\n' .. text_of(hq))
  end
  vim.api.nvim_win_set_cursor(0, { declaration, #'server ' })
  vim.ui.input = function(_, on_confirm)
    on_confirm('sql02.contoso.com')
  end
  vim.cmd('normal \\rn')
  local pool = vim.fn.bufnr(workspace .. '/pool.ocstopo')
  wait_for('the rename to reach hq.ocstopo and pool.ocstopo', 60, function()
    pool = vim.fn.bufnr(workspace .. '/pool.ocstopo')
    return text_of(hq):find('sql02.contoso.com', 1, true) ~= nil
      and pool ~= -1 and text_of(pool):find('sql02.contoso.com', 1, true) ~= nil
  end)
  -- Save all, as after any rename across files. (It also sends the rename's debounced change of
  -- pool.ocstopo before the next request: a change arriving while the server formats hq.ocstopo
  -- makes the server cancel the formatting, and Neovim 0.7 then drops it without a word.)
  vim.cmd('wall')

  step('format hq.ocstopo (\\f) with Neovim\'s defaults: expandtab ' .. tostring(vim.bo[hq].expandtab)
    .. ', shiftwidth ' .. vim.bo[hq].shiftwidth)
  local unformatted = text_of(hq)
  vim.cmd('normal \\f')
  wait_for('formatting to change hq.ocstopo', 60, function()
    return text_of(hq) ~= unformatted
  end)

  step('write all and quit')
  vim.cmd('wall')
  report.clients_at_end = client_report({ topology, hq, pool })
  save_report()
  for _, client in ipairs(all_clients()) do
    client.stop()
  end
  vim.cmd('qall!')
end)
if not ok then
  fail(tostring(err))
end
