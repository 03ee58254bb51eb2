package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;

/**
 * What the editor end-to-end tests share: the set-up read from the page in docs/editors/ that a user
 * copies it from, a throw-away home folder, the broken example copied as a topology folder, and the
 * editor run as a process whose own output is kept for the failure message.
 */
final class EditorSession {

	static final Path BROKEN_EXAMPLE = TopologyTestSupport.repositoryRoot().resolve("examples/rgs-loadbalancer/broken");

	private EditorSession() {
	}

	/** Skips outside CI when the editor is missing; in CI (CI=true) a missing editor fails the test. */
	static void requireEditor(String executable, String aptPackages) {
		boolean installed = List.of("/usr/bin/", "/usr/local/bin/").stream()
				.anyMatch(dir -> Files.isExecutable(Path.of(dir + executable)));
		if (!installed && !"true".equals(System.getenv("CI"))) {
			Assumptions.abort(executable + " is not installed (apt-get install " + aptPackages + "); CI installs it and runs this test");
		}
		assertTrue(installed, "CI must install " + aptPackages + " (see .ci/run)");
	}

	/** The page's fenced blocks of one language, in order. */
	static List<String> blocks(Path page, String language) throws IOException {
		Matcher matcher = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(page));
		List<String> blocks = new ArrayList<>();
		while (matcher.find()) {
			blocks.add(matcher.group(1));
		}
		return blocks;
	}

	/** The one block of the page whose first line is the given comment. */
	static String block(Path page, String language, String firstLine) throws IOException {
		List<String> matching = blocks(page, language).stream().filter(b -> b.startsWith(firstLine + "\n")).toList();
		assertEquals(1, matching.size(), page + ": one ```" + language + " block starting with " + firstLine);
		return matching.get(0);
	}

	/** Runs the page's shell block (installing the jar into the home folder) from the repository root. */
	static void runShellBlock(Path page, Path home) throws Exception {
		Path jar = TopologyTestSupport.repositoryRoot().resolve("org.ocs.topology.ide/target/ocstopo-language-server.jar");
		assertTrue(Files.isRegularFile(jar), "build the language server first (./mvnw -B -DskipTests package): " + jar);
		List<String> shell = blocks(page, "sh");
		assertEquals(1, shell.size(), page + ": one ```sh block");
		ProcessBuilder builder = new ProcessBuilder("bash", "-euc", shell.get(0))
				.directory(TopologyTestSupport.repositoryRoot().toFile()).redirectErrorStream(true);
		builder.environment().put("HOME", home.toString());
		Process process = builder.start();
		process.getOutputStream().close();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the page's shell block did not finish: " + output);
		assertEquals(0, process.exitValue(), "the page's shell block failed: " + output);
	}

	/**
	 * The broken example as a topology folder, with its enterprise pool moved out of hq.ocstopo into
	 * pool.ocstopo of its own: the pool then names servers of another file (sql01.contoso.com as its
	 * back end), which a rename has to follow. The findings stay those of expected-findings.txt.
	 */
	static Path copyBrokenExample(Path folder) throws IOException {
		Files.createDirectories(folder);
		Files.copy(BROKEN_EXAMPLE.resolve("topology.ocstopo"), folder.resolve("topology.ocstopo"));
		String hq = Files.readString(BROKEN_EXAMPLE.resolve("hq.ocstopo"));
		Matcher pool = Pattern.compile("\\n(    enterprise pool pool01\\.contoso\\.com \\{\\n.*?\\n    \\}\\n)", Pattern.DOTALL).matcher(hq);
		assertTrue(pool.find(), "the broken example's hq.ocstopo declares enterprise pool pool01.contoso.com");
		Files.writeString(folder.resolve("hq.ocstopo"), hq.substring(0, pool.start()) + hq.substring(pool.end()));
		Files.writeString(folder.resolve("pool.ocstopo"), "// The HQ pool, apart from its servers: names resolve across the folder's files.\n"
				+ pool.group(1).replaceAll("(?m)^    ", ""));
		return folder.toRealPath();
	}

	/** The folder's files and their text, by file name. */
	static Map<String, String> texts(Path folder) throws IOException {
		Map<String, String> texts = new LinkedHashMap<>();
		for (String file : List.of("topology.ocstopo", "hq.ocstopo", "pool.ocstopo")) {
			texts.put(file, Files.readString(folder.resolve(file)));
		}
		return texts;
	}

	/** expected-findings.txt of the broken example, per file: "line:col: severity rule-id", sorted. */
	static Map<String, List<String>> expectedFindings() throws IOException {
		Map<String, List<String>> findings = new LinkedHashMap<>();
		findings.put("topology.ocstopo", new ArrayList<>());
		findings.put("hq.ocstopo", new ArrayList<>());
		for (String line : Files.readAllLines(BROKEN_EXAMPLE.resolve("expected-findings.txt"))) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			int colon = line.indexOf(':');
			findings.get(line.substring(0, colon)).add(line.substring(colon + 1));
		}
		findings.values().forEach(list -> list.sort(null));
		return findings;
	}

	/**
	 * The editor's process environment: the throw-away home, no inherited XDG folders, and the
	 * test's own JDK first on the PATH (the documented set-ups run `java` from the PATH).
	 */
	static ProcessBuilder editor(Path home, Path workingDirectory, String... command) {
		ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true);
		Map<String, String> environment = builder.environment();
		environment.keySet().removeIf(name -> name.startsWith("XDG_"));
		environment.put("HOME", home.toString());
		environment.put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + environment.getOrDefault("PATH", "/usr/bin:/bin"));
		return builder;
	}

	record Run(int exitCode, String output, double seconds) {
	}

	/** Runs the editor to its end (or kills it after the timeout), its output kept in a file. */
	static Run run(ProcessBuilder builder, Path log, int timeoutSeconds) throws Exception {
		long start = System.nanoTime();
		Process process = builder.redirectOutput(log.toFile()).start();
		process.getOutputStream().close();
		boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
		if (!finished) {
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		String output = Files.readString(log);
		assertTrue(finished, "the editor did not finish within " + timeoutSeconds + " s; its output:\n" + output);
		return new Run(process.exitValue(), output, seconds);
	}

	/** `ocstopo format --check` on the folder: exit code and output. */
	static Run formatCheck(Path folder) throws Exception {
		Path cli = Path.of(System.getProperty("ocstopo.cli.jar",
				TopologyTestSupport.repositoryRoot().resolve("org.ocs.topology.cli/target/ocstopo.jar").toString()));
		assertTrue(Files.isRegularFile(cli), "build the CLI first: " + cli);
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
				cli.toString(), "format", "--check", folder.toString()).redirectErrorStream(true);
		return run(builder, Files.createTempFile("ocstopo-format-check", ".log"), 120);
	}

	/** The A record of one Front End pointed at its management address, as the DNS quick fix does. */
	static List<String> topologyWithDnsFix(String topology) {
		return List.of(
				topology.replace("A fe1.contoso.com -> 198.51.100.11", "A fe1.contoso.com -> 192.0.2.11"),
				topology.replace("A fe2.contoso.com -> 198.51.100.140", "A fe2.contoso.com -> 192.0.2.12"));
	}

	/** The rename the editors do: server sql01.contoso.com (hq.ocstopo), the pool's back end (pool.ocstopo). */
	static String renamed(String text) {
		return text.replace("sql01.contoso.com", "sql02.contoso.com");
	}
}
