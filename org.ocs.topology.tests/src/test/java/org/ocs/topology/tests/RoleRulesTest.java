package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;

/** Roles on one computer (issue 10, item 3), by the product's supported collocation. */
class RoleRulesTest extends TopologyTestSupport {

	private static String topology(String product, String pools) {
		return (product == null ? "" : "topology T {\n    product " + product + "\n}\n")
				+ "site S {\n    server a.contoso.com\n    server b.contoso.com\n" + pools + "}\n";
	}

	private List<Issue> issues(String text) {
		return validation.validate(parse(text)).stream().filter(i -> "server-roles-collocated".equals(i.getCode())).toList();
	}

	private static final String FRONT_END_AND_MEDIATION = "    enterprise pool p.contoso.com {\n        front ends a.contoso.com\n    }\n"
			+ "    mediation pool m.contoso.com {\n        servers a.contoso.com\n    }\n";

	@Test
	void lync2010LetsAFrontEndCarryMediationAndR2DoesNot() {
		assertEquals(List.of(), issues(topology("lync2010", FRONT_END_AND_MEDIATION)));
		List<Issue> r2 = issues(topology("ocs2007r2", FRONT_END_AND_MEDIATION));
		assertEquals(2, r2.size(), "on the server in each pool's list: " + r2);
		assertTrue(r2.stream().allMatch(i -> i.getSeverity() == Severity.ERROR));
		List<Issue> unknown = issues(topology(null, FRONT_END_AND_MEDIATION));
		assertEquals(2, unknown.size());
		assertTrue(unknown.stream().allMatch(i -> i.getSeverity() == Severity.WARNING), "rests on the unstated product");
		assertTrue(unknown.get(0).getMessage().contains("Say the product in the topology header."), unknown.get(0).getMessage());
	}

	@Test
	void aDirectorOrGroupChatServerSharesItsComputerWithNothing() {
		List<Issue> director = issues(topology("lync2010", "    enterprise pool p.contoso.com {\n        front ends a.contoso.com\n"
				+ "    }\n    director pool d.contoso.com {\n        servers a.contoso.com\n    }\n"));
		assertEquals(2, director.size());
		assertTrue(director.get(0).getMessage().startsWith("Server a.contoso.com is a Front End of p.contoso.com and a Director of"
				+ " d.contoso.com: a Director shares its computer with no other role"), director.get(0).getMessage());
		assertEquals(2, issues(topology("lync2010", "    enterprise pool p.contoso.com {\n        front ends a.contoso.com\n"
				+ "    }\n    group chat pool g.contoso.com {\n        servers a.contoso.com\n    }\n")).size());
	}

	@Test
	void oneServerInTwoPoolsOfOneRole() {
		List<Issue> twice = issues(topology("lync2010", "    enterprise pool p.contoso.com {\n        front ends a.contoso.com\n"
				+ "    }\n    enterprise pool q.contoso.com {\n        front ends a.contoso.com, b.contoso.com\n    }\n"));
		assertEquals(2, twice.size());
		assertTrue(twice.get(0).getMessage().contains("a computer is a member of one pool of a role"), twice.get(0).getMessage());
	}
}
