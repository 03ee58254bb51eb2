package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ocs.topology.tests.ProjectPolicyTest.example;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built command-line jar as a process on a folder with a project policy (ocstopo.json). */
class PolicyEndToEndTest {


	@TempDir
	Path dir;

	private Path topo;

	@BeforeAll
	static void findJar() {
		CliEndToEndTest.findJar();
	}

	@BeforeEach
	void repository() throws Exception {
		Files.createDirectories(dir.resolve(".git"));
		topo = Files.createDirectories(dir.resolve("topo"));
	}

	private CliEndToEndTest.Run validate(String... options) throws Exception {
		String[] validate = new String[options.length + 2];
		validate[0] = "validate";
		System.arraycopy(options, 0, validate, 1, options.length);
		validate[validate.length - 1] = "topo";
		CliEndToEndTest.Run run = CliEndToEndTest.run(dir, validate);
		assertFalse(run.stderr().contains("Exception"), run.toString());
		return run;
	}

	private void policy(String json) throws Exception {
		Files.writeString(topo.resolve("ocstopo.json"), json);
	}

	@Test
	void aRuleOffTurnsExitOneIntoZero() throws Exception {
		Files.writeString(topo.resolve("chat.ocstopo"), example("lookup-over-mpop", "Failing"));
		CliEndToEndTest.Run before = validate();
		assertEquals(1, before.exitCode(), before.toString());
		assertTrue(before.stdout().contains("error lookup-over-mpop"), before.toString());
		policy("{\"rules\": {\"lookup-over-mpop\": \"off\"}}");
		CliEndToEndTest.Run after = validate();
		assertEquals(0, after.exitCode(), after.toString());
		assertFalse(after.stdout().contains("lookup-over-mpop"), after.toString());
	}

	@Test
	void aRaisedSeverityTurnsExitZeroIntoOne() throws Exception {
		Files.writeString(topo.resolve("site.ocstopo"), example("gateway-multiple", "Failing"));
		CliEndToEndTest.Run before = validate("--fail-on", "error");
		assertEquals(0, before.exitCode(), before.toString());
		assertTrue(before.stdout().contains(": warning gateway-multiple "), before.toString());
		policy("{\"rules\": {\"gateway-multiple\": \"error\"}}");
		CliEndToEndTest.Run after = validate("--fail-on", "error");
		assertEquals(1, after.exitCode(), after.toString());
		assertTrue(after.stdout().contains(": error gateway-multiple "), after.toString());
	}

	@Test
	void anUnsuppressibleRuleMakesTheSuppressedErrorReappear() throws Exception {
		Files.writeString(topo.resolve("chat.ocstopo"), example("lookup-over-mpop", "Failing").replace("registrar global",
				"// ocstopo-ignore lookup-over-mpop the second Lookup is being retired\nregistrar global"));
		CliEndToEndTest.Run before = validate();
		assertEquals(0, before.exitCode(), before.toString());
		policy("{\"unsuppressible\": [\"lookup-over-mpop\"]}");
		CliEndToEndTest.Run after = validate();
		assertEquals(1, after.exitCode(), after.toString());
		assertTrue(after.stdout().contains("topo/chat.ocstopo:7:1: warning suppression-invalid The project policy "),
				after.toString());
		assertTrue(after.stdout().contains("topo/ocstopo.json does not allow suppressing lookup-over-mpop"), after.toString());
		assertTrue(after.stdout().contains(": error lookup-over-mpop "), after.toString());
	}

	@Test
	void anExcludedBrokenFileIsSkipped() throws Exception {
		Files.writeString(topo.resolve("site.ocstopo"), example("gateway-multiple", "Passing"));
		Files.writeString(Files.createDirectories(topo.resolve("legacy")).resolve("old.ocstopo"), "this is { broken");
		CliEndToEndTest.Run before = validate();
		assertEquals(1, before.exitCode(), before.toString());
		assertTrue(before.stdout().contains("topo/legacy/old.ocstopo:1:1: error syntax-error"), before.toString());
		policy("{\"exclude\": [\"legacy/**\"]}");
		CliEndToEndTest.Run after = validate();
		assertEquals(0, after.exitCode(), after.toString());
		assertEquals("", after.stdout());
		assertTrue(after.stderr().contains("1 file, 0 errors, 0 warnings"), after.toString());
	}

	/** The broken policy of docs/policy.md gives the finding the page shows, once, and exit 2. */
	@Test
	void aBrokenPolicyIsAFindingAtItsLineAndColumnAndExitTwo() throws Exception {
		String page = Files.readString(TopologyTestSupport.repositoryRoot().resolve("docs/policy.md"));
		Matcher shown = Pattern.compile("\\n    (topo/ocstopo\\.json:\\d+:\\d+: error policy-invalid .*)\\n").matcher(page);
		assertTrue(shown.find(), "docs/policy.md shows a policy-invalid line");
		Files.writeString(topo.resolve("site.ocstopo"), example("gateway-multiple", "Passing"));
		Files.writeString(topo.resolve("more.ocstopo"), "subnet more 198.51.100.0/24\n");
		policy("{\n  \"rules\": {\n    \"gateway-multple\": \"off\"\n  }\n}\n");
		CliEndToEndTest.Run run = validate("--fail-on", "never");
		assertEquals(2, run.exitCode(), run.toString());
		assertEquals(shown.group(1) + "\n", run.stdout(), "one finding for the two files it governs");

		policy("{\"rules\": {\"gateway-multiple\": \"off\",}}");
		CliEndToEndTest.Run notJson = validate();
		assertEquals(2, notJson.exitCode(), notJson.toString());
		assertTrue(notJson.stdout().startsWith("topo/ocstopo.json:1:"), notJson.toString());
		assertTrue(notJson.stdout().contains(" error policy-invalid not valid JSON: "), notJson.toString());
	}
}
