// End to end in a real VS Code: code-server 4.100.3 (VS Code 1.100.3 server, web UI and extension
// host) with the packaged .vsix installed, Debian's Chromium driven by playwright-core as the user.
// Opens the broken rgs-loadbalancer example, waits for the language server's pool-traffic-hairpin
// error, applies the DNS quick fix, saves, and checks the file on disk and the remaining findings.
// Screenshots go to e2e/out/; with OCSTOPO_UPDATE_SCREENSHOTS=1 to docs/images/vscode-*.png (the
// README's), so an ordinary test run leaves the checkout unchanged.
//
// usage: node e2e/vscode-e2e.mjs   (after npm run package; OCSTOPO_CODE_SERVER = the code-server
// package folder, default the cache folder e2e/install-code-server.sh installs into)
import { spawn, execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const extensionDir = fileURLToPath(new URL('..', import.meta.url));
const repo = join(extensionDir, '..');
const { version } = JSON.parse(readFileSync(join(extensionDir, 'package.json'), 'utf8'));
const vsix = join(extensionDir, `ocstopo-${version}.vsix`);
const codeServer = process.env.OCSTOPO_CODE_SERVER
  ?? join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'ocstopo', 'code-server-4.100.3', 'pkg', 'package');
const entry = join(codeServer, 'out', 'node', 'entry.js');
const logs = join(extensionDir, 'e2e', 'out');
const images = process.env.OCSTOPO_UPDATE_SCREENSHOTS === '1' ? join(repo, 'docs', 'images') : logs;

const children = [];
let step = 'start';
let temp;

function log(message) {
  console.log(`[e2e ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

/** Starts a process in its own process group, output into a log file, so the whole tree can be killed. */
function startGroup(command, args, logFile, options = {}) {
  const out = createWriteStream(logFile);
  const child = spawn(command, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], ...options });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  children.push(child);
  return child;
}

function killGroups(signal) {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, signal);
      } catch {
        // already gone
      }
    }
  }
}

async function stopAll() {
  killGroups('SIGTERM');
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline && children.some((c) => c.exitCode === null && c.signalCode === null)) {
    await new Promise((r) => setTimeout(r, 100));
  }
  killGroups('SIGKILL');
}
process.on('exit', () => killGroups('SIGKILL'));
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    console.error(`[e2e] interrupted by ${signal} at step "${step}"`);
    cleanUp().finally(() => process.exit(1));
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(what, check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${last ? ` (${last.message})` : ''}`);
}

function fail(message) {
  throw new Error(message);
}

const quietSettings = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'editor.minimap.enabled': false,
  'editor.fontSize': 15,
  'editor.hover.delay': 200,
};

/** A workspace with the broken rgs-loadbalancer example and a fresh user-data dir with the settings. */
function prepare(name, settings) {
  const workspace = join(temp, name, 'rgs-loadbalancer');
  const userData = join(temp, name, 'user-data');
  for (const dir of [workspace, join(userData, 'User')]) mkdirSync(dir, { recursive: true });
  for (const file of ['topology.ocstopo', 'hq.ocstopo']) {
    copyFileSync(join(repo, 'examples', 'rgs-loadbalancer', 'broken', file), join(workspace, file));
  }
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({ ...quietSettings, ...settings }, null, 2));
  return { workspace, userData };
}

async function startCodeServer(name, { workspace, userData }, extensions, env) {
  const port = await freePort();
  const codeServerLog = join(logs, `code-server-${name}.log`);
  startGroup(process.execPath, [entry, '--config', join(temp, 'code-server.yaml'), '--user-data-dir', userData,
    '--extensions-dir', extensions, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--ignore-last-opened', workspace], codeServerLog,
    { env: { ...env, XDG_CONFIG_HOME: join(temp, name, 'config'), XDG_DATA_HOME: join(temp, name, 'data') } });
  const base = `http://127.0.0.1:${port}`;
  await waitFor('code-server to answer /healthz', async () => (await fetch(`${base}/healthz`)).ok, 60000);
  log(`code-server on ${base}, log ${codeServerLog}`);
  return base;
}

async function main() {
  if (!existsSync(entry)) fail(`code-server is not installed at ${codeServer}: run vscode/e2e/install-code-server.sh`);
  if (!existsSync(vsix)) fail(`${vsix} is missing: run npm run package in vscode/`);
  mkdirSync(images, { recursive: true });
  rmSync(logs, { recursive: true, force: true });
  mkdirSync(logs, { recursive: true });

  temp = mkdtempSync(join(tmpdir(), 'ocstopo-vscode-e2e-'));
  const extensions = join(temp, 'extensions');
  const browserProfile = join(temp, 'chromium');
  for (const dir of [extensions, browserProfile]) mkdirSync(dir, { recursive: true });
  writeFileSync(join(temp, 'code-server.yaml'), 'auth: none\ncert: false\n');

  step = 'install the .vsix';
  log(`installing ${vsix}`);
  const editing = prepare('editing', {});
  const installed = execFileSync(process.execPath, [entry, '--config', join(temp, 'code-server.yaml'), '--user-data-dir', editing.userData,
    '--extensions-dir', extensions, '--install-extension', vsix], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (!/was successfully installed/.test(installed)) fail(`code-server --install-extension did not install the extension:\n${installed}`);
  log(installed.trim().split('\n').pop());

  step = 'start code-server';
  const base = await startCodeServer('editing', editing, extensions, process.env);

  step = 'start Chromium';
  const chromiumLog = join(logs, 'chromium.log');
  const browserProcess = startGroup('/usr/bin/chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
    '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-dev-shm-usage', `--user-data-dir=${browserProfile}`, '--remote-debugging-port=0', '--window-size=1280,800',
    'about:blank'], chromiumLog);
  let stderrText = '';
  browserProcess.stderr.on('data', (d) => (stderrText += d));
  const wsEndpoint = await waitFor('Chromium to print its DevTools address', () => /DevTools listening on (ws:\S+)/.exec(stderrText)?.[1], 30000);
  const browser = await chromium.connectOverCDP(wsEndpoint);
  try {
    const context = browser.contexts()[0] ?? (await browser.newContext());
    let page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    try {
      const topologyFile = join(editing.workspace, 'topology.ocstopo');
      await scenario(page, base, editing.workspace, topologyFile, readFileSync(topologyFile, 'utf8'));
      await page.close();

      // Second VS Code: no Java 17 anywhere (an old one in the setting, none on the PATH).
      step = 'start code-server without a Java 17';
      const oldJdk = join(temp, 'jdk-11');
      mkdirSync(join(oldJdk, 'bin'), { recursive: true });
      writeFileSync(join(oldJdk, 'bin', 'java'), "#!/bin/sh\necho 'openjdk version \"11.0.21\" 2023-10-17' >&2\n", { mode: 0o755 });
      const noJavaBin = join(temp, 'no-java-bin');
      mkdirSync(noJavaBin);
      const noJava = prepare('no-java', {});
      // A machine setting: code-server keeps it in the Machine (Remote) settings.
      mkdirSync(join(noJava.userData, 'Machine'), { recursive: true });
      writeFileSync(join(noJava.userData, 'Machine', 'settings.json'), JSON.stringify({ 'ocstopo.server.java': oldJdk }));
      const { JAVA_HOME, ...envWithoutJavaHome } = process.env;
      // VSCODE_CLI: the server then keeps this environment instead of a login shell's (which puts /usr/bin back on the PATH).
      const noJavaBase = await startCodeServer('no-java', noJava, extensions, { ...envWithoutJavaHome, PATH: noJavaBin, VSCODE_CLI: '1' });
      page = await context.newPage();
      await page.setViewportSize({ width: 1280, height: 800 });
      await javaMissingScenario(page, noJavaBase, noJava.workspace, oldJdk);
    } catch (error) {
      await page.screenshot({ path: join(logs, 'failure.png') }).catch(() => {});
      throw error;
    }
  } finally {
    await browser.close().catch(() => {});
  }
}

/** Stops code-server and Chromium, keeps VS Code's logs (extension host, the ocstopo output), drops the rest. */
async function cleanUp() {
  await stopAll();
  if (temp) {
    for (const name of ['editing', 'no-java']) {
      const vscodeLogs = join(temp, name, 'user-data', 'logs');
      if (existsSync(vscodeLogs)) cpSync(vscodeLogs, join(logs, `vscode-logs-${name}`), { recursive: true });
    }
    rmSync(temp, { recursive: true, force: true });
  }
}

async function scenario(page, base, workspace, topologyFile, original) {
  step = 'open the workbench';
  await page.goto(`${base}/?folder=${encodeURIComponent(workspace)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 90000 });
  await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ timeout: 60000 }).catch(() => {});

  step = 'open topology.ocstopo';
  await openFile(page, 'topology.ocstopo');
  await page.keyboard.press('Control+B'); // no side bar: the editor gets the width for the screenshots

  step = 'language mode in the status bar';
  const mode = await waitFor('the status bar language to be ocstopo',
    async () => ((await page.locator('#status\\.editor\\.mode').innerText()).trim() === 'ocstopo' ? 'ocstopo' : null), 30000);
  log(`status bar language: ${mode}`);

  step = 'TextMate colouring';
  const dnsLine = page.locator('.view-line', { hasText: 'A fe1.contoso.com -> 198.51.100.11' });
  const classes = await waitFor('several token colours on the line "A fe1.contoso.com -> 198.51.100.11"', async () => {
    const found = await dnsLine.locator('span > span').evaluateAll((spans) =>
      [...new Set(spans.filter((s) => s.textContent.trim()).map((s) => [...s.classList].find((c) => /^mtk\d+$/.test(c))))]);
    return found.length >= 3 ? found : null;
  }, 30000);
  log(`token colour classes on the A record line: ${classes.join(' ')}`);
  // The scope under the cursor, as VS Code's own inspector reports it: the extension's grammar did it.
  await goTo(page, 21, 5);
  await runCommand(page, 'Developer: Inspect Editor Tokens and Scopes');
  const inspector = page.locator('.token-inspect-widget');
  await inspector.waitFor({ timeout: 15000 });
  const inspected = await waitFor('the token inspector to show the TextMate scope', async () => {
    const text = await inspector.innerText();
    if (process.env.OCSTOPO_E2E_DEBUG) log(`inspector: ${text.replace(/\s+/g, ' ')}`);
    return text.includes('storage.type.dns-record.a.ocstopo') ? text : null;
  }, 15000);
  log(`token inspector on "A": ${inspected.split('\n').filter((l) => /ocstopo/.test(l)).join(' | ')}`);
  await page.keyboard.press('Escape');
  await runCommand(page, 'Developer: Inspect Editor Tokens and Scopes'); // toggles it off
  await page.keyboard.press('Escape');

  step = 'the pool-traffic-hairpin errors from the language server';
  await page.locator('.squiggly-error').first().waitFor({ timeout: 180000 });
  await page.keyboard.press('Control+Shift+M');
  const before = await waitFor('two errors in the Problems panel', async () => {
    const rows = await problems(page);
    return rows.length === 2 ? rows : null;
  }, 60000);
  log(`Problems before the fix: ${before.map((r) => /at line \d+ and character \d+/.exec(r)?.[0]).join(', ')}`);
  // examples/rgs-loadbalancer/broken/expected-findings.txt: topology.ocstopo 21:26 and 22:26.
  for (const where of ['at line 21 and character 26', 'at line 22 and character 26']) {
    if (!before.some((r) => r.includes(where) && r.includes('pool-traffic-hairpin'))) fail(`no pool-traffic-hairpin error at ${where}: ${before.join(' || ')}`);
  }

  step = 'go to the first problem (F8)';
  await goTo(page, 21, 1);
  await page.keyboard.press('F8');
  const marker = page.locator('.marker-widget');
  await marker.waitFor({ timeout: 15000 });
  const markerText = await marker.innerText();
  if (!/goes through the load balancer/.test(markerText)) fail(`the problem widget does not show the hairpin message: ${markerText}`);
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(images, 'vscode-diagnostic.png') });
  log(`screenshot ${join(images, 'vscode-diagnostic.png')}`);
  await page.keyboard.press('Escape');

  step = 'quick fix menu (Ctrl+.)';
  await page.keyboard.press('Control+.');
  const menu = page.locator('.action-widget');
  await menu.waitFor({ timeout: 30000 });
  const rows = menu.locator('.monaco-list-row');
  const titles = await waitFor('quick fixes in the menu', async () => {
    const t = (await rows.allInnerTexts()).map((s) => s.trim()).filter(Boolean);
    return t.some((s) => s.startsWith('Point the A record')) ? t : null;
  }, 30000);
  log(`quick fixes offered: ${titles.join(' | ')}`);
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(images, 'vscode-quickfix.png') });
  log(`screenshot ${join(images, 'vscode-quickfix.png')}`);
  const dnsFix = titles.find((s) => s.startsWith('Point the A record of fe1.contoso.com at 192.0.2.11'));
  if (!dnsFix) fail(`no DNS remedy for fe1.contoso.com among the quick fixes: ${titles.join(' | ')}`);
  // By keyboard: the menu's pointer block intercepts clicks.
  let chosen = false;
  for (let i = 0; i <= titles.length && !chosen; i++) {
    const focused = (await menu.locator('.monaco-list-row.focused').allInnerTexts()).join('').trim();
    if (focused === dnsFix) {
      await page.keyboard.press('Enter');
      chosen = true;
    } else {
      await page.keyboard.press('ArrowDown');
    }
  }
  if (!chosen) fail(`could not select "${dnsFix}" in the quick fix menu`);
  log(`applied: ${dnsFix}`);

  step = 'save and check the file on disk';
  await page.waitForTimeout(300);
  await page.keyboard.press('Control+S');
  const written = await waitFor('the fix on disk', () => {
    const text = readFileSync(topologyFile, 'utf8');
    return text !== original ? text : null;
  }, 20000);
  if (!written.includes('    A fe1.contoso.com -> 192.0.2.11\n')) fail(`the file on disk does not have the fixed A record:\n${written}`);
  if (written.includes('198.51.100.11')) fail(`the old address is still on disk:\n${written}`);
  // Nothing else changed: the fix edits one address.
  if (written !== original.replace('A fe1.contoso.com -> 198.51.100.11', 'A fe1.contoso.com -> 192.0.2.11')) {
    fail(`the fix changed more than the A record:\n${written}`);
  }
  log('on disk: "A fe1.contoso.com -> 192.0.2.11", the rest of the file unchanged');

  step = 'the finding at 21:26 is gone, the one at 22:26 stays';
  // Traffic from fe2 to fe1 now stays on the management subnet; fe1 to fe2 still hairpins
  // (the CLI reports exactly topology.ocstopo:22:26 for this text).
  const after = await waitFor('one error left in the Problems panel', async () => {
    const r = await problems(page);
    return r.length === 1 ? r : null;
  }, 60000);
  if (!after[0].includes('at line 22 and character 26') || !after[0].includes('pool-traffic-hairpin')) fail(`unexpected finding after the fix: ${after[0]}`);
  const squiggles = await page.locator('.squiggly-error').count();
  log(`Problems after the fix: ${/at line \d+ and character \d+/.exec(after[0])?.[0]}; error squiggles in the editor: ${squiggles}`);
  if (squiggles !== 1) fail(`expected one error squiggle after the fix, found ${squiggles}`);

  step = 'hover on a server';
  await page.keyboard.press('Control+Shift+M'); // close the panel, more room for the editor
  await openFile(page, 'hq.ocstopo');
  await goTo(page, 7, 14); // server fe1.contoso.com
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  const hover = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: 'resolves to' });
  await hover.first().waitFor({ timeout: 30000 });
  const hoverText = await hover.first().innerText();
  if (!hoverText.includes('fe1.contoso.com') || !hoverText.includes('interface')) fail(`the hover does not describe server fe1.contoso.com: ${hoverText}`);
  log(`hover: ${hoverText.replace(/\s+/g, ' ').slice(0, 160)}`);
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(images, 'vscode-hover.png') });
  log(`screenshot ${join(images, 'vscode-hover.png')}`);
  await page.keyboard.press('Escape');

  step = 'the commands "ocstopo: Show output" and "ocstopo: Restart language server"';
  await runCommand(page, 'ocstopo: Show output');
  const outputView = page.locator('[id="workbench.parts.panel"] .monaco-editor .view-lines');
  // Monaco renders spaces as no-break spaces.
  const outputText = async () => (await outputView.first().innerText()).replace(/\u00a0/g, ' ');
  await waitFor('the ocstopo output channel', async () => (await outputText()).includes('Starting '), 15000);
  const serverPids = () => execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).split('\n')
    .filter((l) => l.includes(join(temp, 'extensions')) && l.includes('ocstopo-language-server.jar')).map((l) => l.trim().split(/\s+/)[0]);
  const pidsBefore = serverPids();
  if (pidsBefore.length !== 1) fail(`expected one language server process, found ${pidsBefore.length}`);
  await runCommand(page, 'ocstopo: Restart language server');
  // Read from the channel's log file, not the view: the view renders only its visible lines, and
  // the first "Starting" scrolls out of it when the server has logged a few lines.
  await waitFor('the restart in the ocstopo output', async () => {
    const text = ocstopoChannelLog(join(temp, 'editing', 'user-data', 'logs'));
    const restart = text.indexOf('Restarting the language server');
    return restart >= 0 && text.split('Starting ').length > 2 && text.indexOf('Starting ', restart) > restart;
  }, 30000);
  // The new server checks the folder again: the one finding comes back.
  const problemsItem = page.locator('#status\\.problems');
  await waitFor('one error in the status bar after the restart', async () => /Errors?: 1\b/.test((await problemsItem.getAttribute('aria-label')) ?? ''), 60000);
  const afterRestart = await waitFor('a new language server process', () => {
    const pids = serverPids();
    return pids.length === 1 && pids[0] !== pidsBefore[0] ? pids : null;
  }, 30000);
  log(`Show output and Restart language server work: server process ${pidsBefore[0]} replaced by ${afterRestart[0]}; the status bar shows 1 error again`);
}

async function javaMissingScenario(page, base, workspace, oldJdk) {
  step = 'the notification when no Java 17 is found';
  await page.goto(`${base}/?folder=${encodeURIComponent(workspace)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 90000 });
  await openFile(page, 'topology.ocstopo');
  const toast = page.locator('.notification-toast', { hasText: 'needs Java 17 or newer' });
  await toast.waitFor({ timeout: 60000 });
  const text = (await toast.innerText()).replace(/\s+/g, ' ');
  log(`notification: ${text}`);
  for (const expected of [`setting ocstopo.server.java: ${join(oldJdk, 'bin', 'java')} (Java 11.0.21, older than 17)`,
    'JAVA_HOME (not set)', 'PATH: java (no java on the PATH)', 'Install a JDK 17+']) {
    if (!text.includes(expected)) fail(`the notification does not say "${expected}": ${text}`);
  }
  await page.screenshot({ path: join(logs, 'java-missing.png') });
  step = 'the notification button opens the setting';
  await toast.locator('.monaco-button', { hasText: 'Open setting ocstopo.server.java' }).click();
  const setting = page.locator('.settings-editor .setting-item-contents', { hasText: 'Server: Java' });
  await setting.first().waitFor({ timeout: 30000 });
  const value = await setting.first().locator('input').inputValue();
  if (value !== oldJdk) fail(`the settings editor shows ocstopo.server.java = "${value}", expected ${oldJdk}`);
  log(`the button opened the settings editor at ocstopo.server.java (${value})`);
}

async function openFile(page, name) {
  await page.locator('.monaco-workbench').click({ position: { x: 640, y: 400 } }).catch(() => {});
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 15000 });
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 15000 });
  await page.keyboard.press('Enter');
  await page.locator(`.tab.active[aria-label^="${name}"]`).waitFor({ timeout: 30000 });
  await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 30000 });
}

async function goTo(page, line, column) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 15000 });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(200);
}

/** The text of the ocstopo output channel as VS Code writes it to its logs folder ('' until it exists). */
function ocstopoChannelLog(logsFolder) {
  if (!existsSync(logsFolder)) return '';
  return readdirSync(logsFolder, { recursive: true })
    .filter((file) => String(file).endsWith(join('ocstopo.ocstopo', 'ocstopo.log')))
    .map((file) => readFileSync(join(logsFolder, String(file)), 'utf8')).join('\n');
}

async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 15000 });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 15000 });
  await page.keyboard.press('Enter');
}

/** The error rows of the Problems panel, by their accessible labels (message, rule, line, column). */
async function problems(page) {
  // The label has the message and position ("at line 21 and character 26"), the text the rule ID.
  const rows = await page.locator('.markers-panel .monaco-list-row').evaluateAll((all) =>
    all.map((r) => `${r.getAttribute('aria-label') ?? ''} | ${r.innerText.replace(/\s+/g, ' ')}`));
  if (process.env.OCSTOPO_E2E_DEBUG) log(`Problems rows: ${JSON.stringify(rows)}`);
  return rows.filter((r) => r.startsWith('Error: '));
}

const started = Date.now();
try {
  await main();
  await cleanUp();
  log(`passed in ${Math.round((Date.now() - started) / 1000)} s; screenshots in ${images}; code-server, Chromium and VS Code logs in ${logs}`);
} catch (error) {
  console.error(`[e2e] FAILED at step "${step}": ${error.message}`);
  console.error(`[e2e] code-server, Chromium and VS Code logs: ${logs}; screenshots: ${images} (and ${join(logs, 'failure.png')})`);
  await cleanUp();
  process.exit(1);
}
