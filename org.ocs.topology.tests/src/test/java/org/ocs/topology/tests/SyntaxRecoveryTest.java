package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.ocs.topology.topology.Model;
import org.ocs.topology.topology.TopologyPackage.Literals;

/** A syntax error is a finding with a position, and the rest of the file is still checked. */
class SyntaxRecoveryTest extends TopologyTestSupport {

	@Test
	void syntaxErrorIsAFindingWithLineAndColumn() {
		Model model = parse("""
				site Redmond {
				    subnet lan 192.0.2.0/24
				    server fe1.contoso.com {
				        interface 192.0.2.11 on lan garbage
				    }
				}
				""");
		List<Issue> issues = validation.validate(model);
		Issue syntax = issues.stream().filter(i -> "syntax-error".equals(i.getCode())).findFirst()
				.orElseThrow(() -> new AssertionError("no syntax-error in " + issues));
		assertEquals(4, syntax.getLineNumber());
		assertEquals(37, syntax.getColumn());
		assertTrue(syntax.getMessage().contains("garbage"), syntax.getMessage());
	}

	@Test
	void findingsAfterABrokenDeclarationAreStillReported() {
		Model model = parse("""
				site Redmond {
				    subnet lan 192.0.2.0/24
				    server fe1.contoso.com {
				        interface 192.0.2.11 on lan garbage here
				    }
				    server fe2.contoso.com {
				        interface 192.0.2.300 on lan
				        default gateway 198.51.100.1
				    }
				    server fe3.contoso.com {
				        interface 192.0.2.13 on lan
				        default gateway 203.0.113.1
				    }
				}
				""");
		validation.assertError(model, Literals.NETWORK_INTERFACE, "address-malformed", "192.0.2.300");
		validation.assertError(model, Literals.DEFAULT_GATEWAY, "gateway-not-on-link", "203.0.113.1",
				"fe3.contoso.com");
	}

	@Test
	void unknownCharactersAndUnclosedBlocksDoNotStopTheParser() {
		Model model = parse("""
				subnet lan 192.0.2.0/24 ยง
				server fe1.contoso.com {
				    interface 192.0.2.300 on lan
				""");
		List<Issue> issues = validation.validate(model);
		assertTrue(issues.stream().anyMatch(i -> "syntax-error".equals(i.getCode())), issues::toString);
		validation.assertError(model, Literals.NETWORK_INTERFACE, "address-malformed");
	}
}
