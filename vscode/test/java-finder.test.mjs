// The Java finder of the extension against real fake JDK folders: bin/java shell scripts that
// print a `java -version` banner to stderr, as a real JDK does.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { findJava, describeFailure, parseJavaVersion } = require('../dist/javaFinder.js');

let root;
function fakeJdk(name, banner) {
  const bin = join(root, name, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'java'), `#!/bin/sh\nprintf '%s\\n' '${banner}' >&2\n`, { mode: 0o755 });
  return join(root, name);
}
let jdk17, jdk21, jdk8, jdk11, emptyDir;
before(() => {
  root = mkdtempSync(join(tmpdir(), 'ocstopo-java-'));
  jdk17 = fakeJdk('jdk-17', 'openjdk version "17.0.9" 2023-10-17');
  jdk21 = fakeJdk('jdk-21', 'openjdk version "21" 2023-09-19');
  jdk8 = fakeJdk('jdk-8', 'java version "1.8.0_392"');
  jdk11 = fakeJdk('jdk-11', 'openjdk version "11.0.21" 2023-10-17');
  emptyDir = join(root, 'empty');
  mkdirSync(emptyDir);
});
after(() => rmSync(root, { recursive: true, force: true }));

test('parses the version banners of Java 8, 17 and 21', () => {
  assert.deepEqual(parseJavaVersion('java version "1.8.0_392"\nJava(TM) SE Runtime'), { major: 8, text: '1.8.0_392' });
  assert.deepEqual(parseJavaVersion('openjdk version "17.0.9" 2023-10-17'), { major: 17, text: '17.0.9' });
  assert.deepEqual(parseJavaVersion('openjdk version "21" 2023-09-19'), { major: 21, text: '21' });
  assert.equal(parseJavaVersion('command not found'), undefined);
});

test('the setting wins over JAVA_HOME and the PATH (a JDK folder or its java)', async () => {
  const env = { JAVA_HOME: jdk21, PATH: join(jdk21, 'bin') };
  const folder = await findJava({ setting: jdk17, env });
  assert.equal(folder.found.executable, join(jdk17, 'bin', 'java'));
  assert.equal(folder.found.version.major, 17);
  assert.equal(folder.found.source, 'setting ocstopo.server.java');
  const executable = await findJava({ setting: join(jdk17, 'bin', 'java'), env });
  assert.equal(executable.found.executable, join(jdk17, 'bin', 'java'));
});

test('JAVA_HOME comes before the PATH', async () => {
  const search = await findJava({ setting: '', env: { JAVA_HOME: jdk21, PATH: join(jdk17, 'bin') } });
  assert.equal(search.found.executable, join(jdk21, 'bin', 'java'));
  assert.equal(search.found.source, 'JAVA_HOME');
});

test('the PATH is used when neither the setting nor JAVA_HOME is set', async () => {
  const search = await findJava({ env: { PATH: [emptyDir, join(jdk17, 'bin')].join(':') } });
  assert.equal(search.found.executable, join(jdk17, 'bin', 'java'));
  assert.equal(search.found.source, 'PATH');
});

test('a Java older than 17 is rejected and the search goes on', async () => {
  const search = await findJava({ setting: jdk8, env: { JAVA_HOME: jdk11, PATH: join(jdk21, 'bin') } });
  assert.equal(search.found.executable, join(jdk21, 'bin', 'java'));
  assert.match(search.attempts[0].problem, /Java 1\.8\.0_392, older than 17/);
  assert.match(search.attempts[1].problem, /Java 11\.0\.21, older than 17/);
});

test('nothing usable: the message says what was tried and how to fix it', async () => {
  const missing = join(root, 'no-such-jdk');
  const search = await findJava({ setting: missing, env: { JAVA_HOME: jdk11, PATH: emptyDir } });
  assert.equal(search.found, undefined);
  const message = describeFailure(search);
  assert.match(message, /needs Java 17 or newer/);
  assert.ok(message.includes(`setting ocstopo.server.java: ${missing} (not found or not executable)`), message);
  assert.ok(message.includes(`JAVA_HOME: ${join(jdk11, 'bin', 'java')} (Java 11.0.21, older than 17)`), message);
  assert.ok(message.includes('PATH: java (no java on the PATH)'), message);
  assert.match(message, /Install a JDK 17\+.*set JAVA_HOME, or set ocstopo\.server\.java/);
});

test('nothing set at all: each place is named as not set', async () => {
  const message = describeFailure(await findJava({ env: { PATH: emptyDir } }));
  assert.ok(message.includes('setting ocstopo.server.java (not set); JAVA_HOME (not set); PATH: java (no java on the PATH)'), message);
});
