package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ocs.topology.topology.Model;
import org.ocs.topology.topology.TopologyPackage.Literals;

/**
 * pool-dependency-unreachable for the pools that hand their SIP traffic to a next hop (issue 9):
 * a Mediation pool's servers to their next hop pool and that pool's Front Ends to the Mediation
 * pool (5070 on Lync Server 2010, 5061 on OCS 2007 R2); a Director pool's servers to their next hop pool.
 */
class NextHopRulesTest extends TopologyTestSupport {

	/**
	 * Lync 2010, routed: the Front Ends' default gateway is the balancer, which has no self IP or
	 * route towards the Mediation Server's subnet. {@code balancerRoute}: a route that gives it one.
	 */
	private static String topology(String product, String balancerRoute, String extraPools) {
		return """
				topology Contoso {
				    product %s
				}
				dns {
				    A pool01.contoso.com -> 203.0.113.10
				    A fe1.contoso.com -> 198.51.100.11
				    A fe2.contoso.com -> 198.51.100.12
				    A med1.contoso.com -> 192.0.2.30
				    A dir1.contoso.com -> 192.0.2.40
				}
				site HQ {
				    subnet fe-net 198.51.100.0/24
				    subnet servers 192.0.2.0/24
				    subnet vip-net 203.0.113.0/24
				    server fe1.contoso.com {
				        interface 198.51.100.11 on fe-net
				        default gateway 198.51.100.1
				    }
				    server fe2.contoso.com {
				        interface 198.51.100.12 on fe-net
				        default gateway 198.51.100.1
				    }
				    server med1.contoso.com {
				        interface 192.0.2.30 on servers
				        default gateway 192.0.2.1
				    }
				    server dir1.contoso.com {
				        interface 192.0.2.40 on servers
				        default gateway 192.0.2.1
				    }
				    router core {
				        interface 192.0.2.1 on servers
				        interface 203.0.113.1 on vip-net
				        route 198.51.100.0/24 via 203.0.113.2
				    }
				    enterprise pool pool01.contoso.com {
				        front ends fe1.contoso.com, fe2.contoso.com
				        load balanced by vip pool01-vip
				    }
				%s
				    load balancer bigip01 {
				        self ip 198.51.100.1 on fe-net
				        self ip 203.0.113.2 on vip-net
				%s
				        virtual server pool01-vip 203.0.113.10 {
				            ports tcp 5061, 444, 443, 135, 80
				            members pool pool01.contoso.com
				            source translation automap
				        }
				        forwarding virtual server routed 0.0.0.0/0 {
				            source translation none
				        }
				    }
				}
				""".formatted(product, extraPools, balancerRoute);
	}

	private static final String MEDIATION = """
			    mediation pool med1.contoso.com {
			        servers med1.contoso.com
			        next hop pool01.contoso.com
			    }
			""";

	private static final String ROUTE_TO_SERVERS = "        route 192.0.2.0/24 via 203.0.113.1";

	private List<Issue> issues(String text) {
		return validation.validate(parse(text));
	}

	@Test
	void frontEndsThatCannotReachTheirMediationServerOn5070AreErrorsAtTheBalancer() {
		Model model = parse(topology("lync2010", "", MEDIATION));
		// Both Front Ends die at one place, the balancer: one finding there, naming both.
		validation.assertError(model, Literals.LOAD_BALANCER, "pool-dependency-unreachable",
				"Front Ends fe1.contoso.com and fe2.contoso.com of pool pool01.contoso.com cannot use the Mediation Server they"
						+ " send calls to (SIP over MTLS, TCP 5070) on med1.contoso.com",
				"bigip01 has no route to 192.0.2.30", "Calls from the users of that pool to the PSTN");
		List<Issue> issues = issues(topology("lync2010", "", MEDIATION));
		assertEquals(1, issues.size(), "one per cause and place: " + issues);
		// Each fact once: the drop and its reason end the path, and are not told again after it.
		String message = issues.get(0).getMessage();
		assertTrue(message.contains("-> dropped: bigip01 has no route to 192.0.2.30 (no self IP on its subnet, no static route"
				+ " or default gateway) (the first of 2). Calls from"), message);
		assertEquals(1, message.split("no route", -1).length - 1, message);
		assertTrue(issues.stream().allMatch(i -> "pool-dependency-unreachable".equals(i.getCode())
				&& i.getMessage().contains("TCP 5070")), issues.toString());
	}

	@Test
	void aRouteOnTheBalancerTowardsTheMediationServerClearsIt() {
		assertEquals(List.of(), issues(topology("lync2010", ROUTE_TO_SERVERS, MEDIATION)));
	}

	@Test
	void onOcs2007R2TheFrontEndsReachTheMediationServersInternalEdgeOn5061() {
		List<Issue> issues = issues(topology("ocs2007r2", "", MEDIATION));
		assertEquals(1, issues.size(), issues.toString());
		assertTrue(issues.stream().allMatch(i -> i.getMessage().contains(
				"cannot use the Mediation Server they send calls to (SIP over MTLS, TCP 5061)")), issues.toString());
		assertEquals(List.of(), issues(topology("ocs2007r2", ROUTE_TO_SERVERS, MEDIATION)));
	}

	@Test
	void withoutAProductThePortIsUnknownAndThatDirectionIsNotJudged() {
		String text = topology("lync2010", "", MEDIATION).replace("    product lync2010\n", "");
		assertTrue(issues(text).stream().noneMatch(i -> i.getMessage().contains("Mediation Server it sends calls to")),
				issues(text).toString());
	}

	@Test
	void aMediationServerThatCannotReachItsNextHopPoolIsAnErrorOnTheNextHop() {
		// The core router loses its leg on the VIP's subnet: med1 reaches pool01's VIP no more.
		String text = topology("lync2010", ROUTE_TO_SERVERS, MEDIATION).replace(
				"        interface 203.0.113.1 on vip-net\n        route 198.51.100.0/24 via 203.0.113.2\n", "");
		List<Issue> issues = issues(text);
		assertTrue(issues.stream().anyMatch(i -> "pool-dependency-unreachable".equals(i.getCode())
				&& i.getMessage().startsWith("Mediation Server med1.contoso.com of pool med1.contoso.com cannot use its next"
						+ " hop pool (SIP over MTLS, TCP 5061) on pool01.contoso.com")
				&& i.getMessage().contains("Calls between the PSTN gateways behind it and the users of that pool")),
				issues.toString());
	}

	@Test
	void aDirectorThatCannotReachItsNextHopPoolIsAnError() {
		String director = """
				    director pool dir01.contoso.com {
				        servers dir1.contoso.com
				        next hop pool01.contoso.com
				    }
				""";
		assertEquals(List.of(), issues(topology("lync2010", ROUTE_TO_SERVERS, director)), "reachable through the core router");
		String cut = topology("lync2010", ROUTE_TO_SERVERS, director).replace(
				"        interface 203.0.113.1 on vip-net\n        route 198.51.100.0/24 via 203.0.113.2\n", "");
		List<Issue> issues = issues(cut);
		assertTrue(issues.stream().anyMatch(i -> "pool-dependency-unreachable".equals(i.getCode())
				&& i.getSeverity() == org.eclipse.xtext.diagnostics.Severity.ERROR
				&& i.getMessage().startsWith("Director dir1.contoso.com of pool dir01.contoso.com cannot use its next hop pool"
						+ " (SIP over MTLS, TCP 5061) on pool01.contoso.com")
				&& i.getMessage().contains("core has no route to 203.0.113.10")), issues.toString());
	}

	@Test
	void throughTheCommandLineTheBuildFailsUntilTheBalancerRoutesToTheMediationServer(@TempDir Path dir) throws Exception {
		CliEndToEndTest.findJar();
		Files.writeString(dir.resolve("t.ocstopo"), topology("lync2010", "", MEDIATION));
		CliEndToEndTest.Run broken = CliEndToEndTest.run(dir, "validate", "t.ocstopo");
		assertEquals(1, broken.exitCode(), broken.toString());
		assertTrue(broken.stdout().contains(": error pool-dependency-unreachable Front Ends fe1.contoso.com and fe2.contoso.com"
				+ " of pool pool01.contoso.com cannot use the Mediation Server they send calls to (SIP over MTLS, TCP 5070)"),
				broken.toString());
		assertEquals(1, broken.stdout().lines().filter(l -> l.contains("pool-dependency-unreachable")).count(),
				"one finding per cause and place: " + broken);
		Files.writeString(dir.resolve("t.ocstopo"), topology("lync2010", ROUTE_TO_SERVERS, MEDIATION));
		CliEndToEndTest.Run fixed = CliEndToEndTest.run(dir, "validate", "t.ocstopo");
		assertEquals(0, fixed.exitCode(), fixed.toString());
	}

	@Test
	void aNextHopMustBeAPoolThatHomesUsers() {
		String text = topology("lync2010", ROUTE_TO_SERVERS, MEDIATION.replace("next hop pool01.contoso.com",
				"next hop nowhere.contoso.com"));
		validation.assertError(parse(text), Literals.MEDIATION_POOL, "unresolved-reference", "nowhere.contoso.com");
		// A declared pool that homes no users (an Edge pool) is no next hop either.
		String edge = topology("lync2010", ROUTE_TO_SERVERS, MEDIATION.replace("next hop pool01.contoso.com",
				"next hop edge01.contoso.com") + "    edge pool edge01.contoso.com {\n    }\n");
		validation.assertError(parse(edge), Literals.MEDIATION_POOL, "unresolved-reference", "edge01.contoso.com");
	}
}
