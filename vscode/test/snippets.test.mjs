// Every snippet, expanded with its default values, is text the real ocstopo parser accepts: the
// command-line jar validates a folder made of them and reports no syntax error and no unresolved name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const snippets = JSON.parse(readFileSync(new URL('../snippets/ocstopo.json', import.meta.url), 'utf8'));
const cli = fileURLToPath(new URL('../../org.ocs.topology.cli/target/ocstopo.jar', import.meta.url));

/** The snippet as inserted when the user accepts every default (first choice of a choice). */
function expand(name, indent = '') {
  const snippet = snippets[name];
  assert.ok(snippet, `no snippet "${name}"`);
  return snippet.body.join('\n')
    .replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\d+/g, '')
    .split('\n').map((line) => indent + line.replace(/\t/g, '    ')).join('\n');
}

test('every snippet is used below', () => {
  const used = ['Topology header', 'Site', 'Subnet', 'Server', 'Enterprise pool', 'Standard Edition pool', 'Director pool',
    'Group Chat pool', 'Registrar', 'Load balancer with virtual server', 'Virtual server', 'DNS', 'Suppression'];
  assert.deepEqual(Object.keys(snippets).sort(), used.sort());
});

test('the snippets expand to text the ocstopo parser accepts', () => {
  assert.ok(existsSync(cli), `${cli} is not built: run ./mvnw -B -DskipTests package first`);
  const site = expand('Site').replace(/\n\s*\n/, '\n').split('\n');
  const members = [
    expand('Subnet', '    '), 'subnet vips 10.0.2.0/24', expand('Server', '    '),
    expand('Enterprise pool', '    '), expand('Standard Edition pool', '    '), expand('Director pool', '    '),
    expand('Group Chat pool', '    '), expand('Registrar', '    '),
    expand('Load balancer with virtual server', '    ').replace(/\n    \}$/, `\n${expand('Virtual server', '        ').replace('pool01-vip', 'second-vip')}\n    }`),
    expand('Suppression', '    '),
    // The other servers the snippets' defaults refer to.
    ...['sql01', 'fe2', 'se01', 'dir1', 'dir2', 'gc1', 'gc2', 'gcsql', 'gccomp'].map((s) => `    server ${s}.contoso.com`),
  ];
  const text = [expand('Topology header'), `${site[0]}\n${members.join('\n')}\n}`, expand('DNS')].join('\n\n') + '\n';
  const folder = mkdtempSync(join(tmpdir(), 'ocstopo-snippets-'));
  try {
    writeFileSync(join(folder, 'snippets.ocstopo'), text);
    const run = spawnSync('java', ['-jar', cli, 'validate', folder], { encoding: 'utf8' });
    assert.notEqual(run.status, 2, `ocstopo validate could not run: ${run.stderr}`);
    const syntaxErrors = run.stdout.split('\n').filter((line) => /\bsyntax-error\b|unresolved-reference/.test(line));
    assert.deepEqual(syntaxErrors, [], `the snippets:\n${text}`);
    console.log(`# ocstopo validate on the expanded snippets: ${run.stdout.trim().split('\n').pop()}`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
