package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;

/**
 * Registrar scopes and the Lookup account's home (issue 10, item 4): each mistake is one finding of
 * its own rule, never also an MPOP verdict built on it.
 */
class RegistrarRulesTest extends TopologyTestSupport {

	private static final String HEADER = "topology Contoso {\n    product lync2010\n}\n";

	private List<String> codes(String text) {
		return validation.validate(parse(text)).stream().map(Issue::getCode).toList();
	}

	private List<String> codes(String... files) {
		return parseFolder(files).stream().flatMap(m -> validation.validate(m).stream()).map(Issue::getCode).sorted().toList();
	}

	/** A Lync 2010 Director runs the Registrar: a pool setting for it is valid, not an unknown name. */
	@Test
	void aDirectorIsARegistrarScope() {
		assertEquals(List.of(), codes(HEADER + "site S {\n    director pool dir.contoso.com {\n    }\n}\n"
				+ "registrar pool dir.contoso.com {\n    max endpoints per user 4\n}\n"));
	}

	@Test
	void aLookupAccountOnADirectorIsToldAsSuchAndNotCounted() {
		List<Issue> issues = validation.validate(parse(HEADER + "registrar global {\n    max endpoints per user 1\n}\n"
				+ "site S {\n    director pool dir.contoso.com {\n    }\n    server gc1.contoso.com\n    server gc2.contoso.com\n"
				+ "    group chat pool gc.contoso.com {\n        servers gc1.contoso.com, gc2.contoso.com\n"
				+ "        lookup account sip:ocschat@contoso.com homed on dir.contoso.com\n    }\n}\n"));
		assertEquals(List.of("lookup-home-not-registrar"), issues.stream().map(Issue::getCode).toList());
		assertTrue(issues.get(0).getMessage().contains("a Director authenticates users and sends them on to their home pool,"
				+ " but homes none"), issues.get(0).getMessage());
	}

	/** Homed on two pools: both uses are told, whatever their order, and no MPOP count is judged. */
	@Test
	void twoHomesForOneAccountAreBothReported() {
		String pools = "site S {\n    enterprise pool a.contoso.com {\n    }\n    enterprise pool b.contoso.com {\n    }\n"
				+ "    server gc1.contoso.com\n    server gc2.contoso.com\n}\nregistrar global {\n    max endpoints per user 1\n}\n";
		String first = "group chat pool gc1p.contoso.com {\n    servers gc1.contoso.com\n"
				+ "    lookup account sip:ocschat@contoso.com homed on a.contoso.com plus 1 other endpoint\n}\n";
		String second = "group chat pool gc2p.contoso.com {\n    servers gc2.contoso.com\n"
				+ "    lookup account sip:OCSchat@contoso.com homed on b.contoso.com\n}\n";
		List<String> expected = List.of("lookup-home-conflict", "lookup-home-conflict");
		assertEquals(expected, codes(pools, first, second));
		assertEquals(expected, codes(pools, second, first));
	}

	@Test
	void aScopeWrittenTwiceIsReportedOnEachCopyAndNotJudgedForMpop() {
		String chat = "site S {\n    enterprise pool a.contoso.com {\n    }\n    server gc1.contoso.com\n    server gc2.contoso.com\n"
				+ "    group chat pool gc.contoso.com {\n        servers gc1.contoso.com, gc2.contoso.com\n"
				+ "        lookup account sip:ocschat@contoso.com homed on a.contoso.com\n    }\n}\n";
		assertEquals(List.of("registrar-setting-duplicate", "registrar-setting-duplicate"),
				codes(chat, "registrar global {\n    max endpoints per user 1\n}\n",
						"registrar global {\n    max endpoints per user 8\n}\n"));
	}

	/** An MPOP value the registrar refuses is one finding; the limit in force is then unknown, not 0. */
	@Test
	void anOutOfRangeLimitIsReportedOnce() {
		assertEquals(List.of("mpop-out-of-range"), codes("registrar global {\n    max endpoints per user 0\n}\n"
				+ "site S {\n    enterprise pool a.contoso.com {\n    }\n    server gc1.contoso.com\n"
				+ "    group chat pool gc.contoso.com {\n        servers gc1.contoso.com\n"
				+ "        lookup account sip:ocschat@contoso.com homed on a.contoso.com\n    }\n}\n"));
	}

	@Test
	void aRegistrarSettingForAMediationPoolAppliesToNothing() {
		assertEquals(List.of("registrar-pool-not-registrar"), codes(HEADER + "site S {\n    mediation pool med.contoso.com {\n"
				+ "    }\n}\nregistrar pool med.contoso.com {\n    max endpoints per user 4\n}\n"));
	}

	/** A site written in two files is one site, and its setting governs the pools of both blocks. */
	@Test
	void aSiteInSeveralFilesIsOneSite() {
		String pool = "site S {\n    enterprise pool a.contoso.com {\n    }\n}\nregistrar site S {\n    max endpoints per user 1\n}\n";
		String chat = "site S {\n    server gc1.contoso.com\n    server gc2.contoso.com\n"
				+ "    group chat pool gc.contoso.com {\n        servers gc1.contoso.com, gc2.contoso.com\n"
				+ "        lookup account sip:ocschat@contoso.com homed on a.contoso.com\n    }\n}\n";
		assertEquals(List.of("lookup-over-mpop"), codes(HEADER + pool, chat));
	}

	/**
	 * A home pool outside every site block, where a site has its own setting: the verdict depends on
	 * the pool's site, which the topology does not say. A warning naming the assumption, not a
	 * silent pass (the site's limit of 1 is exceeded) nor an error.
	 */
	@Test
	void aHomePoolOutsideEverySiteIsJudgedUnderEachSiteAndToldAsAnAssumption() {
		String text = HEADER + "site S {\n    server gc1.contoso.com\n    server gc2.contoso.com\n}\n"
				+ "enterprise pool a.contoso.com {\n}\n"
				+ "registrar global {\n    max endpoints per user 8\n}\nregistrar site S {\n    max endpoints per user 1\n}\n"
				+ "group chat pool gc.contoso.com {\n    servers gc1.contoso.com, gc2.contoso.com\n"
				+ "    lookup account sip:ocschat@contoso.com homed on a.contoso.com\n}\n";
		List<Issue> issues = validation.validate(parse(text));
		assertEquals(List.of("lookup-over-mpop"), issues.stream().map(Issue::getCode).toList());
		assertEquals(org.eclipse.xtext.diagnostics.Severity.WARNING, issues.get(0).getSeverity());
		assertTrue(issues.get(0).getMessage().contains("the limit is exceeded if the pool is in site S, not if it is in no"
				+ " site"), issues.get(0).getMessage());
	}

	/** Exceeded under two sites' settings: told with the lowest, on its setting, whatever order the settings are in. */
	@Test
	void theLimitToldDoesNotDependOnTheOrderOfTheSettings() {
		String chat = HEADER + "site S {\n    server gc1.contoso.com\n    server gc2.contoso.com\n    server gc3.contoso.com\n}\n"
				+ "site T {\n}\nenterprise pool a.contoso.com {\n}\nregistrar global {\n    max endpoints per user 8\n}\n"
				+ "group chat pool gc.contoso.com {\n    servers gc1.contoso.com, gc2.contoso.com, gc3.contoso.com\n"
				+ "    lookup account sip:ocschat@contoso.com homed on a.contoso.com\n}\n";
		String s1 = "registrar site S {\n    max endpoints per user 1\n}\n";
		String t2 = "registrar site T {\n    max endpoints per user 2\n}\n";
		for (List<String> order : List.of(List.of(s1, t2), List.of(t2, s1))) {
			List<Issue> issues = parseFolder(chat, order.get(0), order.get(1)).stream()
					.flatMap(m -> validation.validate(m).stream()).toList();
			assertEquals(1, issues.size(), issues.toString());
			assertTrue(issues.get(0).getMessage().contains("is 1 endpoint per user (the site setting of S)"),
					issues.get(0).getMessage());
		}
	}

	private static final String CHAT = "site S {\n    enterprise pool a.contoso.com {\n    }\n    server gc1.contoso.com\n"
			+ "    group chat pool gc.contoso.com {\n        servers gc1.contoso.com\n"
			+ "        lookup account sip:ocschat@%s homed on a.contoso.com\n    }\n}\n";

	/** The account's domain against the header's list, across files and without regard to case. */
	@Test
	void aLookupAccountOutsideTheSipDomainsIsReported() {
		String header = "topology Contoso {\n    product lync2010\n    sip domains contoso.com, Fabrikam.com\n}\n";
		assertEquals(List.of("lookup-uri-domain"), codes(header, CHAT.formatted("contoso.co")));
		assertEquals(List.of(), codes(header, CHAT.formatted("fabrikam.COM")));
		List<Issue> issues = validation.validate(parse(header + CHAT.formatted("contoso.co")));
		assertTrue(issues.get(0).getMessage().startsWith("Lookup account sip:ocschat@contoso.co is in SIP domain contoso.co,"
				+ " which is not one of the topology's SIP domains (contoso.com, Fabrikam.com)"), issues.get(0).getMessage());
	}

	/** Nothing written, nothing assumed: without a sip domains line no domain is judged. */
	@Test
	void withoutSipDomainsNoAccountDomainIsJudged() {
		assertEquals(List.of(), codes(HEADER, CHAT.formatted("anything.example")));
	}
}
