package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ocs.topology.rules.Rule;
import org.ocs.topology.topology.Model;

/**
 * The rule catalogue and its pages agree: every rule has {@code docs/rules/<ID>.md} with its
 * severity and summary, a failing example that yields the rule (unless no text can trigger it) and a passing one
 * that yields nothing.
 */
class RuleCatalogueTest extends TopologyTestSupport {


	@Test
	void everyPageBelongsToARuleAndIdsAreUnique() throws IOException {
		Set<String> ids = Arrays.stream(Rule.values()).map(Rule::id).collect(Collectors.toSet());
		assertEquals(Rule.values().length, ids.size(), "duplicate rule IDs");
		try (Stream<Path> pages = Files.list(repositoryRoot().resolve("docs/rules"))) {
			for (Path page : pages.filter(p -> p.toString().endsWith(".md")).toList()) {
				String id = page.getFileName().toString().replace(".md", "");
				assertTrue(ids.contains(id) || id.equals("README"), page + " documents no rule of the catalogue");
			}
		}
		for (String id : ids) {
			assertTrue(id.matches("[a-z]+(-[a-z]+)*"), "rule IDs are lower-case words joined by '-': " + id);
		}
	}

	private static final Pattern README_ROW = Pattern.compile(
			"^\\| \\[([a-z-]+)\\]\\(docs/rules/[a-z-]+\\.md\\) \\| [^|]*\\|(?: [^|]*\\|)? (.*) \\|$", Pattern.MULTILINE);

	/**
	 * The README's rule table is the catalogue's: one row per rule in catalogue order, its severity and
	 * whether a quick fix is offered (safe: {@code validate --fix} applies it). Only the "catches"
	 * column is written by hand. With {@code -Docstopo.updateReadme=true} the test rewrites the table.
	 */
	@Test
	void theReadmeRuleTableIsTheCatalogue() throws IOException {
		Path readme = repositoryRoot().resolve("README.md");
		String text = Files.readString(readme);
		int start = text.indexOf("| ID | severity |");
		int end = text.indexOf("\n\n", start);
		assertTrue(start > 0 && end > start, "README has the rules table");
		java.util.Map<String, String> catches = new java.util.HashMap<>();
		Matcher row = README_ROW.matcher(text.substring(start, end));
		while (row.find()) {
			catches.put(row.group(1), row.group(2));
		}
		StringBuilder table = new StringBuilder("| ID | severity | quick fix | catches |\n|---|---|---|---|");
		for (Rule rule : Rule.values()) {
			String fix = rule.safeFix() ? "safe" : rule.fixable() ? "offered" : "";
			table.append("\n| [").append(rule.id()).append("](docs/rules/").append(rule.id()).append(".md) | ")
					.append(rule.severity().label()).append(" | ").append(fix).append(" | ")
					.append(catches.getOrDefault(rule.id(), "TODO: what it catches, in a few words")).append(" |");
		}
		String expected = text.substring(0, start) + table + text.substring(end);
		if (Boolean.getBoolean("ocstopo.updateReadme") && !expected.equals(text)) {
			Files.writeString(readme, expected);
			return;
		}
		assertEquals(table.toString(), text.substring(start, end),
				"README's rules table (regenerate with -Docstopo.updateReadme=true, then write its 'catches')");
	}

	@ParameterizedTest
	@EnumSource(Rule.class)
	void pageStatesTheRuleAndItsExamplesBehave(Rule rule) throws IOException {
		Path page = repositoryRoot().resolve(rule.documentationPath());
		assertTrue(Files.isRegularFile(page), "missing " + page);
		String text = Files.readString(page);
		assertTrue(text.startsWith("# " + rule.id() + "\n"), page + " starts with its ID");
		assertTrue(text.contains("**Severity:** " + rule.severity().label()), page + " states severity " + rule.severity());
		assertTrue(text.contains("**Summary:** " + rule.summary()), page + " states the catalogue summary");
		for (String heading : List.of("## What it catches", "## Why it breaks production", "## How to fix")) {
			assertTrue(text.contains(heading), page + " lacks " + heading);
		}
		// A fixable rule says which quick fixes there are and whether validate --fix applies one.
		assertEquals(rule.fixable(), text.contains("## Quick fixes\n"), page + ": a '## Quick fixes' section iff fixable");
		if (rule.fixable()) {
			String fixes = text.substring(text.indexOf("## Quick fixes\n"));
			fixes = fixes.substring(0, fixes.indexOf("\n## ") < 0 ? fixes.length() : fixes.indexOf("\n## "));
			assertTrue(fixes.contains("- `ocstopo validate --fix` applies "), page + ": say what --fix does");
			assertEquals(!rule.safeFix(), fixes.contains("- `ocstopo validate --fix` applies none"),
					page + ": --fix applies one iff the catalogue marks the rule safeFix");
		}

		List<String> failing = examples(text, "Failing");
		List<String> passing = examples(text, "Passing");
		assertTrue(!passing.isEmpty(), page + " needs a passing ocstopo example");
		if (rule.triggeredByText()) {
			assertTrue(!failing.isEmpty(), page + " needs a failing ocstopo example");
			for (String example : failing) {
				List<Issue> failingIssues = validation.validate(parse(example));
				assertTrue(failingIssues.stream().anyMatch(i -> rule.id().equals(i.getCode())),
						"failing example of " + rule.id() + " yields " + failingIssues);
			}
		} else {
			// A rule no text triggers (ocstopo's own failures) must not pretend otherwise.
			assertTrue(failing.isEmpty(), page + ": no text triggers " + rule.id() + ", so no failing example");
		}
		for (String example : passing) {
			assertEquals(List.of(), validation.validate(parse(example)), "passing example of " + rule.id());
		}
	}
}
