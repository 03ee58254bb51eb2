package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ocs.topology.headless.TopologyWorkspace;

/**
 * Every example folder yields exactly the findings listed in its {@code expected-findings.txt}
 * ({@code file:line:col: severity RULE-ID}, one per line; an empty file means clean).
 */
class ExamplesTest {

	static Stream<Path> exampleFolders() throws IOException {
		try (Stream<Path> walk = Files.walk(TopologyTestSupport.repositoryRoot().resolve("examples"))) {
			List<Path> folders = walk.filter(p -> Files.isRegularFile(p.resolve("expected-findings.txt"))).sorted().toList();
			assertTrue(folders.size() >= 5, "example folders with expected-findings.txt: " + folders);
			return folders.stream();
		}
	}

	@ParameterizedTest
	@MethodSource("exampleFolders")
	void exampleYieldsExactlyItsExpectedFindings(Path folder) throws Exception {
		TopologyWorkspace workspace = new TopologyWorkspace();
		List<String> actual = new ArrayList<>();
		try (Stream<Path> files = Files.list(folder)) {
			for (Path file : files.filter(TopologyWorkspace::isTopologyFile).sorted().toList()) {
				for (Issue issue : workspace.validate(file)) {
					actual.add(file.getFileName() + ":" + issue.getLineNumber() + ":" + issue.getColumn() + ": "
							+ issue.getSeverity().name().toLowerCase() + " " + issue.getCode());
				}
			}
		}
		List<String> expected = Files.readAllLines(folder.resolve("expected-findings.txt")).stream()
				.map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).sorted().toList();
		assertEquals(expected, actual.stream().sorted().toList(), "findings of " + folder);
	}
}
