package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ocs.topology.headless.TopologyWorkspace;
import org.ocs.topology.rules.Rule;

/**
 * Verdicts never depend on declaration order (issue 9): every example and every rule page's
 * failing example, with its member lists, DNS records and the lines of every block reversed, yields
 * the same findings (rule and severity, per file; positions move with the lines).
 */
class OrderIndependenceTest {

	private static final Pattern LIST = Pattern.compile("^(\\s*(?:front ends|servers)\\s+)(\\S.*?)(\\s*(?://.*)?)$");

	@TempDir
	Path dir;

	record Case(String name, Map<String, String> files) {
		@Override
		public String toString() {
			return name;
		}
	}

	static Stream<Case> cases() throws Exception {
		List<Case> cases = new ArrayList<>();
		Path root = TopologyTestSupport.repositoryRoot();
		try (Stream<Path> walk = Files.walk(root.resolve("examples"))) {
			for (Path folder : walk.filter(Files::isDirectory).sorted().toList()) {
				Map<String, String> files = new TreeMap<>();
				try (Stream<Path> list = Files.list(folder)) {
					for (Path file : list.filter(TopologyWorkspace::isTopologyFile).toList()) {
						files.put(file.getFileName().toString(), Files.readString(file));
					}
				}
				if (!files.isEmpty()) {
					cases.add(new Case(root.relativize(folder).toString(), files));
				}
			}
		}
		for (Rule rule : Rule.values()) {
			List<String> failing = TopologyTestSupport.examples(Files.readString(root.resolve(rule.documentationPath())), "Failing");
			for (int i = 0; rule.triggeredByText() && i < failing.size(); i++) {
				cases.add(new Case(rule.id() + (i == 0 ? "" : " " + (i + 1)), Map.of("example.ocstopo", failing.get(i))));
			}
		}
		return cases.stream();
	}

	/** Reverses comma lists of members and, in every block, the order of its one-line members. */
	static String permuted(String text) {
		List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
		for (int i = 0; i < lines.size(); i++) {
			Matcher list = LIST.matcher(lines.get(i));
			if (list.matches() && list.group(2).contains(",")) {
				List<String> names = new ArrayList<>(Arrays.asList(list.group(2).split("\\s*,\\s*")));
				Collections.reverse(names);
				lines.set(i, list.group(1) + String.join(", ", names) + list.group(3));
			}
		}
		// Runs of consecutive lines at one indentation that are whole one-line statements
		// (A records, hosts entries, interfaces, gateways, routes, self IPs, ports) are reversed.
		Pattern statement = Pattern.compile("^(\\s+)(A |SRV |hosts |interface |default gateway |route |self ip |ports )");
		int i = 0;
		while (i < lines.size()) {
			Matcher first = statement.matcher(lines.get(i));
			if (!first.find()) {
				i++;
				continue;
			}
			int end = i + 1;
			while (end < lines.size()) {
				Matcher next = statement.matcher(lines.get(end));
				if (!next.find() || !next.group(1).equals(first.group(1))) {
					break;
				}
				end++;
			}
			Collections.reverse(lines.subList(i, end));
			i = end;
		}
		return String.join("\n", lines);
	}

	private List<String> findings(String name, Map<String, String> files) throws Exception {
		Path folder = Files.createDirectories(dir.resolve(name));
		for (Map.Entry<String, String> file : files.entrySet()) {
			Files.writeString(folder.resolve(file.getKey()), file.getValue());
		}
		TopologyWorkspace workspace = new TopologyWorkspace();
		List<String> findings = new ArrayList<>();
		for (String file : files.keySet()) {
			for (Issue issue : workspace.validate(folder.resolve(file))) {
				findings.add(file + " " + issue.getSeverity() + " " + issue.getCode());
			}
		}
		Collections.sort(findings);
		return findings;
	}

	@ParameterizedTest
	@MethodSource("cases")
	void reversingTheOrderChangesNoFinding(Case example) throws Exception {
		Map<String, String> reversed = new TreeMap<>();
		example.files().forEach((file, text) -> reversed.put(file, permuted(text)));
		List<String> as = findings("written", example.files());
		List<String> permutedFindings = findings("reversed", reversed);
		assertEquals(as, permutedFindings, example + "\nreversed:\n" + String.join("\n---\n", reversed.values()));
	}

	@org.junit.jupiter.api.Test
	void thePermutationChangesTheText() {
		String text = "site S {\n    server a {\n        interface 10.0.0.1/24\n        interface 10.0.1.1/24\n    }\n"
				+ "    enterprise pool p {\n        front ends a, b\n    }\n}\n";
		assertNotEquals(text, permuted(text));
		assertEquals("site S {\n    server a {\n        interface 10.0.1.1/24\n        interface 10.0.0.1/24\n    }\n"
				+ "    enterprise pool p {\n        front ends b, a\n    }\n}\n", permuted(text));
	}
}
