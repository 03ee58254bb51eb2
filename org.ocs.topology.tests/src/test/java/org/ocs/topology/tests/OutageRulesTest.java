package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.ocs.topology.topology.Model;
import org.ocs.topology.topology.TopologyPackage.Literals;

/** The Lookup account against MPOP, and the other pool, Group Chat, balancer and DNS rules. */
class OutageRulesTest extends TopologyTestSupport {

	private static String topology(String product, String body) {
		return "topology T {\n    product " + product + "\n}\n" + body;
	}

	/** A Lync pool in site S with a Group Chat pool of {@code servers} sharing ocschat. */
	private static String groupChat(int servers, String extra) {
		StringBuilder text = new StringBuilder("site S {\n    enterprise pool p.contoso.com {\n    }\n");
		StringBuilder members = new StringBuilder();
		for (int i = 1; i <= servers; i++) {
			text.append("    server gc").append(i).append(".contoso.com\n");
			members.append(i > 1 ? ", " : "").append("gc").append(i).append(".contoso.com");
		}
		text.append("    group chat pool chat {\n        servers ").append(members)
				.append("\n        lookup account sip:ocschat@contoso.com homed on p.contoso.com").append(extra)
				.append("\n    }\n}\n");
		return text.toString();
	}

	private List<String> codes(Model model) {
		return validation.validate(model).stream().map(Issue::getCode).toList();
	}

	@Test
	void lookupOverGlobalMpopSitsOnTheGlobalSetting() {
		Model model = parse(topology("lync2010", "registrar global {\n    max endpoints per user 1\n}\n" + groupChat(2, "")));
		validation.assertError(model, Literals.REGISTRAR_SETTING, "lookup-over-mpop", "sip:ocschat@contoso.com",
				"2 registrations", "gc1.contoso.com, gc2.contoso.com", "is 1 endpoint per user (the global setting)",
				"5282/5283", "limit on number of incoming connections per user was exceeded");
		assertEquals(List.of("lookup-over-mpop"), codes(model));
		validation.assertNoIssues(parse(topology("lync2010", "registrar global {\n    max endpoints per user 2\n}\n" + groupChat(2, ""))));
	}

	@Test
	void theMostSpecificScopeGoverns() {
		String settings = "registrar global {\n    max endpoints per user 8\n}\nregistrar site S {\n    max endpoints per user 1\n}\n";
		Model siteGoverns = parse(topology("lync2010", settings + groupChat(2, "")));
		validation.assertError(siteGoverns, Literals.REGISTRAR_SETTING, "lookup-over-mpop", "the site setting of S");
		Model poolGoverns = parse(topology("lync2010", settings
				+ "registrar pool p.contoso.com {\n    max endpoints per user 3\n}\n" + groupChat(3, "")));
		validation.assertNoIssues(poolGoverns);
		Model poolTooLow = parse(topology("lync2010", settings
				+ "registrar pool p.contoso.com {\n    max endpoints per user 2\n}\n" + groupChat(3, "")));
		validation.assertError(poolTooLow, Literals.REGISTRAR_SETTING, "lookup-over-mpop",
				"the pool setting of p.contoso.com", "3 registrations");
	}

	@Test
	void ocs2007R2HasOnlyTheForestWideSetting() {
		// The site setting cannot exist in R2: the global one governs, and the site one is its own error.
		Model model = parse(topology("ocs2007r2", "registrar global {\n    max endpoints per user 1\n}\n"
				+ "registrar site S {\n    max endpoints per user 8\n}\n" + groupChat(2, "")));
		validation.assertError(model, Literals.REGISTRAR_SETTING, "lookup-over-mpop", "the global setting");
		validation.assertError(model, Literals.REGISTRAR_SETTING, "registrar-scope-unsupported");
	}

	@Test
	void otherEndpointsCountAndTheDefaultGovernsOnTheAccount() {
		Model model = parse(topology("lync2010", groupChat(3, " plus 6 other endpoints")));
		validation.assertError(model, Literals.LOOKUP_ACCOUNT, "lookup-over-mpop", "9 registrations",
				"plus 6 other", "the product default");
		validation.assertNoIssues(parse(topology("lync2010", groupChat(3, " plus 5 other endpoints"))));
	}

	@Test
	void moreRegistrationsThanAnyLimitAllowSaySoInsteadOfARaise() {
		Model model = parse(topology("lync2010", groupChat(2, " plus 70 other endpoints")));
		validation.assertError(model, Literals.LOOKUP_ACCOUNT, "lookup-over-mpop", "72 registrations",
				"No limit can be that high (the registrar accepts at most 64)");
		String message = validation.validate(model).get(0).getMessage();
		org.junit.jupiter.api.Assertions.assertFalse(message.contains("Raise it"), message);
	}

	@Test
	void groupChatPoolsSharingTheAccountAddUp() {
		String second = "group chat pool chat2 {\n    servers gc3.contoso.com\n"
				+ "    lookup account sip:OCSChat@contoso.com homed on p.contoso.com\n}\nserver gc3.contoso.com\n";
		Model model = parse(topology("lync2010", "registrar global {\n    max endpoints per user 2\n}\n"
				+ groupChat(2, "") + second));
		validation.assertError(model, Literals.REGISTRAR_SETTING, "lookup-over-mpop", "3 registrations",
				"gc1.contoso.com, gc2.contoso.com, gc3.contoso.com");
	}

	@Test
	void groupChatServerLimitAndDatabasePlacement() {
		validation.assertError(parse(topology("lync2010", groupChat(4, ""))), Literals.GROUP_CHAT_POOL,
				"groupchat-servers-over-limit", "4 Group Chat servers", "at most 3");
		validation.assertNoIssues(parse(topology("lync2010", groupChat(3, ""))));
		Model colocated = parse("server gc1.contoso.com\ngroup chat pool chat {\n    servers gc1.contoso.com\n"
				+ "    database gc1.contoso.com\n}\n");
		validation.assertError(colocated, Literals.GROUP_CHAT_POOL, "groupchat-database-colocated", "gc1.contoso.com");
		validation.assertNoIssues(parse("server gc1.contoso.com\nserver sql.contoso.com\ngroup chat pool chat {\n"
				+ "    servers gc1.contoso.com\n    database sql.contoso.com\n}\n"));
	}

	private static final String R2_POOL = """
			server fe1.contoso.com
			server fe2.contoso.com
			enterprise pool p.contoso.com {
			    front ends fe1.contoso.com, fe2.contoso.com
			    %s
			}
			load balancer f5 {
			    virtual server vip 203.0.113.10 {
			        %s
			        members pool p.contoso.com
			        %s
			    }
			}
			""";

	@Test
	void r2PoolsNeedAHardwareBalancerWithTheirPortsAndSnat() {
		Model dns = parse(topology("ocs2007r2", R2_POOL.formatted("load balanced by dns", "ports tcp 5061, 135, 443, 444",
				"source translation automap")));
		validation.assertError(dns, Literals.ENTERPRISE_POOL, "hardware-lb-required", "2 Front Ends");
		Model ports = parse(topology("ocs2007r2", R2_POOL.formatted("load balanced by vip vip", "ports tcp 5061, 443",
				"source translation automap")));
		validation.assertError(ports, Literals.STANDARD_VIRTUAL_SERVER, "vip-ports-missing", "135 (DCOM)",
				"444 (focus to conferencing servers)");
		Model sourceKept = parse(topology("ocs2007r2", R2_POOL.formatted("load balanced by vip vip",
				"ports tcp 5061, 135, 443, 444", "source translation none")));
		validation.assertWarning(sourceKept, Literals.SOURCE_TRANSLATION, "pool-vip-source-kept", "only SNAT");
		validation.assertNoIssues(parse(topology("ocs2007r2", R2_POOL.formatted("load balanced by vip vip",
				"ports tcp 5061, 135, 443, 444", "source translation automap"))));
		// Lync 2010 pools may be DNS balanced, with their web services (443 and 80) on a VIP.
		validation.assertNoIssues(parse(topology("lync2010", R2_POOL.formatted(
				"load balanced by dns\n    web services web.contoso.com on vip vip", "ports tcp 443, 80", ""))));
	}

	/** Lync 2010's lists: Front End pool VIP, Director pool VIP, web services VIP with DNS balancing or of its own. */
	@Test
	void lync2010PoolVipsNeedTheirPorts() {
		validation.assertError(parse(topology("lync2010", R2_POOL.formatted("load balanced by vip vip", "ports tcp 5061, 443", ""))),
				Literals.STANDARD_VIRTUAL_SERVER, "vip-ports-missing",
				"Virtual server vip of Lync Server 2010 Front End pool p.contoso.com does not carry TCP 444 (focus to"
						+ " conferencing servers), 135 (DCOM), 80 (HTTP web services)");
		validation.assertNoIssues(parse(topology("lync2010", R2_POOL.formatted("load balanced by vip vip",
				"ports tcp 5061, 444, 135, 443, 80", ""))));
		validation.assertError(parse(topology("lync2010", R2_POOL.formatted(
				"load balanced by dns\n    web services web.contoso.com on vip vip", "ports tcp 443", ""))),
				Literals.STANDARD_VIRTUAL_SERVER, "vip-ports-missing", "the web services of Lync Server 2010 Front End pool",
				"80 (HTTP web services)");
		String director = """
				server dir1.contoso.com
				server dir2.contoso.com
				director pool d.contoso.com {
				    servers dir1.contoso.com, dir2.contoso.com
				    load balanced by vip vip
				}
				load balancer f5 {
				    virtual server vip 203.0.113.10 {
				        %s
				        members pool d.contoso.com
				    }
				}
				""";
		validation.assertError(parse(topology("lync2010", director.formatted("ports tcp 5061"))), Literals.STANDARD_VIRTUAL_SERVER,
				"vip-ports-missing", "Lync Server 2010 Director pool d.contoso.com does not carry TCP 443 (HTTPS web services),"
						+ " 444 (Director to Front End)");
		validation.assertNoIssues(parse(topology("lync2010", director.formatted("ports tcp 5061, 443, 444"))));
		// Web services on a VIP of their own: the web ports there, the rest on the pool VIP.
		String split = R2_POOL.formatted("load balanced by vip vip\n    web services web.contoso.com on vip web",
				"ports tcp 5061, 444, 135", "").replace("load balancer f5 {\n",
						"load balancer f5 {\n    virtual server web 203.0.113.11 {\n        ports tcp 443\n"
								+ "        members pool p.contoso.com\n    }\n");
		List<org.eclipse.xtext.validation.Issue> issues = validation.validate(parse(topology("lync2010", split)));
		assertEquals(1, issues.size(), issues.toString());
		assertTrue(issues.get(0).getMessage().startsWith("Virtual server web of the web services of Lync Server 2010 Front End"
				+ " pool p.contoso.com does not carry TCP 80 (HTTP web services)"), issues.get(0).getMessage());
	}

	@Test
	void aPoolAndItsVipInDifferentFilesAreCheckedTogether() {
		String pool = "topology T {\n    product ocs2007r2\n}\nserver fe1.contoso.com\nserver fe2.contoso.com\n"
				+ "enterprise pool p.contoso.com {\n    front ends fe1.contoso.com, fe2.contoso.com\n"
				+ "    load balanced by vip vip\n}\n";
		String balancer = "load balancer f5 {\n    virtual server vip 203.0.113.10 {\n        ports tcp 5061, 443\n"
				+ "        members pool p.contoso.com\n    }\n}\n";
		List<Model> folder = parseFolder(pool, balancer);
		validation.assertNoIssues(folder.get(0));
		validation.assertError(folder.get(1), Literals.STANDARD_VIRTUAL_SERVER, "vip-ports-missing", "135", "444");
		validation.assertWarning(folder.get(1), Literals.STANDARD_VIRTUAL_SERVER, "pool-vip-source-kept");
	}

	@Test
	void lync2010DnsBalancedPoolsNeedWebServicesOnAVip() {
		Model model = parse(topology("lync2010", R2_POOL.formatted("load balanced by dns", "ports tcp 443", "")));
		validation.assertError(model, Literals.DNS_LOAD_BALANCING, "dns-lb-web-services-missing", "p.contoso.com");
	}

	@Test
	void lync2010PoolsHaveAtMostTenFrontEnds() {
		StringBuilder servers = new StringBuilder();
		StringBuilder members = new StringBuilder();
		for (int i = 1; i <= 11; i++) {
			servers.append("server fe").append(i).append(".contoso.com\n");
			members.append(i > 1 ? ", " : "").append("fe").append(i).append(".contoso.com");
		}
		String pool = servers + "enterprise pool p.contoso.com {\n    front ends " + members + "\n}\n";
		validation.assertError(parse(topology("lync2010", pool)), Literals.ENTERPRISE_POOL, "frontends-over-limit", "11");
		String ten = pool.replace(", fe11.contoso.com", "");
		validation.assertNoIssues(parse(topology("lync2010", ten)));
	}

	@Test
	void balancerIdleTimeout() {
		validation.assertWarning(parse("load balancer f5 {\n    tcp idle timeout 300\n}\n"), Literals.LOAD_BALANCER,
				"lb-idle-timeout-short", "300 s", "1800");
		validation.assertNoIssues(parse("load balancer f5 {\n    tcp idle timeout 1800\n}\n"));
	}

	@Test
	void oneSipInternalTlsRecordPerDomain() {
		Model model = parse("dns {\n    SRV _sipinternaltls._tcp.contoso.com -> a.contoso.com port 5061\n"
				+ "    SRV _sipinternaltls._tcp.contoso.com -> b.contoso.com port 5061\n"
				+ "    SRV _sipinternaltls._tcp.fabrikam.com -> a.contoso.com port 5061\n}\n");
		validation.assertError(model, Literals.SRV_RECORD, "sipinternaltls-srv-multiple", "contoso.com",
				"a.contoso.com, b.contoso.com");
		assertEquals(2, validation.validate(model).size(), "one finding per record of contoso.com, none for fabrikam.com");
	}

	@Test
	void balancerGatewaysMustBeOnLink() {
		Model model = parse("subnet lan 192.0.2.0/24\nload balancer f5 {\n    self ip 192.0.2.2 on lan\n"
				+ "    default gateway 198.51.100.1\n}\n");
		validation.assertError(model, Literals.DEFAULT_GATEWAY, "gateway-not-on-link", "load balancer f5");
	}
}
