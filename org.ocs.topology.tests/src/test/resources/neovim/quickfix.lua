-- Neovim, headless, as an engineer would use it: open the broken topology, wait for the
-- hairpin diagnostic, run the code action menu and pick the DNS fix, write the file.
-- Inputs from the environment: OCSTOPO_LS_JAR, OCSTOPO_JAVA, OCSTOPO_WORKSPACE.
local jar = os.getenv('OCSTOPO_LS_JAR')
local java = os.getenv('OCSTOPO_JAVA') or 'java'
local workspace = os.getenv('OCSTOPO_WORKSPACE')

local function fail(message)
  io.stderr:write('FAIL: ' .. message .. '\n')
  vim.cmd('cquit 1')
end

local function lsp_of(diagnostic)
  return (diagnostic.user_data and diagnostic.user_data.lsp) or diagnostic
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. workspace .. '/topology.ocstopo')
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = 'ocstopo',
    cmd = { java, '-jar', jar, '--stdio' },
    root_dir = workspace,
    workspace_folders = { { uri = vim.uri_from_fname(workspace), name = 'topology' } },
  })
  if not client_id then
    fail('the language server did not start')
  end
  vim.lsp.buf_attach_client(bufnr, client_id)

  local hairpin
  vim.wait(90000, function()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if lsp_of(d).code == 'pool-traffic-hairpin' then
        hairpin = d
        return true
      end
    end
    return false
  end, 200)
  if not hairpin then
    fail('no pool-traffic-hairpin diagnostic; got ' .. vim.inspect(vim.diagnostic.get(bufnr)))
  end

  -- The code action menu, answered the way a user would pick the DNS remedy.
  vim.ui.select = function(items, _, on_choice)
    for index, item in ipairs(items) do
      local action = item[2] or item.action or item
      if action.title and action.title:find('^Point the A record') then
        on_choice(item, index)
        return
      end
    end
    on_choice(nil)
  end
  -- On the diagnostic's line, the menu offers the fixes of the diagnostics there.
  vim.api.nvim_win_set_cursor(0, { hairpin.lnum + 1, hairpin.col })
  vim.lsp.buf.code_action()

  local fixed = vim.wait(60000, function()
    local text = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
    return text:find('192.0.2.1[12]') ~= nil
  end, 200)
  if not fixed then
    fail('the quick fix did not change the buffer')
  end
  vim.cmd('write')
  vim.lsp.stop_client(client_id)
  vim.cmd('qall!')
end)
if not ok then
  fail(tostring(err))
end
