package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;

/** What the README shows a newcomer is real: its first example is clean, every snippet parses. */
class ReadmeTest extends TopologyTestSupport {

	private static final Pattern BLOCK = Pattern.compile("```ocstopo\\n(.*?)```", Pattern.DOTALL);

	private static List<String> blocks() throws IOException {
		Matcher matcher = BLOCK.matcher(Files.readString(repositoryRoot().resolve("README.md")));
		List<String> blocks = new ArrayList<>();
		while (matcher.find()) {
			blocks.add(matcher.group(1));
		}
		assertTrue(blocks.size() >= 8, "README ocstopo blocks: " + blocks.size());
		return blocks;
	}

	@Test
	void theOpeningExampleIsCompleteAndShowsTheMpopOutage() throws IOException {
		String example = blocks().get(0);
		assertTrue(example.lines().count() <= 36, "the opening example stays short");
		List<String> codes = validation.validate(parse(example)).stream().map(Issue::getCode).toList();
		assertEquals(List.of("lookup-over-mpop"), codes);
	}

	@Test
	void everyReferenceSnippetIsValidSyntax() throws IOException {
		for (String snippet : blocks()) {
			List<Issue> syntax = validation.validate(parse(snippet)).stream()
					.filter(i -> "syntax-error".equals(i.getCode())).collect(Collectors.toList());
			assertEquals(List.of(), syntax, snippet);
		}
	}
}
