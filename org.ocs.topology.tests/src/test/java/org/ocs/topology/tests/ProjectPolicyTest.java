package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ocs.topology.headless.TopologyWorkspace;
import org.ocs.topology.policy.PolicyFiles;
import org.ocs.topology.policy.ProjectPolicy;
import org.ocs.topology.rules.Rule;

/**
 * The project policy: each setting read and applied through the real validation (files on disk,
 * {@link TopologyWorkspace}), each mistake with its line and column, the nearest file, file-wide
 * suppression, and the example of {@code docs/policy.md}.
 */
class ProjectPolicyTest {

	@TempDir
	Path repository;

	private Path topo;

	@BeforeEach
	void repositoryRoot() throws IOException {
		// The policy search stops at a folder with .git: nothing above the temp folder applies.
		Files.createDirectories(repository.resolve(".git"));
		topo = Files.createDirectories(repository.resolve("topo"));
	}

	static String example(String rule, String kind) throws IOException {
		String page = Files.readString(TopologyTestSupport.repositoryRoot().resolve("docs/rules/" + rule + ".md"));
		Matcher matcher = Pattern.compile("## " + kind + " example\\s*```ocstopo\\n(.*?)```", Pattern.DOTALL).matcher(page);
		assertTrue(matcher.find(), rule + " " + kind);
		return matcher.group(1);
	}

	static String policyPageJson() throws IOException {
		String page = Files.readString(TopologyTestSupport.repositoryRoot().resolve("docs/policy.md"));
		Matcher matcher = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(page);
		assertTrue(matcher.find(), "docs/policy.md has a json block");
		return matcher.group(1);
	}

	private static List<Issue> validate(Path file) throws Exception {
		return new TopologyWorkspace().validate(file);
	}

	private static List<Issue> withCode(List<Issue> issues, Rule rule) {
		return issues.stream().filter(i -> rule.id().equals(i.getCode())).toList();
	}

	private ProjectPolicy parse(String json) {
		return ProjectPolicy.parse(topo.resolve("ocstopo.json"), json);
	}

	private static String problems(ProjectPolicy policy) {
		return String.join("\n", policy.problems().stream().map(p -> p.line() + ":" + p.column() + " " + p.message()).toList());
	}

	// ------------------------------------------------------------------ reading

	@Test
	void eachSettingIsRead() {
		ProjectPolicy policy = parse("""
				{"rules": {"gateway-multiple": "off", "product-missing": "error", "lb-idle-timeout-short": "info"},
				 "unsuppressible": ["lookup-over-mpop"], "exclude": ["legacy/**", "scratch.ocstopo", "old/"]}
				""");
		assertEquals(List.of(), policy.problems());
		assertEquals(Optional.empty(), policy.severity(Rule.GATEWAY_MULTIPLE));
		assertEquals(Optional.of(org.ocs.topology.rules.Severity.ERROR), policy.severity(Rule.PRODUCT_MISSING));
		assertEquals(Optional.of(org.ocs.topology.rules.Severity.INFO), policy.severity(Rule.LB_IDLE_TIMEOUT_SHORT));
		assertEquals(Optional.of(org.ocs.topology.rules.Severity.ERROR), policy.severity(Rule.ADDRESS_MALFORMED), "default");
		assertTrue(policy.unsuppressible(Rule.LOOKUP_OVER_MPOP));
		assertFalse(policy.unsuppressible(Rule.GATEWAY_MULTIPLE));
		assertTrue(policy.excludes(topo.resolve("legacy/old.ocstopo")));
		assertTrue(policy.excludes(topo.resolve("legacy/deep/er.ocstopo")));
		assertTrue(policy.excludes(topo.resolve("scratch.ocstopo")));
		assertTrue(policy.excludes(topo.resolve("old/a.ocstopo")));
		assertFalse(policy.excludes(topo.resolve("site.ocstopo")));
		assertFalse(policy.excludes(topo.resolve("sub/scratch.ocstopo")), "globs are relative to the policy's folder");
		assertFalse(policy.excludes(repository.resolve("elsewhere/legacy/x.ocstopo")));
	}

	@Test
	void eachMistakeIsFoundWhereItIs() {
		assertEquals("3:5 unknown rule 'gateway-multple' (did you mean 'gateway-multiple'?); 'ocstopo rules' lists them",
				problems(parse("{\n  \"rules\": {\n    \"gateway-multple\": \"off\"\n  }\n}\n")));
		assertEquals("2:21 'fatal' is no severity; write one of error, warning, info or off",
				problems(parse("{\"rules\": {\n\"gateway-multiple\": \"fatal\"}}")));
		assertEquals("1:32 'of' is no severity; write one of error, warning, info or off (did you mean 'off'?)",
				problems(parse("{\"rules\": {\"gateway-multiple\": \"of\"}}")));
		assertEquals("2:3 unknown key 'rule' (did you mean 'rules'?); the keys are exclude, rules, unsuppressible",
				problems(parse("{\n  \"rule\": {}\n}")));
		assertEquals("1:12 syntax-error cannot be turned off or changed: its findings say that a file or the policy could not be checked\n"
				+ "1:35 internal-error cannot be turned off or changed: its findings say that a file or the policy could not be checked",
				problems(parse("{\"rules\": {\"syntax-error\": \"off\", \"internal-error\": \"warning\"}}")));
		assertEquals("1:21 unknown rule 'lookup-over-mop' (did you mean 'lookup-over-mpop'?); 'ocstopo rules' lists them",
				problems(parse("{\"unsuppressible\": [\"lookup-over-mop\"]}")));
		assertEquals("1:13 'exclude' is an array of globs, e.g. [\"legacy/**\"]", problems(parse("{\"exclude\": \"legacy/**\"}")));
		assertEquals("1:14 '../x' is not a glob relative to the policy's folder (use '/', no '..')",
				problems(parse("{\"exclude\": [\"../x\"]}")));
		assertEquals("1:30 'rules' is given twice", problems(parse("{\"rules\": {}, \"exclude\": [], \"rules\": {}}")));
		assertEquals("1:1 the policy is a JSON object, e.g. {\"rules\": {\"gateway-multiple\": \"off\"}}", problems(parse("[]")));
	}

	@Test
	void textThatIsNotJsonAppliesNothing() {
		ProjectPolicy policy = parse("{\n  \"rules\": {\"gateway-multiple\": \"off\",\n}\n");
		assertEquals(1, policy.problems().size(), problems(policy));
		ProjectPolicy.Problem problem = policy.problems().get(0);
		assertEquals(3, problem.line(), problems(policy));
		assertTrue(problem.message().startsWith("not valid JSON: "), problem.message());
		assertFalse(problem.message().contains("http"), "no link to Gson's troubleshooting page: " + problem.message());
		assertEquals(Optional.of(Rule.GATEWAY_MULTIPLE.severity()), policy.severity(Rule.GATEWAY_MULTIPLE),
				"fail closed: a half-read policy turns nothing off");
		ProjectPolicy comments = parse("{\n  // no comments in JSON\n}");
		assertEquals(2, comments.problems().get(0).line(), problems(comments));
	}

	@Test
	void theNearestPolicyWinsAndTheSearchStopsAtTheRepositoryRoot() throws IOException {
		Path outer = Files.writeString(repository.resolve("ocstopo.json"), "{}");
		Path inner = Files.writeString(topo.resolve(".ocstopo.json"), "{}");
		Files.createDirectories(topo.resolve("a/b"));
		PolicyFiles files = new PolicyFiles();
		assertEquals(inner, files.forFile(topo.resolve("a/b/site.ocstopo")).orElseThrow().file());
		assertEquals(outer, files.forFile(repository.resolve("site.ocstopo")).orElseThrow().file());
		Path nested = Files.createDirectories(topo.resolve("a/nested-repo"));
		Files.createDirectories(nested.resolve(".git"));
		assertEquals(Optional.empty(), files.forFile(nested.resolve("x/site.ocstopo")).map(ProjectPolicy::file)
				.filter(p -> !p.startsWith(nested)), "a nested repository stops the search at its root");
		assertTrue(files.forFile(nested.resolve("site.ocstopo")).isEmpty());
		// Changed on disk: read again (the size differs, whatever the clock's resolution).
		Files.writeString(inner, "{\"rules\": {\"gateway-multiple\": \"off\"}}");
		assertEquals(Optional.empty(), files.forFile(topo.resolve("site.ocstopo")).orElseThrow().severity(Rule.GATEWAY_MULTIPLE));
	}

	@Test
	void aWorkspaceReadsEachFoldersPolicyOnceAsItReadsEachFileOnce() throws Exception {
		Path site = Files.writeString(topo.resolve("site.ocstopo"), example("gateway-multiple", "Failing"));
		Path other = Files.writeString(topo.resolve("other.ocstopo"), "// nothing declared\n");
		TopologyWorkspace workspace = new TopologyWorkspace();
		assertEquals(Severity.WARNING, withCode(workspace.validate(site), Rule.GATEWAY_MULTIPLE).get(0).getSeverity());
		Files.writeString(topo.resolve("ocstopo.json"), "{\"rules\": {\"gateway-multiple\": \"error\"}}");
		// The workspace's files are as it first read them, and so is their policy: one run, one view.
		assertEquals(Severity.WARNING, withCode(workspace.validate(site), Rule.GATEWAY_MULTIPLE).get(0).getSeverity());
		assertEquals(List.of(), workspace.validate(other));
		// A new run (a new workspace) reads the folder again, as does a search.
		assertEquals(Severity.ERROR, withCode(validate(site), Rule.GATEWAY_MULTIPLE).get(0).getSeverity());
		Files.writeString(topo.resolve("ocstopo.json"), "{\"exclude\": [\"other.ocstopo\"]}");
		assertEquals(List.of(site), TopologyWorkspace.search(List.of(topo)).files());
		// The snapshot itself: each folder answered once, the disk not asked again.
		PolicyFiles files = new PolicyFiles();
		PolicyFiles.Snapshot snapshot = files.snapshot();
		assertTrue(snapshot.excluded(other));
		Files.delete(topo.resolve("ocstopo.json"));
		assertTrue(snapshot.excluded(other), "the snapshot keeps what it read");
		assertFalse(files.excluded(other), "outside a snapshot the disk is read again");
		assertFalse(files.snapshot().excluded(other));
	}

	// ------------------------------------------------------------------ applied in validation

	@Test
	void aRuleOffOrRegradedChangesTheFindings() throws Exception {
		Path site = Files.writeString(topo.resolve("site.ocstopo"), example("gateway-multiple", "Failing"));
		assertEquals(Severity.WARNING, withCode(validate(site), Rule.GATEWAY_MULTIPLE).get(0).getSeverity());
		Files.writeString(topo.resolve("ocstopo.json"), "{\"rules\": {\"gateway-multiple\": \"error\"}}");
		assertEquals(Severity.ERROR, withCode(validate(site), Rule.GATEWAY_MULTIPLE).get(0).getSeverity());
		Files.writeString(topo.resolve("ocstopo.json"), "{\"rules\": {\"gateway-multiple\": \"info\"}}");
		assertEquals(Severity.INFO, withCode(validate(site), Rule.GATEWAY_MULTIPLE).get(0).getSeverity());
		Files.writeString(topo.resolve("ocstopo.json"), "{\"rules\": {\"gateway-multiple\": \"off\"}}");
		assertEquals(List.of(), validate(site));
	}

	@Test
	void anUnsuppressibleRuleStaysAndTheCommentSaysWhy() throws Exception {
		String text = example("lookup-over-mpop", "Failing").replace("registrar global",
				"// ocstopo-ignore lookup-over-mpop the second Lookup is being retired\nregistrar global");
		Path site = Files.writeString(topo.resolve("site.ocstopo"), text);
		assertEquals(List.of(), withCode(validate(site), Rule.LOOKUP_OVER_MPOP), "suppressed without a policy");
		Path policy = Files.writeString(topo.resolve("ocstopo.json"), "{\"unsuppressible\": [\"lookup-over-mpop\"]}");
		List<Issue> issues = validate(site);
		assertEquals(1, withCode(issues, Rule.LOOKUP_OVER_MPOP).size(), issues.toString());
		List<Issue> refused = withCode(issues, Rule.SUPPRESSION_INVALID);
		assertEquals(1, refused.size(), issues.toString());
		assertTrue(refused.get(0).getMessage().contains(policy.toString()) && refused.get(0).getMessage()
				.contains("does not allow suppressing lookup-over-mpop"), refused.get(0).getMessage());
	}

	@Test
	void anExcludedFileIsNeitherCheckedNorPartOfTheTopology() throws Exception {
		Path broken = Files.writeString(Files.createDirectories(topo.resolve("legacy")).resolve("old.ocstopo"), "this is { broken");
		Path scratch = Files.writeString(topo.resolve("scratch.ocstopo"), "subnet lan 192.0.2.0/24\n");
		Path site = Files.writeString(topo.resolve("site.ocstopo"), "subnet lan 192.0.2.0/24\n");
		assertEquals(1, withCode(validate(site), Rule.NAME_DUPLICATE).size(), "the scratch file takes part");
		assertFalse(withCode(validate(broken), Rule.SYNTAX_ERROR).isEmpty());
		Files.writeString(topo.resolve("ocstopo.json"), "{\"exclude\": [\"legacy/**\", \"scratch.ocstopo\"]}");
		assertEquals(List.of(), validate(broken));
		assertEquals(List.of(), validate(scratch));
		assertEquals(List.of(), validate(site), "the excluded scratch file declares nothing");
	}

	@Test
	void policyMistakesAreFindingsOnEveryGovernedFile() throws Exception {
		Path site = Files.writeString(topo.resolve("site.ocstopo"), example("gateway-multiple", "Passing"));
		Path policy = Files.writeString(topo.resolve("ocstopo.json"), "{\n  \"rules\": {\n    \"gateway-multple\": \"off\"\n  }\n}\n");
		List<Issue> issues = validate(site);
		assertEquals(1, issues.size(), issues.toString());
		Issue issue = issues.get(0);
		assertEquals(Rule.POLICY_INVALID.id(), issue.getCode());
		assertEquals(Severity.ERROR, issue.getSeverity());
		assertEquals("Project policy " + policy + ":3:5: unknown rule 'gateway-multple' (did you mean 'gateway-multiple'?);"
				+ " 'ocstopo rules' lists them", issue.getMessage());
		assertEquals(List.of(policy.toString(), "3", "5"), List.of(issue.getData()).subList(0, 3));
	}

	@Test
	void aFileWideSuppressionCoversTheWholeFileWithTheSameChecks() throws Exception {
		String server = example("gateway-multiple", "Failing");
		String twoServers = server.substring(0, server.lastIndexOf('}')) + server
				.substring(server.indexOf("    server"), server.lastIndexOf('}')).replace("fe1", "fe2").replace(".10 on", ".11 on")
				+ "}\n";
		Path site = Files.writeString(topo.resolve("site.ocstopo"), twoServers);
		assertEquals(2, withCode(validate(site), Rule.GATEWAY_MULTIPLE).size(), validate(site).toString());

		Files.writeString(site, "// Backup network on every server.\n// ocstopo-ignore-file gateway-multiple backup gateways, removed in change 4711\n" + twoServers);
		assertEquals(List.of(), validate(site));

		Files.writeString(site, "// ocstopo-ignore-file gateway-multiple\n" + twoServers);
		List<Issue> noReason = validate(site);
		assertEquals(2, withCode(noReason, Rule.GATEWAY_MULTIPLE).size());
		assertEquals(1, withCode(noReason, Rule.SUPPRESSION_INVALID).size(), noReason.toString());

		Files.writeString(site, "// ocstopo-ignore-file gateway-multiples typo\n" + twoServers);
		assertTrue(withCode(validate(site), Rule.SUPPRESSION_INVALID).get(0).getMessage().contains("'gateway-multiples' is none"));

		Files.writeString(site, "// ocstopo-ignore-file prefix-missing not needed\n" + twoServers);
		List<Issue> unused = withCode(validate(site), Rule.SUPPRESSION_UNUSED);
		assertEquals(1, unused.size());
		assertTrue(unused.get(0).getMessage().contains("this file has no prefix-missing finding"), unused.get(0).getMessage());

		Files.writeString(topo.resolve("ocstopo.json"), "{\"unsuppressible\": [\"gateway-multiple\"]}");
		Files.writeString(site, "// ocstopo-ignore-file gateway-multiple backup gateways\n" + twoServers);
		List<Issue> forbidden = validate(site);
		assertEquals(2, withCode(forbidden, Rule.GATEWAY_MULTIPLE).size());
		assertEquals(1, withCode(forbidden, Rule.SUPPRESSION_INVALID).size(), forbidden.toString());
	}

	@Test
	void theDocumentedPolicyDoesWhatThePageSays() throws Exception {
		Path policyFile = Files.writeString(topo.resolve("ocstopo.json"), policyPageJson());
		assertEquals(List.of(), ProjectPolicy.read(policyFile).problems());

		Path site = Files.writeString(topo.resolve("site.ocstopo"), example("gateway-multiple", "Failing"));
		assertEquals(List.of(), validate(site), "gateway-multiple is off");
		Path header = Files.writeString(Files.createDirectories(topo.resolve("hq")).resolve("topology.ocstopo"),
				example("product-missing", "Failing"));
		assertEquals(Severity.ERROR, withCode(validate(header), Rule.PRODUCT_MISSING).get(0).getSeverity());
		Path old = Files.writeString(Files.createDirectories(topo.resolve("legacy")).resolve("old.ocstopo"), "not { parsed");
		assertEquals(List.of(), validate(old));
		Path pool = Files.writeString(Files.createDirectories(topo.resolve("chat")).resolve("pool.ocstopo"),
				example("lookup-over-mpop", "Failing").replace("registrar global",
						"// ocstopo-ignore lookup-over-mpop temporary\nregistrar global"));
		assertEquals(1, withCode(validate(pool), Rule.LOOKUP_OVER_MPOP).size());
	}
}
