package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ocs.topology.rules.Rule;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * {@code ocstopo validate --format ...} as a process on the broken examples: every format against
 * its golden file (regenerate with {@code -Docstopo.updateGoldens=true}), SARIF against the
 * official 2.1.0 schema, several reports in one run, and the exit codes.
 */
class ReportFormatsEndToEndTest {

	private static final Path ROOT = TopologyTestSupport.repositoryRoot();
	private static final Path GOLDEN = ROOT.resolve("org.ocs.topology.tests/src/test/resources/reports");
	private static final List<String> FORMATS = List.of("text", "json", "sarif", "junit", "checkstyle");

	@org.junit.jupiter.api.BeforeAll
	static void findJar() {
		CliEndToEndTest.findJar();
	}

	static Stream<String> brokenExamples() {
		return Stream.of("groupchat-mpop", "rgs-loadbalancer");
	}

	@ParameterizedTest
	@MethodSource("brokenExamples")
	void everyFormatMatchesItsGoldenFile(String example, @TempDir Path out) throws Exception {
		Path folder = ROOT.resolve("examples").resolve(example);
		String[] args = Stream.concat(Stream.of("validate"),
				Stream.concat(FORMATS.stream().flatMap(f -> Stream.of("--format", f + "=" + out.resolve(f))), Stream.of("broken")))
				.toArray(String[]::new);
		CliEndToEndTest.Run run = CliEndToEndTest.run(folder, args);
		assertEquals(1, run.exitCode(), run.toString());
		assertEquals("", run.stdout(), "every report went to its file");
		for (String format : FORMATS) {
			String report = Files.readString(out.resolve(format))
					// The SARIF base URI is the absolute working folder of this checkout.
					.replace(folder.toUri().toString(), "file:///EXAMPLE/");
			Path golden = GOLDEN.resolve(example + "." + format);
			if (Boolean.getBoolean("ocstopo.updateGoldens")) {
				Files.createDirectories(GOLDEN);
				Files.writeString(golden, report);
			}
			assertEquals(Files.readString(golden), report, example + " " + format + " differs from " + golden);
		}
		assertTrue(Files.list(out).allMatch(p -> FORMATS.contains(p.getFileName().toString())), "no stray temporary file");
	}

	@ParameterizedTest
	@MethodSource("brokenExamples")
	void sarifIsValidAgainstTheOfficialSchemaAndCarriesTracesAndRules(String example, @TempDir Path out) throws Exception {
		Path sarif = out.resolve("ocstopo.sarif");
		CliEndToEndTest.Run run = CliEndToEndTest.run(ROOT.resolve("examples").resolve(example), "validate",
				"--format", "sarif=" + sarif, "--docs-url", "https://example.org/ocstopo/rules/", "broken");
		assertEquals(1, run.exitCode(), run.toString());
		String text = Files.readString(sarif);
		JsonSchema schema;
		try (InputStream in = ReportFormatsEndToEndTest.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
			schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
		}
		JsonNode node = new ObjectMapper().readTree(text);
		Set<ValidationMessage> errors = schema.validate(node);
		assertTrue(errors.isEmpty(), errors.toString());

		JsonObject runJson = JsonParser.parseString(text).getAsJsonObject().getAsJsonArray("runs").get(0).getAsJsonObject();
		JsonArray rules = runJson.getAsJsonObject("tool").getAsJsonObject("driver").getAsJsonArray("rules");
		assertEquals(Rule.values().length, rules.size(), "the whole catalogue");
		for (int i = 0; i < rules.size(); i++) {
			JsonObject rule = rules.get(i).getAsJsonObject();
			assertEquals(Rule.values()[i].id(), rule.get("id").getAsString());
			assertTrue(rule.getAsJsonObject("help").get("markdown").getAsString().startsWith("# " + Rule.values()[i].id()));
			assertEquals("https://example.org/ocstopo/rules/" + Rule.values()[i].id() + ".md", rule.get("helpUri").getAsString());
		}
		JsonArray results = runJson.getAsJsonArray("results");
		assertFalse(results.isEmpty());
		for (var element : results) {
			JsonObject result = element.getAsJsonObject();
			String ruleId = result.get("ruleId").getAsString();
			assertEquals(ruleId, rules.get(result.get("ruleIndex").getAsInt()).getAsJsonObject().get("id").getAsString());
			JsonObject location = result.getAsJsonArray("locations").get(0).getAsJsonObject().getAsJsonObject("physicalLocation");
			assertEquals("%SRCROOT%", location.getAsJsonObject("artifactLocation").get("uriBaseId").getAsString());
			assertTrue(location.getAsJsonObject("artifactLocation").get("uri").getAsString().startsWith("broken/"));
			if (ruleId.startsWith("pool-traffic")) {
				JsonArray hops = result.getAsJsonArray("codeFlows").get(0).getAsJsonObject().getAsJsonArray("threadFlows").get(0)
						.getAsJsonObject().getAsJsonArray("locations");
				assertTrue(hops.size() >= 3, "the trace hop by hop: " + hops);
				assertEquals(hops.size(), result.getAsJsonArray("relatedLocations").size());
			}
		}
		assertTrue(runJson.getAsJsonArray("invocations").get(0).getAsJsonObject().get("executionSuccessful").getAsBoolean());
	}

	@Test
	void junitAndCheckstyleAreWellFormedXmlWithATestCasePerRuleAndFile(@TempDir Path out) throws Exception {
		CliEndToEndTest.Run run = CliEndToEndTest.run(ROOT.resolve("examples/rgs-loadbalancer"), "validate",
				"--format", "junit=" + out.resolve("j.xml"), "--format", "checkstyle=" + out.resolve("c.xml"), "--format", "text",
				"broken");
		assertEquals(1, run.exitCode(), run.toString());
		assertTrue(run.stdout().contains("error pool-traffic-hairpin"), "text still on standard output: " + run.stdout());
		Document junit = parse(out.resolve("j.xml"));
		long textRules = java.util.Arrays.stream(Rule.values()).filter(Rule::triggeredByText).count();
		assertEquals(2 * textRules, junit.getElementsByTagName("testcase").getLength(), "2 files x every rule");
		assertEquals(1, junit.getElementsByTagName("failure").getLength(), "one rule in one file: one failing case");
		assertEquals(2, junit.getElementsByTagName("failure").item(0).getTextContent().lines().filter(l -> l.contains("error pool-traffic-hairpin")).count(), "both hairpin findings in it");
		Document checkstyle = parse(out.resolve("c.xml"));
		assertEquals(2, checkstyle.getElementsByTagName("file").getLength());
		assertEquals(2, checkstyle.getElementsByTagName("error").getLength());
	}

	@Test
	void twoReportsOnStandardOutputOrAnUnknownFormatCannotRun() throws Exception {
		Path folder = ROOT.resolve("examples/rgs-loadbalancer");
		CliEndToEndTest.Run two = CliEndToEndTest.run(folder, "validate", "--format", "json", "--format", "sarif", "broken");
		assertEquals(2, two.exitCode(), two.toString());
		assertTrue(two.stderr().contains("only one --format can go to standard output"), two.stderr());
		CliEndToEndTest.Run unknown = CliEndToEndTest.run(folder, "validate", "--format", "html", "broken");
		assertEquals(2, unknown.exitCode(), unknown.toString());
		assertTrue(unknown.stderr().contains("unknown format 'html'"), unknown.stderr());
		CliEndToEndTest.Run clean = CliEndToEndTest.run(folder, "validate", "--format", "json", "fixed");
		assertEquals(0, clean.exitCode(), clean.toString());
		JsonObject json = JsonParser.parseString(clean.stdout()).getAsJsonObject();
		assertTrue(json.get("valid").getAsBoolean());
		assertEquals(0, json.get("error_count").getAsInt());
	}

	private static Document parse(Path file) throws Exception {
		return DocumentBuilderFactory.newInstance().newDocumentBuilder()
				.parse(new InputSource(new StringReader(Files.readString(file, StandardCharsets.UTF_8))));
	}
}
