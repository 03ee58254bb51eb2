// Finds a Java 17+ to run the language server: the setting, then JAVA_HOME, then the PATH.
// No `vscode` import, so a plain node test can check it against fake JDK folders.
import { execFile } from 'node:child_process';
import { statSync, accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export const MINIMUM_JAVA = 17;

export interface JavaVersion {
  /** 8 for "1.8.0_392", 17 for "17.0.9", 21 for "21". */
  major: number;
  text: string;
}

export interface Attempt {
  /** Where the candidate came from, as the user would name it. */
  source: string;
  executable: string;
  /** Why it was not taken; undefined for the one that was. */
  problem?: string;
}

export interface JavaSearch {
  found?: { executable: string; version: JavaVersion; source: string };
  attempts: Attempt[];
}

export interface SearchOptions {
  /** The ocstopo.server.java setting: a java executable or a JDK/JRE folder. */
  setting?: string;
  env: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
}

/** The version in `java -version` output: `openjdk version "17.0.9"`, `java version "1.8.0_392"`, `"21" 2023-09-19`. */
export function parseJavaVersion(output: string): JavaVersion | undefined {
  const m = /version "([^"]+)"/.exec(output);
  if (!m) return undefined;
  const text = m[1];
  const parts = /^(\d+)(?:\.(\d+))?/.exec(text);
  if (!parts) return undefined;
  const first = Number(parts[1]);
  const major = first === 1 && parts[2] !== undefined ? Number(parts[2]) : first;
  return { major, text };
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** `java -version` writes to stderr; both streams are read, with a time limit. */
export function runJavaVersion(executable: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(executable, ['-version'], { timeout: 15000, windowsHide: true }, (error, stdout, stderr) => {
      const output = `${stderr}${stdout}`;
      if (error && !parseJavaVersion(output)) reject(error);
      else resolve(output);
    });
  });
}

export async function findJava(options: SearchOptions): Promise<JavaSearch> {
  const windows = (options.platform ?? process.platform) === 'win32';
  const javaName = windows ? 'java.exe' : 'java';
  const attempts: Attempt[] = [];

  // In search order; a place that is not set is reported as such.
  const candidates: Attempt[] = [];
  const setting = options.setting?.trim();
  if (setting) {
    const executable = isDirectory(setting) ? join(setting, 'bin', javaName) : setting;
    candidates.push({ source: 'setting ocstopo.server.java', executable });
  } else {
    candidates.push({ source: 'setting ocstopo.server.java', executable: '', problem: 'not set' });
  }
  const javaHome = options.env.JAVA_HOME?.trim();
  if (javaHome) {
    candidates.push({ source: 'JAVA_HOME', executable: join(javaHome, 'bin', javaName) });
  } else {
    candidates.push({ source: 'JAVA_HOME', executable: '', problem: 'not set' });
  }
  const pathEntries = (options.env.PATH ?? options.env.Path ?? '').split(delimiter).filter((p) => p.length > 0);
  const onPath = [...new Set(pathEntries.map((dir) => join(dir, javaName)).filter(isExecutableFile))];
  for (const executable of onPath) {
    candidates.push({ source: 'PATH', executable });
  }
  if (onPath.length === 0) {
    candidates.push({ source: 'PATH', executable: javaName, problem: 'no java on the PATH' });
  }

  for (const candidate of candidates) {
    if (candidate.problem) {
      attempts.push(candidate);
      continue;
    }
    if (!isExecutableFile(candidate.executable)) {
      attempts.push({ ...candidate, problem: 'not found or not executable' });
      continue;
    }
    let version: JavaVersion | undefined;
    try {
      version = parseJavaVersion(await runJavaVersion(candidate.executable));
    } catch (error) {
      attempts.push({ ...candidate, problem: `"${candidate.executable} -version" failed: ${(error as Error).message.split('\n')[0]}` });
      continue;
    }
    if (!version) {
      attempts.push({ ...candidate, problem: `"${candidate.executable} -version" printed no version` });
    } else if (version.major < MINIMUM_JAVA) {
      attempts.push({ ...candidate, problem: `Java ${version.text}, older than ${MINIMUM_JAVA}` });
    } else {
      attempts.push(candidate);
      return { found: { executable: candidate.executable, version, source: candidate.source }, attempts };
    }
  }
  return { attempts };
}

/** What the user reads when no usable Java was found: what was tried and how to fix it. */
export function describeFailure(search: JavaSearch): string {
  const tried = search.attempts
    .map((a) => (a.executable ? `${a.source}: ${a.executable} (${a.problem})` : `${a.source} (${a.problem})`))
    .join('; ');
  return `ocstopo needs Java ${MINIMUM_JAVA} or newer to run its language server. Tried: ${tried}. `
    + `Install a JDK ${MINIMUM_JAVA}+ (for example Eclipse Temurin, or "apt install openjdk-17-jdk") and set JAVA_HOME, `
    + `or set ocstopo.server.java to its java executable or folder.`;
}
