package org.ocs.topology.reports;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.ocs.topology.rules.Rule;

/**
 * JUnit XML as GitLab, Jenkins and Azure Pipelines read it: a test suite per file, a test case per
 * rule in it. A case fails when the file has findings of that rule at or above the run's
 * {@code --fail-on} level (those are what fail the build); findings below it are listed in the
 * case's output; an {@code internal-error} is a test error, not a failure.
 */
final class JunitReport {

	private JunitReport() {
	}

	private record Case(String rule, List<Finding> failing, List<Finding> passing) {
	}

	static String render(CheckResult result, ReportContext context) {
		List<List<Case>> suites = new ArrayList<>();
		int tests = 0;
		int failures = 0;
		int errors = 0;
		for (Path file : result.files()) {
			List<Case> cases = cases(result, file, context.failOn());
			suites.add(cases);
			tests += cases.size();
			failures += (int) cases.stream().filter(c -> !c.failing().isEmpty() && !isInternal(c)).count();
			errors += (int) cases.stream().filter(c -> !c.failing().isEmpty() && isInternal(c)).count();
		}
		Xml xml = new Xml();
		xml.start("testsuites").attribute("name", ReportContext.TOOL).attribute("tests", tests)
				.attribute("failures", failures).attribute("errors", errors);
		for (int i = 0; i < result.files().size(); i++) {
			String file = context.paths().shown(result.files().get(i));
			List<Case> cases = suites.get(i);
			xml.start("testsuite").attribute("name", file).attribute("tests", cases.size())
					.attribute("failures", cases.stream().filter(c -> !c.failing().isEmpty() && !isInternal(c)).count())
					.attribute("errors", cases.stream().filter(c -> !c.failing().isEmpty() && isInternal(c)).count())
					.attribute("skipped", 0);
			for (Case testCase : cases) {
				xml.start("testcase").attribute("classname", file).attribute("name", testCase.rule()).attribute("file", file);
				if (!testCase.failing().isEmpty()) {
					xml.start(isInternal(testCase) ? "error" : "failure")
							.attribute("type", testCase.rule())
							.attribute("message", TextReport.oneLine(testCase.failing().get(0).message()))
							.text(details(testCase.failing(), context));
				}
				if (!testCase.passing().isEmpty()) {
					xml.start("system-out").text(details(testCase.passing(), context));
				}
				xml.end();
			}
			xml.end();
		}
		xml.end();
		return xml.done();
	}

	private static boolean isInternal(Case testCase) {
		return testCase.rule().equals(Rule.INTERNAL_ERROR.id());
	}

	/** Every rule that text can trigger, then any other rule this file has findings of. */
	private static List<Case> cases(CheckResult result, Path file, FailOn failOn) {
		Set<String> rules = new LinkedHashSet<>();
		for (Rule rule : Rule.values()) {
			if (rule.triggeredByText()) {
				rules.add(rule.id());
			}
		}
		List<Finding> inFile = result.findings().stream().filter(f -> f.span().file().equals(file)).toList();
		inFile.forEach(f -> rules.add(f.ruleId()));
		List<Case> cases = new ArrayList<>();
		for (String rule : rules) {
			List<Finding> ofRule = inFile.stream().filter(f -> f.ruleId().equals(rule)).toList();
			boolean internal = rule.equals(Rule.INTERNAL_ERROR.id());
			cases.add(new Case(rule, ofRule.stream().filter(f -> internal || failOn.fails(f.severity())).toList(),
					ofRule.stream().filter(f -> !internal && !failOn.fails(f.severity())).toList()));
		}
		return cases;
	}

	private static String details(List<Finding> findings, ReportContext context) {
		return TextReport.render(new CheckResult(List.of(), findings), context);
	}
}
