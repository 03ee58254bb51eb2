package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.ocs.topology.topology.Model;

/** Messages in the user's words (issue 10, item 7): what was expected in the language's terms, one cause one finding. */
class SyntaxMessagesTest extends TopologyTestSupport {

	private static final List<String> GRAMMAR_INTERNALS = List.of("RULE_", "missing EOF", "no viable alternative",
			"required (...)+", "mismatched input", "extraneous input", "EOF");

	private List<Issue> issues(String text) {
		return validation.validate(parse(text));
	}

	@Test
	void noSyntaxMessageShowsTheGrammarsInternals() {
		List<String> broken = List.of("server fe1.contoso.com {\n    interface on lan\n}\n",
				"registrar global {\n    max endpoints per user\n}\n",
				"load balancer lb {\n    virtual server v 10.0.2.10 {\n        ports tcp\n    }\n}\n",
				"subnet lan 10.0.1.0/24 }\n", "server fe1.contoso.com {\n", "server {\n}\n",
				"dns {\n    SRV _sipinternaltls._tcp.contoso.com -> pool.contoso.com port\n}\n",
				"topology T {\n    product lync2013\n}\n", "site S {\n    subnet\n}\n");
		for (String text : broken) {
			List<Issue> syntax = issues(text).stream().filter(i -> "syntax-error".equals(i.getCode())).toList();
			assertFalse(syntax.isEmpty(), "a syntax error in: " + text);
			for (Issue issue : syntax) {
				for (String internal : GRAMMAR_INTERNALS) {
					assertFalse(issue.getMessage().contains(internal), issue.getMessage() + "\nfor:\n" + text);
				}
			}
		}
	}

	/** 'SNAT' in capitals: one finding, listing the words that may follow, not a cascade about the half-read virtual server. */
	@Test
	void aWordInTheWrongCaseIsOneFindingListingTheAllowedWords() {
		List<Issue> found = issues("topology T {\n    product ocs2007r2\n}\nsubnet lan 10.0.1.0/24\n"
				+ "enterprise pool pool01.contoso.com {\n    load balanced by vip vip\n}\n"
				+ "load balancer lb {\n    self ip 10.0.1.2 on lan\n    virtual server vip 10.0.1.10 {\n"
				+ "        ports tcp 5061, 135, 443, 444\n        members pool pool01.contoso.com\n"
				+ "        source translation SNAT\n    }\n}\n");
		assertEquals(List.of("syntax-error"), found.stream().map(Issue::getCode).toList(), found.toString());
		assertEquals("'SNAT' is not one of the words that can follow here: write 'none', 'automap' or 'snat'."
				+ " Keywords are lower case: write 'snat'.", found.get(0).getMessage());
	}

	@Test
	void aKeywordInCapitalsIsNamedInLowerCase() {
		Issue first = issues("Server fe1.contoso.com\n").get(0);
		assertTrue(first.getMessage().endsWith("Keywords are lower case: write 'server'."), first.getMessage());
	}

	@Test
	void aNetmaskWhereThePrefixBelongsIsToldAsItsPrefixLength() {
		List<Issue> found = issues("subnet lan 10.0.1.0/255.255.255.0\n");
		assertEquals(List.of("prefix-out-of-range"), found.stream().map(Issue::getCode).toList());
		assertEquals("10.0.1.0/255.255.255.0 (subnet lan) gives the netmask 255.255.255.0 where a prefix length belongs:"
				+ " write /24.", found.get(0).getMessage());
		assertTrue(issues("subnet lan 10.0.1.0/255.0.255.0\n").get(0).getMessage().contains("which is no netmask"));
	}

	/** Files are named as written: "my pools.ocstopo", not "my%20pools.ocstopo". */
	@Test
	void alsoAtNamesFilesAsWritten() throws Exception {
		org.eclipse.xtext.resource.XtextResourceSet set = resourceSets.get();
		Model first = parseHelper.parse("subnet lan 10.0.1.0/24\n",
				org.eclipse.emf.common.util.URI.createFileURI("/work/test/names/first.ocstopo"), set);
		Model second = parseHelper.parse("subnet lan 10.0.1.0/24\n",
				org.eclipse.emf.common.util.URI.createFileURI("/work/test/names/my pools.ocstopo"), set);
		assertTrue(second.eResource().getURI().toString().contains("my%20pools"), "the URI is encoded");
		String message = validation.validate(first).stream().filter(i -> "name-duplicate".equals(i.getCode()))
				.findFirst().orElseThrow().getMessage();
		assertTrue(message.contains("also at my pools.ocstopo:1"), message);
	}
}
