package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ocs.topology.rules.Rule;
import org.ocs.topology.tests.CliEndToEndTest.Run;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * {@code ocstopo validate --fix} and {@code --fix --dry-run}, the built jar as a process, on copies
 * of the seed examples and of every rule page's failing example.
 */
class FixEndToEndTest {

	@org.junit.jupiter.api.BeforeAll
	static void findJar() {
		CliEndToEndTest.findJar();
	}

	private static final Path ROOT = TopologyTestSupport.repositoryRoot();
	private static final Pattern COMMENT = Pattern.compile("//[^\n]*|/\\*.*?\\*/", Pattern.DOTALL);

	@TempDir
	Path dir;

	/** Copies the two seed folders (the field reports' outages) under dir, as mpop/ and rgs/. */
	private void copySeeds() throws IOException {
		copy(ROOT.resolve("examples/groupchat-mpop/broken"), dir.resolve("mpop"));
		copy(ROOT.resolve("examples/rgs-loadbalancer/broken"), dir.resolve("rgs"));
	}

	private static void copy(Path from, Path to) throws IOException {
		Files.createDirectories(to);
		try (Stream<Path> files = Files.list(from)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				Files.copy(file, to.resolve(file.getFileName()));
			}
		}
	}

	private static Map<String, String> texts(Path root) throws IOException {
		Map<String, String> texts = new TreeMap<>();
		try (Stream<Path> walk = Files.walk(root)) {
			for (Path file : walk.filter(p -> p.toString().endsWith(".ocstopo")).toList()) {
				texts.put(root.relativize(file).toString(), Files.readString(file));
			}
		}
		return texts;
	}

	private static List<String> comments(String text) {
		List<String> comments = new ArrayList<>();
		Matcher matcher = COMMENT.matcher(text);
		while (matcher.find()) {
			comments.add(matcher.group().strip());
		}
		return comments;
	}

	private static void assertCommentsKept(Map<String, String> before, Map<String, String> after) {
		before.forEach((file, text) -> assertEquals(comments(text), comments(after.get(file)), file + ": comments changed"));
	}

	@Test
	void fixRepairsTheSeedsKeepingCommentsPermissionsAndSymlinks() throws Exception {
		copySeeds();
		// One file is a link into another folder, one has permissions other than the default.
		Path elsewhere = Files.createDirectories(dir.resolve("elsewhere")).resolve("topology.ocstopo");
		Files.move(dir.resolve("mpop/topology.ocstopo"), elsewhere);
		Files.createSymbolicLink(dir.resolve("mpop/topology.ocstopo"), elsewhere);
		Path hq = dir.resolve("rgs/hq.ocstopo");
		Files.setPosixFilePermissions(hq, PosixFilePermissions.fromString("rw-r-----"));
		// What a run killed with SIGKILL mid-write would have left an hour ago: the next write removes it.
		Path stale = Files.writeString(dir.resolve("rgs/.hq.ocstopo.4242424242.tmp"), "half a file");
		Files.setLastModifiedTime(stale, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
		Map<String, String> before = texts(dir);

		Run fixed = CliEndToEndTest.run(dir, "validate", "--fix", "mpop", "rgs");

		assertEquals(0, fixed.exitCode(), fixed.toString());
		assertEquals("", fixed.stdout(), "no finding is left to report");
		List<String> log = fixed.stderr().lines().toList();
		assertEquals(List.of(
				"fixed mpop/topology.ocstopo:17:28: lookup-over-mpop: Set max endpoints per user to 2 (global setting)",
				"fixed rgs/topology.ocstopo:21:26: pool-traffic-hairpin: Add a hosts entry on fe2.contoso.com: fe1.contoso.com -> 192.0.2.11",
				"fixed rgs/topology.ocstopo:22:26: pool-traffic-hairpin: Add a hosts entry on fe1.contoso.com: fe2.contoso.com -> 192.0.2.12",
				"--fix: 3 fixes changed 2 files",
				"4 files, 0 errors, 0 warnings"), log);
		Map<String, String> after = texts(dir);
		assertCommentsKept(before, after);
		assertTrue(Files.isSymbolicLink(dir.resolve("mpop/topology.ocstopo")), "the link is still a link");
		assertTrue(Files.readString(elsewhere).contains("    max endpoints per user 2\n"), "its target was written");
		assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(hq)));
		assertTrue(after.get("rgs/hq.ocstopo").contains("        hosts fe2.contoso.com -> 192.0.2.12\n"));
		assertEquals(before.get("rgs/topology.ocstopo"), after.get("rgs/topology.ocstopo"), "DNS untouched");
		try (Stream<Path> walk = Files.walk(dir)) {
			assertEquals(List.of(), walk.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList(), "no stray temporary file");
		}
		// Checked again from disk, by a plain run: clean.
		Run again = CliEndToEndTest.run(dir, "validate", "mpop", "rgs");
		assertEquals(0, again.exitCode(), again.toString());
	}

	@Test
	void dryRunPrintsADiffThatGitAppliesToWhatFixWrites() throws Exception {
		copySeeds();
		Map<String, String> before = texts(dir);

		Run dry = CliEndToEndTest.run(dir, "validate", "--fix", "--dry-run", "--format", "json=report.json", "mpop", "rgs");

		// The verdict is of the files as they are: nothing was changed.
		assertEquals(1, dry.exitCode(), dry.toString());
		assertEquals(before, texts(dir), "--dry-run writes nothing");
		assertTrue(dry.stderr().startsWith("would fix mpop/topology.ocstopo:17:28: lookup-over-mpop:"), dry.stderr());
		assertTrue(dry.stderr().contains("--fix --dry-run: 3 fixes would change 2 files\n"), dry.stderr());
		JsonObject report = JsonParser.parseString(Files.readString(dir.resolve("report.json"))).getAsJsonObject();
		assertEquals(3, report.get("error_count").getAsInt(), "the report describes the files on disk");
		assertTrue(dry.stdout().startsWith("--- a/mpop/topology.ocstopo\n+++ b/mpop/topology.ocstopo\n@@ "), dry.stdout());
		assertTrue(dry.stdout().contains("\n-    max endpoints per user 1\n+    max endpoints per user 2\n"), dry.stdout());

		// The diff, applied by git to a copy, gives exactly what --fix writes.
		Path copy = Files.createDirectories(dir.resolve("copy"));
		copy(dir.resolve("mpop"), copy.resolve("mpop"));
		copy(dir.resolve("rgs"), copy.resolve("rgs"));
		Path patch = Files.writeString(dir.resolve("fixes.diff"), dry.stdout());
		Process git = new ProcessBuilder("git", "apply", "--verbose", patch.toString()).directory(copy.toFile())
				.redirectErrorStream(true).start();
		String gitOutput = new String(git.getInputStream().readAllBytes());
		assertEquals(0, git.waitFor(), gitOutput);
		Run fixed = CliEndToEndTest.run(dir, "validate", "--fix", "mpop", "rgs");
		assertEquals(0, fixed.exitCode(), fixed.toString());
		Map<String, String> written = new TreeMap<>(texts(dir));
		written.keySet().removeIf(name -> name.startsWith("copy/"));
		assertEquals(written, texts(copy));
	}

	@Test
	void aFixThatWouldAddAFindingIsNotApplied() throws Exception {
		// Without its prefix, fe1's gateway is on none of its subnets: that fix would add an error.
		String text = "subnet lan 10.0.1.0/24\n"
				+ "server fe1.contoso.com {\n    interface 10.0.1.11 on lan\n    default gateway 10.0.9.1/24 // the old router\n}\n"
				+ "server fe2.contoso.com {\n    interface 10.0.1.12 on lan\n    default gateway 10.0.1.1/24\n}\n";
		Path file = Files.writeString(dir.resolve("t.ocstopo"), text);

		Run run = CliEndToEndTest.run(dir, "validate", "--fix", "t.ocstopo");

		assertEquals(1, run.exitCode(), run.toString());
		assertEquals(text.replace("10.0.1.1/24", "10.0.1.1"), Files.readString(file));
		assertTrue(run.stderr().contains("fixed t.ocstopo:8:21: prefix-unexpected: Write 10.0.1.1\n"), run.stderr());
		assertTrue(run.stderr().contains("not fixed t.ocstopo:4:21: prefix-unexpected: 'Write 10.0.9.1' would add a finding,"
				+ " so it was not applied: gateway-not-on-link in t.ocstopo: Default gateway 10.0.9.1 of server fe1.contoso.com"
				+ " is on none of its subnets"), run.stderr());
		assertTrue(run.stdout().startsWith("t.ocstopo:4:21: error prefix-unexpected "), "what is left is reported: " + run.stdout());
	}

	@Test
	void aReadOnlyFileIsLeftAsItIsAndSaidSo() throws Exception {
		copySeeds();
		Path hq = dir.resolve("rgs/hq.ocstopo");
		Files.setPosixFilePermissions(hq, PosixFilePermissions.fromString("r--r--r--"));
		String before = Files.readString(hq);

		Run run = CliEndToEndTest.run(dir, "validate", "--fix", "rgs");

		assertEquals(1, run.exitCode(), run.toString());
		assertEquals(before, Files.readString(hq));
		assertTrue(run.stderr().contains("not fixed rgs/topology.ocstopo:21:26: pool-traffic-hairpin: 'Add a hosts entry on"
				+ " fe2.contoso.com: fe1.contoso.com -> 192.0.2.11' would change hq.ocstopo, which is read-only\n"), run.stderr());
	}

	@Test
	void dryRunWithoutFixOrWithAReportOnStandardOutputIsAUsageError() throws Exception {
		Files.writeString(dir.resolve("t.ocstopo"), "subnet lan 10.0.1.5/24\n");
		Run alone = CliEndToEndTest.run(dir, "validate", "--dry-run", "t.ocstopo");
		assertEquals(2, alone.exitCode(), alone.toString());
		assertEquals("ocstopo: --dry-run goes with --fix: 'ocstopo validate --fix --dry-run FOLDER' prints the fixes as a diff\n",
				alone.stderr());
		Run both = CliEndToEndTest.run(dir, "validate", "--fix", "--dry-run", "--format", "sarif", "t.ocstopo");
		assertEquals(2, both.exitCode(), both.toString());
		assertEquals("subnet lan 10.0.1.5/24\n", Files.readString(dir.resolve("t.ocstopo")));
	}

	/**
	 * Every rule page's failing example, each in its own folder, fixed in one run: a rule whose fix
	 * is safe has no finding left, any other keeps all of its findings, and every comment stays.
	 */
	@Test
	void fixOnEveryRulePagesFailingExample() throws Exception {
		Map<String, Rule> folders = new TreeMap<>();
		for (Rule rule : Rule.values()) {
			List<String> failing = TopologyTestSupport.examples(Files.readString(ROOT.resolve(rule.documentationPath())), "Failing");
			for (int i = 0; rule.triggeredByText() && i < failing.size(); i++) {
				String folder = rule.id() + (i == 0 ? "" : "-" + (i + 1));
				Files.writeString(Files.createDirectories(dir.resolve(folder)).resolve("example.ocstopo"), failing.get(i));
				folders.put(folder, rule);
			}
		}
		Map<String, String> before = texts(dir);
		Run plain = CliEndToEndTest.run(dir, "validate", "--fail-on", "never", "--format", "json=before.json", ".");
		assertEquals(0, plain.exitCode(), plain.toString());

		Run fixed = CliEndToEndTest.run(dir, "validate", "--fix", "--fail-on", "never", "--format", "json=after.json", ".");

		assertEquals(0, fixed.exitCode(), fixed.toString());
		Map<String, Integer> was = countsByFolderAndRule(dir.resolve("before.json"));
		Map<String, Integer> is = countsByFolderAndRule(dir.resolve("after.json"));
		List<String> problems = new ArrayList<>();
		for (Map.Entry<String, Rule> folder : folders.entrySet()) {
			Rule rule = folder.getValue();
			String key = folder.getKey() + " " + rule.id();
			int left = is.getOrDefault(key, 0);
			if (was.getOrDefault(key, 0) == 0) {
				problems.add(key + ": the failing example has no finding of its rule");
			} else if (rule.safeFix() && left > 0) {
				problems.add(key + ": " + left + " findings left after --fix");
			} else if (!rule.safeFix() && left != was.get(key)) {
				problems.add(key + ": --fix changed the findings of a rule without a safe fix: " + was.get(key) + " -> " + left);
			}
		}
		is.forEach((key, n) -> {
			if (n > was.getOrDefault(key, 0)) {
				problems.add(key + ": --fix added findings: " + was.getOrDefault(key, 0) + " -> " + n);
			}
		});
		assertEquals(List.of(), problems, fixed.stderr());
		Map<String, String> after = texts(dir);
		assertCommentsKept(before, after);
		long changed = before.keySet().stream().filter(f -> !before.get(f).equals(after.get(f))).count();
		long safeRules = folders.values().stream().filter(Rule::safeFix).count();
		assertTrue(changed >= safeRules, changed + " examples changed, " + safeRules + " rules with a safe fix\n" + fixed.stderr());
	}

	/** "folder rule" to the number of findings in a JSON report. */
	private static Map<String, Integer> countsByFolderAndRule(Path json) throws IOException {
		Map<String, Integer> counts = new TreeMap<>();
		JsonObject report = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
		for (JsonElement element : report.getAsJsonArray("diagnostics")) {
			JsonObject diagnostic = element.getAsJsonObject();
			String file = diagnostic.getAsJsonObject("range").get("filename").getAsString();
			String folder = file.contains("/") ? file.substring(0, file.indexOf('/')) : "";
			counts.merge(folder + " " + diagnostic.get("rule").getAsString(), 1, Integer::sum);
		}
		assertFalse(report.get("complete") != null && !report.get("complete").getAsBoolean(), "a check failed: " + report);
		return counts;
	}
}
