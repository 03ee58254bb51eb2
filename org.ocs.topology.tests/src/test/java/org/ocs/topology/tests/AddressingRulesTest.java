package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import org.apache.log4j.Level;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.testing.logging.LoggingTester;
import org.eclipse.xtext.validation.ResourceValidatorImpl;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.ocs.topology.rules.language.RepeatableSettings;
import org.ocs.topology.services.TopologyGrammarAccess;
import org.ocs.topology.topology.Model;
import org.ocs.topology.topology.TopologyPackage.Literals;
import org.ocs.topology.validation.TopologyValidator;

import com.google.inject.Inject;

/**
 * Each addressing rule failing and passing. Failing cases assert the rule ID, the kind of object
 * the finding sits on and the words that name the objects; passing cases assert the rule is silent.
 */
class AddressingRulesTest extends TopologyTestSupport {

	@Inject
	private TopologyGrammarAccess grammar;

	/** A server on subnet "lan" whose interface, gateway and route lines are given. */
	private Model server(String body) {
		return parse("""
				subnet lan 192.0.2.0/24
				subnet dmz 198.51.100.0/24
				server fe1.contoso.com {
				%s
				}
				""".formatted(body));
	}

	@Test
	void addressMalformed() {
		Model model = server("interface 192.168.1.300 on lan");
		validation.assertError(model, Literals.NETWORK_INTERFACE, "address-malformed", "192.168.1.300",
				"interface of server fe1.contoso.com", "part 300");
		validation.assertError(parse("dns {\n A x.contoso.com -> 10.0.1\n}"), Literals.ARECORD, "address-malformed",
				"has 3 parts");
		validation.assertError(server("interface 192.0.2.010 on lan"), Literals.NETWORK_INTERFACE,
				"address-malformed", "octal");
		validation.assertNoIssues(server("interface 192.0.2.10 on lan"));
	}

	@Test
	void prefixOutOfRange() {
		validation.assertError(parse("subnet lan 192.0.2.0/33"), Literals.SUBNET, "prefix-out-of-range", "/33",
				"subnet lan", "0 to 32");
		validation.assertNoIssues(parse("subnet lan 192.0.2.0/32"));
	}

	@Test
	void prefixMissing() {
		validation.assertError(parse("subnet lan 192.0.2.0"), Literals.SUBNET, "prefix-missing", "subnet lan");
		validation.assertError(server("interface 203.0.113.5"), Literals.NETWORK_INTERFACE, "prefix-missing",
				"203.0.113.5", "fe1.contoso.com", "no prefix length and no subnet");
		validation.assertError(server("interface 192.0.2.10 on lan\nroute 10.9.0.0 via 192.0.2.1"),
				Literals.STATIC_ROUTE, "prefix-missing", "route destination");
		validation.assertNoIssues(server("interface 203.0.113.5/24"));
		validation.assertNoIssues(server("interface 192.0.2.10 on lan\nroute 10.9.0.0/16 via 192.0.2.1"));
	}

	@Test
	void snatAddressesAreCheckedOnEveryKindOfVirtualServer() {
		Model model = parse("load balancer f5 {\n    forwarding virtual server f1 {\n"
				+ "        source translation snat 10.0.1.300, 10.0.1.60/24\n    }\n}\n");
		validation.assertError(model, Literals.SOURCE_TRANSLATION, "address-malformed", "forwarding virtual server f1");
		validation.assertError(model, Literals.SOURCE_TRANSLATION, "prefix-unexpected", "10.0.1.60/24");
	}

	@Test
	void prefixUnexpected() {
		validation.assertError(server("interface 192.0.2.10 on lan\ndefault gateway 192.0.2.1/24"),
				Literals.DEFAULT_GATEWAY, "prefix-unexpected", "192.0.2.1/24", "default gateway", "write 192.0.2.1");
		validation.assertNoIssues(server("interface 192.0.2.10 on lan\ndefault gateway 192.0.2.1"));
	}

	@Test
	void subnetHostBits() {
		Model model = parse("subnet lan 192.0.2.5/24");
		validation.assertWarning(model, Literals.SUBNET, "subnet-host-bits", "subnet lan", "192.0.2.0/24");
		assertOnlySeverity(model, "subnet-host-bits", Severity.WARNING);
		validation.assertNoIssues(parse("subnet lan 192.0.2.0/24"));
	}

	@Test
	void addressOutsideSubnet() {
		validation.assertError(server("interface 198.51.100.7 on lan"), Literals.NETWORK_INTERFACE,
				"address-outside-subnet", "198.51.100.7", "server fe1.contoso.com", "subnet lan (192.0.2.0/24)");
		validation.assertError(parse("subnet lan 192.0.2.0/24\nload balancer f5 {\n self ip 198.51.100.2 on lan\n}"),
				Literals.SELF_IP, "address-outside-subnet", "self IP 198.51.100.2 of load balancer f5");
		validation.assertNoIssues(server("interface 198.51.100.7 on dmz"));
	}

	@Test
	void prefixMismatch() {
		validation.assertError(server("interface 192.0.2.10/25 on lan"), Literals.NETWORK_INTERFACE,
				"prefix-mismatch", "/25", "192.0.2.0/24");
		validation.assertNoIssues(server("interface 192.0.2.10/24 on lan"));
	}

	@Test
	void addressNotHost() {
		validation.assertError(server("interface 192.0.2.255 on lan"), Literals.NETWORK_INTERFACE,
				"address-not-host", "broadcast");
		validation.assertError(server("interface 192.0.2.0/24"), Literals.NETWORK_INTERFACE, "address-not-host");
		validation.assertNoIssues(server("interface 192.0.2.254 on lan"));
		validation.assertNoIssues(server("interface 192.0.2.0/31"));
	}

	@Test
	void gatewayNotOnLink() {
		validation.assertError(server("interface 192.0.2.10 on lan\ndefault gateway 198.51.100.1"),
				Literals.DEFAULT_GATEWAY, "gateway-not-on-link", "198.51.100.1", "fe1.contoso.com", "192.0.2.0/24");
		validation.assertError(server("interface 192.0.2.10 on lan\nroute 10.0.0.0/8 via 198.51.100.1"),
				Literals.STATIC_ROUTE, "gateway-not-on-link", "Next hop 198.51.100.1");
		validation.assertNoIssues(server("interface 192.0.2.10 on lan\ninterface 198.51.100.10 on dmz\n"
				+ "default gateway 198.51.100.1\nroute 10.0.0.0/8 via 192.0.2.1"));
	}

	@Test
	void gatewayMultiple() {
		Model model = server("interface 192.0.2.10 on lan\ninterface 198.51.100.10 on dmz\n"
				+ "default gateway 192.0.2.1\ndefault gateway 198.51.100.1");
		validation.assertWarning(model, Literals.DEFAULT_GATEWAY, "gateway-multiple", "2 default gateways",
				"192.0.2.1, 198.51.100.1");
		List<Issue> issues = validation.validate(model);
		assertEquals(1, issues.stream().filter(i -> "gateway-multiple".equals(i.getCode())).count(),
				"one finding, on the extra gateway");
		validation.assertNoIssues(server("interface 192.0.2.10 on lan\ndefault gateway 192.0.2.1"));
	}

	@Test
	void addressDuplicateAcrossServersSelfIpsAndVips() {
		Model model = parse("""
				subnet lan 192.0.2.0/24
				server fe1.contoso.com {
				    interface 192.0.2.10 on lan
				}
				server fe2.contoso.com {
				    interface 192.0.2.10 on lan
				}
				load balancer f5 {
				    self ip 192.0.2.2 on lan
				    virtual server a 192.0.2.2 {
				    }
				}
				""");
		validation.assertError(model, Literals.NETWORK_INTERFACE, "address-duplicate", "192.0.2.10",
				"server fe1.contoso.com", "server fe2.contoso.com");
		validation.assertError(model, Literals.SELF_IP, "address-duplicate", "192.0.2.2", "virtual server a");
		validation.assertError(model, Literals.STANDARD_VIRTUAL_SERVER, "address-duplicate", "self IP 192.0.2.2");
		assertEquals(4, validation.validate(model).stream().filter(i -> "address-duplicate".equals(i.getCode())).count());
	}

	@Test
	void virtualServersOfOneBalancerShareTheirVip() {
		validation.assertNoIssues(parse("""
				load balancer f5 {
				    virtual server pool-sip 203.0.113.10 {
				        ports tcp 5061
				    }
				    virtual server pool-web 203.0.113.10 {
				        ports tcp 443
				    }
				}
				"""));
		Model twoBalancers = parse("""
				load balancer f5a {
				    virtual server x 203.0.113.10 {
				    }
				}
				load balancer f5b {
				    virtual server y 203.0.113.10 {
				    }
				}
				""");
		validation.assertError(twoBalancers, Literals.STANDARD_VIRTUAL_SERVER, "address-duplicate", "load balancer f5b");
	}

	@Test
	void nameDuplicate() {
		Model model = parse("""
				server fe1.contoso.com
				server fe1.contoso.com
				subnet lan 192.0.2.0/24
				subnet lan 198.51.100.0/24
				enterprise pool p.contoso.com {
				}
				director pool p.contoso.com {
				}
				""");
		validation.assertError(model, Literals.SERVER, "name-duplicate", "server fe1.contoso.com", "file0.ocstopo:2");
		validation.assertError(model, Literals.SUBNET, "name-duplicate", "subnet lan");
		validation.assertError(model, Literals.DIRECTOR_POOL, "name-duplicate", "p.contoso.com");
		// A Standard Edition pool is named after its server: different kinds may share a name.
		validation.assertNoIssues(parse("server se1.contoso.com\nstandard edition pool se1.contoso.com {\n server se1.contoso.com\n}"));
	}

	@Test
	void settingRepeated() {
		Model model = parse("topology T {\n product lync2010\n product ocs2007r2\n}");
		validation.assertError(model, Literals.TOPOLOGY, "setting-repeated", "'lync2010' and 'ocs2007r2'");
		validation.assertError(parse("load balancer f5 {\n tcp idle timeout 1800\n tcp idle timeout 300\n}"),
				Literals.LOAD_BALANCER, "setting-repeated");
		validation.assertNoIssues(parse("topology T {\n product lync2010\n sip domains contoso.com\n}"));
	}

	/**
	 * setting-repeated reads the text only of objects whose class the grammar lets repeat a setting:
	 * the blocks, not the one-line declarations. Each block that can repeat one still gets its
	 * finding, and no seed (example or rule page) repeats one where the analysis says it cannot.
	 */
	@Test
	void settingRepeatedReadsOnlyTheClassesThatCanRepeatOne() throws IOException {
		Set<EClass> repeatable = RepeatableSettings.of(grammar.getGrammar());
		for (EClass block : List.of(Literals.TOPOLOGY, Literals.SERVER, Literals.ENTERPRISE_POOL,
				Literals.DIRECTOR_POOL, Literals.MEDIATION_POOL, Literals.GROUP_CHAT_POOL, Literals.REGISTRAR_SETTING,
				Literals.LOAD_BALANCER, Literals.STANDARD_VIRTUAL_SERVER)) {
			assertTrue(repeatable.contains(block), block.getName() + " can repeat a setting");
		}
		for (EClass line : List.of(Literals.SUBNET, Literals.NETWORK_INTERFACE, Literals.DEFAULT_GATEWAY,
				Literals.STATIC_ROUTE, Literals.HOSTS_ENTRY, Literals.PORT_LIST, Literals.ROUTER, Literals.ARECORD, Literals.LOOKUP_ACCOUNT)) {
			// A router block holds only lists (interfaces, gateways, routes) besides its name.
			assertFalse(repeatable.contains(line), line.getName() + " cannot repeat a setting");
		}
		validation.assertError(parse("server fe1.contoso.com {\n windows ws2003\n windows ws2008\n}"), Literals.SERVER,
				"setting-repeated", "'ws2003' and 'ws2008'");
		validation.assertError(parse("director pool d.contoso.com {\n next hop a.contoso.com\n next hop b.contoso.com\n}"),
				Literals.DIRECTOR_POOL, "setting-repeated");
		validation.assertError(parse("registrar global {\n max endpoints per user 3\n max endpoints per user 8\n}"),
				Literals.REGISTRAR_SETTING, "setting-repeated", "'3' and '8'");
		for (String seed : FuzzInputs.seedTexts()) {
			FuzzInputs.assertRepeatsOnlyWhereTheGrammarAllows(FuzzInputs.parse(seed));
		}
	}

	@Test
	void mpopOutOfRange() {
		validation.assertError(parse("registrar global {\n max endpoints per user 0\n}"), Literals.REGISTRAR_SETTING,
				"mpop-out-of-range", "0", "1 to 64");
		validation.assertError(parse("registrar global {\n max endpoints per user 65\n}"),
				Literals.REGISTRAR_SETTING, "mpop-out-of-range");
		validation.assertNoIssues(parse("registrar global {\n max endpoints per user 64\n}"));
		validation.assertNoIssues(parse("registrar global {\n max endpoints per user 1\n}"));
	}

	@Test
	void registrarScopeUnsupportedInOcs2007R2() {
		String header = "topology T {\n product ocs2007r2\n}\nsite S {\n}\nenterprise pool p.contoso.com {\n}\n";
		Model model = parse(header + "registrar site S {\n max endpoints per user 2\n}\n"
				+ "registrar pool p.contoso.com {\n max endpoints per user 3\n}\n");
		validation.assertError(model, Literals.REGISTRAR_SETTING, "registrar-scope-unsupported",
				"registrar settings (site S)", "OCS 2007 R2", "forest-wide");
		validation.assertError(model, Literals.REGISTRAR_SETTING, "registrar-scope-unsupported",
				"registrar settings (pool p.contoso.com)");
		validation.assertNoIssues(parse(header + "registrar global {\n max endpoints per user 2\n}\n"));
		validation.assertNoIssues(parse(header.replace("ocs2007r2", "lync2010")
				+ "registrar site S {\n max endpoints per user 2\n}\n"));
		// The header may be in another file of the folder.
		List<Model> folder = parseFolder("topology T {\n product ocs2007r2\n}\n", "site S {\n}\nregistrar site S {\n}\n");
		validation.assertError(folder.get(1), Literals.REGISTRAR_SETTING, "registrar-scope-unsupported");
	}

	@Test
	void productMissingAndHeaderDuplicate() {
		validation.assertWarning(parse("topology T {\n sip domains contoso.com\n}"), Literals.TOPOLOGY,
				"product-missing", "Topology T");
		List<Model> folder = parseFolder("topology A {\n product lync2010\n}\n", "topology B {\n product lync2010\n}\n");
		validation.assertNoIssues(folder.get(0));
		validation.assertError(folder.get(1), Literals.TOPOLOGY, "topology-header-duplicate", "Topology B",
				"the first is A at file0.ocstopo:1");
	}

	@Test
	void namesAreCaseInsensitiveLikeDns() {
		Model model = parse("server FE1.Contoso.com\nenterprise pool pool1.contoso.com {\n    front ends fe1.contoso.com\n}\n");
		validation.assertNoIssues(model);
		validation.assertError(parse("server fe1.contoso.com\nserver FE1.CONTOSO.COM\n"), Literals.SERVER,
				"name-duplicate");
	}

	@Test
	void halfTypedModelsNeverThrow() {
		// What an editor validates while the user types: every prefix of a realistic file.
		// A failing check is logged (and the others go on), so "never throws" means "logs nothing".
		String text = ParsingTest.ALL_CONSTRUCTS;
		Runnable everyPrefix = () -> {
			for (int end = 0; end <= text.length(); end += 7) {
				Model model = parseOrNull(text.substring(0, end));
				if (model != null) {
					validation.validate(model);
				}
			}
		};
		LoggingTester.captureLogging(Level.ERROR, ResourceValidatorImpl.class,
				() -> LoggingTester.captureLogging(Level.ERROR, TopologyValidator.class, everyPrefix)
						.assertNoLogEntries())
				.assertNoLogEntries();
	}

	private Model parseOrNull(String text) {
		try {
			return parseHelper.parse(text, resourceSets.get());
		} catch (Exception e) {
			throw new AssertionError("parsing threw on: " + text, e);
		}
	}

	private void assertOnlySeverity(Model model, String code, Severity severity) {
		List<Issue> issues = validation.validate(model);
		assertTrue(issues.stream().filter(i -> code.equals(i.getCode())).allMatch(i -> i.getSeverity() == severity));
	}
	@Test
	void aSnatAddressThatAServerOwnsIsADuplicate() {
		Model model = parse("""
				subnet lan 192.0.2.0/24
				server fe1.contoso.com {
				    interface 192.0.2.11 on lan
				}
				load balancer bigip01 {
				    self ip 192.0.2.2 on lan
				    virtual server pool-vip 192.0.2.10 {
				        ports tcp 5061
				        source translation snat 192.0.2.11, 192.0.2.50
				    }
				    forwarding virtual server routed 0.0.0.0/0 {
				        source translation snat 192.0.2.50
				    }
				}
				""");
		// The server's address in the pool clashes; the balancer's own virtual servers share 192.0.2.50.
		validation.assertError(model, Literals.SOURCE_TRANSLATION, "address-duplicate", "192.0.2.11",
				"the SNAT pool (192.0.2.11, 192.0.2.50) of virtual server pool-vip", "interface 192.0.2.11 of server fe1.contoso.com");
		validation.assertError(model, Literals.NETWORK_INTERFACE, "address-duplicate", "192.0.2.11");
		assertEquals(2, validation.validate(model).stream().filter(i -> "address-duplicate".equals(i.getCode())).count());
	}

	@Test
	void snatPoolEmpty() {
		Model model = parse("""
				subnet lan 192.0.2.0/24
				load balancer bigip01 {
				    self ip 192.0.2.2 on lan
				    forwarding virtual server routed 0.0.0.0/0 {
				        source translation snat
				    }
				}
				""");
		validation.assertError(model, Literals.SOURCE_TRANSLATION, "snat-pool-empty", "Forwarding virtual server routed",
				"lists no address");
	}
}
