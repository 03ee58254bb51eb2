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

	@com.google.inject.Inject
	private org.ocs.topology.services.TopologyGrammarAccess grammar;

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

	/**
	 * Unknown characters are stray text, and a block left open at the end of the file is one syntax
	 * error: the lines inside that block are still checked.
	 */
	@Test
	void unknownCharactersAndUnclosedBlocksDoNotStopTheParser() {
		Model model = parse("""
				subnet lan 192.0.2.0/33 §
				server fe1.contoso.com {
				    interface 192.0.2.300 on lan
				""");
		List<Issue> issues = validation.validate(model);
		assertTrue(issues.stream().anyMatch(i -> "syntax-error".equals(i.getCode()) && i.getLineNumber() == 1), issues::toString);
		assertTrue(issues.stream().anyMatch(i -> "syntax-error".equals(i.getCode()) && i.getLineNumber() == 3), issues::toString);
		validation.assertError(model, Literals.SUBNET, "prefix-out-of-range");
		validation.assertError(model, Literals.NETWORK_INTERFACE, "address-malformed", "192.0.2.300", "fe1.contoso.com");
		assertEquals(1, model.getDeclarations().stream().filter(d -> d instanceof org.ocs.topology.topology.Server server
				&& server.getInterfaces().size() == 1).count(), "the server keeps its block: " + model.getDeclarations());
	}

	/**
	 * A server or router whose '}' is missing before the next declaration: both are read, the first
	 * with its lines, the next with its own findings (the missing brace is the first one's fault).
	 */
	@org.junit.jupiter.params.ParameterizedTest
	@org.junit.jupiter.params.provider.ValueSource(strings = { "server", "router" })
	void aBlockWhoseBraceIsMissingEndsAtTheNextDeclaration(String kind) {
		Model model = parse(kind + """
				 r1.contoso.com {
				    interface 192.0.2.300/24

				site Redmond {
				    subnet lan 10.0.1.0/24
				    server fe2.contoso.com {
				        interface 10.0.1.300 on lan
				    }
				}
				""");
		List<Issue> issues = validation.validate(model);
		assertEquals(1, issues.stream().filter(i -> "syntax-error".equals(i.getCode())).count(), issues.toString());
		validation.assertError(model, Literals.NETWORK_INTERFACE, "address-malformed", "192.0.2.300", "r1.contoso.com");
		validation.assertError(model, Literals.NETWORK_INTERFACE, "address-malformed", "10.0.1.300", "fe2.contoso.com");
	}

	/**
	 * A misspelt line, or a line of another block, inside a site, a load balancer, a pool or DNS is
	 * one finding naming that block; the block keeps the lines after it (the later subnet stays in
	 * its site, the later virtual server in its balancer, the back end in its pool).
	 */
	@Test
	void aStrayLineInsideABlockKeepsTheBlocksLaterLines() {
		Model model = parse("""
				site Redmond {
				    subnt lan 10.0.9.0/24
				    ports udp 3478
				    subnet lan 10.0.1.0/24
				    server be1.contoso.com {
				        interface 10.0.1.20 on lan
				    }
				    load balancer lb {
				        self ip 10.0.1.5 on lan
				        inteface 10.0.1.6
				        virtual server fe-vip 10.0.1.50 {
				            prots tcp 5061
				            ports tcp 5061, 444, 135
				        }
				    }
				    enterprise pool pool1.contoso.com {
				        frontends fe1
				        back end be1.contoso.com
				    }
				}
				dns {
				    AAAA pool1.contoso.com -> 10.0.1.50
				    A pool1.contoso.com -> 10.0.1.50
				}
				""");
		List<String> strays = validation.validate(model).stream().filter(i -> "syntax-error".equals(i.getCode()))
				.sorted(java.util.Comparator.comparing(Issue::getOffset)).map(Issue::getMessage).toList();
		assertEquals(List.of(
				"Unexpected 'subnt lan 10.0.9.0/24 ports udp 3478' in site Redmond: a site holds subnet, server, router, pool,"
						+ " load balancer and registrar declarations.",
				"Unexpected 'inteface 10.0.1.6' in load balancer lb: its lines start with self ip, virtual server, forwarding"
						+ " virtual server, default gateway, route, tcp idle timeout or persistence.",
				"Unexpected 'prots tcp 5061' in virtual server fe-vip: its lines start with ports, members, source translation or"
						+ " persistence.",
				"Unexpected 'frontends fe1' in pool pool1.contoso.com: its lines start with front ends, back end, load"
						+ " balanced by or web services.",
				"Unexpected 'AAAA pool1.contoso.com -> 10.0.1.50' in dns: its lines start with A or SRV."), strays);
		org.ocs.topology.topology.Site site = (org.ocs.topology.topology.Site) model.getDeclarations().get(0);
		assertEquals(2, model.getDeclarations().size(), model.getDeclarations().toString());
		assertEquals(List.of("Subnet", "Server", "LoadBalancer", "EnterprisePool"),
				site.getMembers().stream().map(m -> m.eClass().getName()).toList());
		org.ocs.topology.topology.LoadBalancer balancer = (org.ocs.topology.topology.LoadBalancer) site.getMembers().get(2);
		assertEquals(List.of(5061, 444, 135),
				((org.ocs.topology.topology.StandardVirtualServer) balancer.getVirtualServers().get(0)).getPorts().get(0).getNumbers());
		assertEquals("be1.contoso.com",
				((org.ocs.topology.topology.EnterprisePool) site.getMembers().get(3)).getBackEnd().getName());
		assertEquals(1, ((org.ocs.topology.topology.Dns) model.getDeclarations().get(1)).getRecords().size());
	}

	/** The codes of every file of a folder, by file, in order. */
	private List<List<String>> codes(String... files) {
		return parseFolder(files).stream().map(m -> validation.validate(m).stream().map(Issue::getCode).toList()).toList();
	}

	/** What the later declarations of the file and the other file must still yield: a /33 prefix, one each. */
	private static final String LATER = """
			server fe2.contoso.com {
			    interface 10.0.1.11/33 on lan
			}
			""";

	private static final String OTHER_FILE = """
			server fe3.contoso.com {
			    interface 10.0.1.12/33 on lan
			}
			""";

	/**
	 * Issue 11, item 1: after each kind of mistake the rest of the file is read and checked (the /33
	 * after it is reported), and the other file still sees the subnet declared after it (no
	 * unresolved reference, its own /33 reported).
	 */
	@org.junit.jupiter.params.ParameterizedTest
	@org.junit.jupiter.params.provider.ValueSource(strings = {
			// a misspelt keyword before a block
			"sever fe0.contoso.com {\n    interface 10.0.1.9 on lan\n}\n",
			// a keyword in capitals
			"SERVER fe0.contoso.com {\n    interface 10.0.1.9 on lan\n}\n",
			// a stray brace
			"{\n",
			"}\n",
			// enum words out of place
			"automap\n", "none\n", "cookie\n", "lync2010\n", "udp\n", "snat 10.0.0.1\n",
			// a value that belongs in another block
			"ports udp 3478\n",
			// a line cut off half-way
			"server fe0.contoso.com {\n    interface\n}\n",
			"load balancer lb {\n    virtual server v 10.0.1.50 {\n        ports tcp\n    }\n}\n" })
	void theRestOfTheFileAndTheOtherFilesAreStillChecked(String mistake) {
		List<List<String>> codes = codes(mistake + "subnet lan 10.0.1.0/24\n" + LATER, OTHER_FILE);
		assertTrue(codes.get(0).contains("syntax-error"), codes.toString());
		assertTrue(codes.get(0).contains("prefix-out-of-range"), "the declaration after the mistake is checked: " + codes);
		assertEquals(List.of("prefix-out-of-range"), codes.get(1), "the other file sees the subnet: " + codes);
	}

	/** A line of another block inside a server is one finding on the server; the server's later lines still count. */
	@Test
	void aLineOfAnotherBlockInsideAServerIsStrayTextOfThatServer() {
		Model model = parse("""
				subnet lan 10.0.1.0/24
				server fe1.contoso.com {
				    ports udp 3478
				    interface 10.0.1.300 on lan
				}
				""");
		List<Issue> issues = validation.validate(model);
		Issue stray = issues.stream().filter(i -> "syntax-error".equals(i.getCode())).findFirst().orElseThrow();
		assertEquals("Unexpected 'ports udp 3478' in server fe1.contoso.com: a server's lines start with interface, default"
				+ " gateway, route, hosts, windows or host model.", stray.getMessage());
		assertEquals(3, stray.getLineNumber());
		assertEquals(1, issues.stream().filter(i -> "syntax-error".equals(i.getCode())).count(), issues.toString());
		validation.assertError(model, Literals.NETWORK_INTERFACE, "address-malformed", "10.0.1.300");
	}

	/**
	 * Every keyword of the grammar either starts a declaration or may stand as stray text: one that
	 * can do neither stops the parser, and the rest of the file goes unread.
	 */
	@Test
	void everyKeywordCanBeStrayTextOrStartADeclaration() {
		java.util.Set<String> stray = new java.util.TreeSet<>();
		for (org.eclipse.xtext.AbstractRule rule : List.of(grammar.getStrayTextRule(), grammar.getStrayBlockRule(), grammar.getStrayTokenRule(),
				grammar.getStrayInnerTokenRule())) {
			org.eclipse.xtext.EcoreUtil2.getAllContentsOfType(rule, org.eclipse.xtext.Keyword.class).forEach(k -> stray.add(k.getValue()));
		}
		java.util.Set<String> starts = java.util.Set.of("topology", "site", "dns", "subnet", "server", "router", "enterprise",
				"standard", "director", "edge", "mediation", "group", "load", "registrar");
		java.util.Set<String> missing = new java.util.TreeSet<>(org.eclipse.xtext.GrammarUtil.getAllKeywords(grammar.getGrammar()));
		missing.removeAll(stray);
		missing.removeAll(starts);
		assertEquals(java.util.Set.of(), missing);
	}
}
