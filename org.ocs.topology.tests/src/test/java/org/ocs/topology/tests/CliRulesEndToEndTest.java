package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ocs.topology.rules.Rule;

/**
 * The built command-line jar as a process: {@code validate --fail-on}, {@code rules} and
 * {@code explain}. Runs from a temporary folder, so the rule pages must come from the jar.
 */
class CliRulesEndToEndTest {

	record Run(int exitCode, byte[] stdoutBytes, String stderr) {
		String stdout() {
			return new String(stdoutBytes, StandardCharsets.UTF_8);
		}

		@Override
		public String toString() {
			return "exit " + exitCode + "\nstdout:\n" + stdout() + "\nstderr:\n" + stderr;
		}
	}

	private static Path jar;

	@TempDir
	Path dir;

	@BeforeAll
	static void findJar() {
		jar = TopologyTestSupport.repositoryRoot().resolve("org.ocs.topology.cli/target/ocstopo.jar");
		assertTrue(Files.isRegularFile(jar), "build the CLI jar first: " + jar);
	}

	private static Run cli(Path workingDirectory, List<String> jvmOptions, String... args) throws Exception {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.addAll(List.of("-jar", jar.toString()));
		command.addAll(List.of(args));
		Path stderr = Files.createTempFile(workingDirectory, "stderr", ".txt");
		Process process = new ProcessBuilder(command).directory(workingDirectory.toFile())
				.redirectError(stderr.toFile()).start();
		process.getOutputStream().close();
		byte[] stdout = process.getInputStream().readAllBytes();
		assertTrue(process.waitFor(300, TimeUnit.SECONDS), "CLI did not finish");
		Run run = new Run(process.exitValue(), stdout, Files.readString(stderr));
		Files.delete(stderr);
		return run;
	}

	private Run cli(String... args) throws Exception {
		return cli(dir, List.of(), args);
	}

	private static String example(String folder) {
		return TopologyTestSupport.repositoryRoot().resolve("examples").resolve(folder).toString();
	}

	// ------------------------------------------------------------ validate --fail-on

	@Test
	void brokenExamplesFailOnErrorAndWarningButNotNever() throws Exception {
		for (String broken : List.of("rgs-loadbalancer/broken", "groupchat-mpop/broken")) {
			Run byDefault = cli("validate", example(broken));
			assertEquals(1, byDefault.exitCode(), broken + ": " + byDefault);
			assertTrue(byDefault.stdout().contains(": error "), byDefault.toString());
			assertEquals(1, cli("validate", "--fail-on", "error", example(broken)).exitCode(), broken);
			assertEquals(1, cli("validate", "--fail-on", "warning", example(broken)).exitCode(), broken);
			Run never = cli("validate", "--fail-on", "never", example(broken));
			assertEquals(0, never.exitCode(), broken + ": " + never);
			assertEquals(byDefault.stdout(), never.stdout(), "--fail-on changes the exit code, not the report");
		}
	}

	@Test
	void warningsAloneFailOnlyOnWarning() throws Exception {
		// subnet-host-bits, a warning: the failing example of its page.
		Files.writeString(dir.resolve("t.ocstopo"), "subnet lan 192.0.2.5/24\n");
		Run byDefault = cli("validate", "t.ocstopo");
		assertEquals(0, byDefault.exitCode(), byDefault.toString());
		assertTrue(byDefault.stdout().startsWith("t.ocstopo:1:12: warning subnet-host-bits "), byDefault.toString());
		assertTrue(byDefault.stderr().contains("0 errors, 1 warning"), byDefault.toString());
		assertEquals(0, cli("validate", "--fail-on", "error", "t.ocstopo").exitCode());
		assertEquals(1, cli("validate", "--fail-on", "warning", "t.ocstopo").exitCode());
		assertEquals(1, cli("validate", "--fail-on=WARNING", "t.ocstopo").exitCode(), "any case");
		assertEquals(0, cli("validate", "--fail-on", "never", "t.ocstopo").exitCode());
	}

	@Test
	void aCleanExampleExitsZeroAtEveryLevel() throws Exception {
		for (String level : List.of("error", "warning", "never")) {
			Run run = cli("validate", "--fail-on", level, example("multisite"));
			assertEquals(0, run.exitCode(), level + ": " + run);
			assertEquals("", run.stdout());
		}
	}

	@Test
	void anInternalErrorExitsTwoEvenWithFailOnNever() throws Exception {
		Files.writeString(dir.resolve("clean.ocstopo"), "subnet lan 192.0.2.0/24\n");
		for (String level : List.of("error", "warning", "never")) {
			Run run = cli(dir, List.of("-Docstopo.fault.check=subnet-host-bits"), "validate", "--fail-on", level, "clean.ocstopo");
			assertEquals(2, run.exitCode(), "fail closed whatever --fail-on says: " + level + ": " + run);
			assertTrue(run.stdout().contains(" error internal-error "), run.toString());
		}
	}

	@Test
	void aBadLevelIsAOneLineUsageErrorExitTwo() throws Exception {
		Files.writeString(dir.resolve("t.ocstopo"), "subnet lan 192.0.2.0/24\n");
		Run run = cli("validate", "--fail-on", "sometimes", "t.ocstopo");
		assertEquals(2, run.exitCode(), run.toString());
		assertEquals("", run.stdout());
		assertEquals(List.of("ocstopo: Invalid value for option '--fail-on': expected error, warning or never, but was 'sometimes'"),
				run.stderr().lines().toList());
	}

	// ------------------------------------------------------------ rules

	@Test
	void rulesListsTheWholeCatalogueInOrderWithSeverityFixableAndSummary() throws Exception {
		Run run = cli("rules");
		assertEquals(0, run.exitCode(), run.toString());
		assertEquals("", run.stderr());
		List<String> lines = run.stdout().lines().toList();
		assertEquals(Rule.values().length + 1, lines.size(), run.stdout());
		assertEquals(List.of("ID", "SEVERITY", "FIXABLE", "SUMMARY"), List.of(lines.get(0).split("\\s+")));
		int summaryColumn = lines.get(0).indexOf("SUMMARY");
		for (Rule rule : Rule.values()) {
			String line = lines.get(rule.ordinal() + 1);
			List<String> cells = List.of(line.substring(0, summaryColumn).trim().split("\\s+"));
			assertEquals(List.of(rule.id(), rule.severity().label(), rule.safeFix() ? "--fix" : rule.fixable() ? "editor" : "no"), cells, line);
			assertEquals(rule.summary(), line.substring(summaryColumn), line);
		}
		assertTrue(lines.stream().anyMatch(l -> l.matches("gateway-multiple\\s+warning\\s+editor\\s+.*")), run.stdout());
		assertTrue(lines.stream().anyMatch(l -> l.matches("lookup-over-mpop\\s+error\\s+--fix\\s+.*")), run.stdout());
		assertTrue(lines.stream().anyMatch(l -> l.matches("syntax-error\\s+error\\s+no\\s+.*")), run.stdout());
	}

	// ------------------------------------------------------------ explain

	@Test
	void explainPrintsTheRulePageByteForByteFromTheJar() throws Exception {
		// One process per kind of page (the first rule, a warning rule, the last): a JVM per rule
		// would cost a minute of CI for the same code path; every page's packaging is checked below.
		Rule[] rules = Rule.values();
		for (Rule rule : List.of(rules[0], Rule.byId("gateway-multiple").orElseThrow(), rules[rules.length - 1])) {
			Run run = cli("explain", rule.id());
			assertEquals(0, run.exitCode(), rule.id() + ": " + run);
			assertEquals("", run.stderr(), rule.id());
			byte[] page = Files.readAllBytes(TopologyTestSupport.repositoryRoot().resolve(rule.documentationPath()));
			assertArrayEquals(page, run.stdoutBytes(), rule.id() + ": not the page as written");
		}
	}

	@Test
	void theJarCarriesEveryRulePageAsWritten() throws Exception {
		try (JarFile built = new JarFile(jar.toFile())) {
			for (Rule rule : Rule.values()) {
				JarEntry entry = built.getJarEntry("ocstopo-docs/rules/" + rule.id() + ".md");
				assertTrue(entry != null, rule.id() + ": its page is not in " + jar);
				byte[] page = Files.readAllBytes(TopologyTestSupport.repositoryRoot().resolve(rule.documentationPath()));
				try (InputStream in = built.getInputStream(entry)) {
					assertArrayEquals(page, in.readAllBytes(), rule.id() + ": the jar's page is not the page as written");
				}
			}
		}
	}

	@Test
	void anUnknownRuleIsOneLineExitTwoWithTheClosestIdWhenNear() throws Exception {
		Run far = cli("explain", "no-such-thing-at-all");
		assertEquals(2, far.exitCode(), far.toString());
		assertEquals("", far.stdout());
		assertEquals(List.of("ocstopo: no rule 'no-such-thing-at-all'; `ocstopo rules` lists them"), far.stderr().lines().toList());

		Run near = cli("explain", "gateway-multple");
		assertEquals(2, near.exitCode(), near.toString());
		assertEquals("", near.stdout());
		assertEquals(List.of("ocstopo: no rule 'gateway-multple' (did you mean 'gateway-multiple'?); `ocstopo rules` lists them"),
				near.stderr().lines().toList());

		Run missing = cli("explain");
		assertEquals(2, missing.exitCode(), missing.toString());
		assertEquals(1, missing.stderr().lines().count(), missing.toString());
	}

	@Test
	void oneCauseIsOneFindingListingEveryPairItBreaks() throws Exception {
		// Three Front Ends: fe2's A record sends both fe1's and fe3's traffic through the balancer.
		for (java.util.Map.Entry<String, String> file : QuickFixTest.threeFrontEnds().entrySet()) {
			Files.writeString(dir.resolve(file.getKey()), file.getValue());
		}
		Run run = cli("validate", "--format", "json", ".");
		assertEquals(1, run.exitCode(), run.toString());
		com.google.gson.JsonArray diagnostics = com.google.gson.JsonParser.parseString(run.stdout()).getAsJsonObject()
				.getAsJsonArray("diagnostics");
		List<String> hairpins = new ArrayList<>();
		diagnostics.forEach(d -> {
			if ("pool-traffic-hairpin".equals(d.getAsJsonObject().get("rule").getAsString())) {
				hairpins.add(d.getAsJsonObject().get("detail").getAsString());
			}
		});
		assertEquals(3, hairpins.size(), run.stdout());
		assertEquals(1, hairpins.stream().filter(h -> h.contains("from fe1.contoso.com and fe3.contoso.com to fe2.contoso.com"))
				.count(), hairpins.toString());
	}

	@Test
	void aMistypedGatewayIsAWarningThatFixLeavesToTheUser() throws Exception {
		Path broken = TopologyTestSupport.repositoryRoot().resolve("examples/rgs-loadbalancer/broken");
		Files.copy(broken.resolve("topology.ocstopo"), dir.resolve("topology.ocstopo"));
		String hq = Files.readString(broken.resolve("hq.ocstopo"));
		Files.writeString(dir.resolve("hq.ocstopo"), hq.replaceFirst("default gateway 198\\.51\\.100\\.1\n",
				"default gateway 198.51.100.10\n"));
		Run run = cli("validate", "--fail-on", "warning", ".");
		assertEquals(1, run.exitCode(), run.toString());
		assertTrue(run.stdout().contains("hq.ocstopo:10:25: warning gateway-undeclared The default gateway 198.51.100.10 of"
				+ " server fe1.contoso.com"), run.stdout());
		// Not a safe fix (it may be a router not declared yet): --fix leaves the address alone.
		Run fix = cli("validate", "--fix", "--fail-on", "never", ".");
		assertEquals(0, fix.exitCode(), fix.toString());
		assertTrue(Files.readString(dir.resolve("hq.ocstopo")).contains("default gateway 198.51.100.10\n"));
	}
}
