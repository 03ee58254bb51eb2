package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.ocs.topology.topology.Model;
import org.ocs.topology.topology.TopologyPackage.Literals;
import org.ocs.topology.validation.HopData;
import org.ocs.topology.rules.IssueData;
import org.ocs.topology.rules.pools.PoolTrafficData;
import org.ocs.topology.rules.routing.GatewayUndeclared;
import org.ocs.topology.analysis.routing.FlowTrace;

/**
 * Front End to Front End traffic through the load balancer, on the field report's deployment
 * (examples/rgs-loadbalancer/broken) and on variations of it: the hairpin, each of the report's
 * four remedies applied by hand, and the asymmetric and unreachable shapes.
 */
class LoadBalancerPathRulesTest extends TopologyTestSupport {

	private static final Path BROKEN = repositoryRoot().resolve("examples/rgs-loadbalancer/broken");

	private static String header() throws IOException {
		return Files.readString(BROKEN.resolve("topology.ocstopo"));
	}

	private static String site() throws IOException {
		return Files.readString(BROKEN.resolve("hq.ocstopo"));
	}

	private List<Issue> issues(String header, String site) {
		List<Model> folder = parseFolder(header, site);
		List<Issue> issues = new ArrayList<>();
		for (Model model : folder) {
			issues.addAll(validation.validate(model));
		}
		return issues;
	}

	private static String replace(String text, String from, String to) {
		assertTrue(text.contains(from), "the example no longer contains: " + from);
		return text.replace(from, to);
	}

	@Test
	void theFieldReportIsAHairpinOnEachFrontEndsDnsRecord() throws IOException {
		List<Model> folder = parseFolder(header(), site());
		Model dns = folder.get(0);
		validation.assertError(dns, Literals.ARECORD, "pool-traffic-hairpin",
				"Response Group Match Making (TCP 5071)", "from fe1.contoso.com to fe2.contoso.com",
				"fe1.contoso.com -> fe2.contoso.com (198.51.100.140, DNS) -> default gateway 198.51.100.1"
						+ " = bigip01 (forwarding routed, automap 198.51.100.129) -> fe2.contoso.com sees 198.51.100.129,"
						+ " not fe1.contoso.com",
				"unauthorized host", "This service is temporarily unavailable");
		validation.assertError(dns, Literals.ARECORD, "pool-traffic-hairpin", "from fe2.contoso.com to fe1.contoso.com");
		List<Issue> all = issues(header(), site());
		assertEquals(List.of("pool-traffic-hairpin", "pool-traffic-hairpin"), all.stream().map(Issue::getCode).toList());
		Issue first = all.stream().filter(i -> i.getMessage().contains("from fe1.contoso.com")).findFirst().orElseThrow();
		assertEquals(22, first.getLineNumber(), "on the A record of fe2, line 22 of topology.ocstopo");
		PoolTrafficData data = IssueData.read(first.getData(), PoolTrafficData.class);
		assertEquals(FlowTrace.Verdict.HAIRPIN, data.verdict());
		assertEquals(List.of("fe1.contoso.com"), data.senders());
		assertEquals("192.0.2.12", data.peerSameSubnetAddress(), "the peer's same-subnet address, for the quick fixes");
		List<HopData> hops = java.util.Arrays.stream(first.getData()).map(HopData::decode).filter(h -> h != null).toList();
		assertEquals(4, hops.size(), "the request: DNS record, gateway, translation, peer interface: " + hops);
		assertTrue(hops.get(0).fileUri().endsWith("file0.ocstopo"), hops.get(0).toString());
		assertEquals(21, hops.get(0).startLine(), "the A record of fe2, 0-based line 21");
		assertTrue(hops.get(2).why().contains("replacing source 198.51.100.11 with 198.51.100.129"), hops.get(2).why());
	}

	@Test
	void remedyOneHostsFileEntriesClearIt() throws IOException {
		String site = replace(site(), "        default gateway 198.51.100.1\n",
				"        default gateway 198.51.100.1\n        hosts fe2.contoso.com -> 192.0.2.12\n");
		site = replace(site, "        default gateway 198.51.100.129\n",
				"        default gateway 198.51.100.129\n        hosts fe1.contoso.com -> 192.0.2.11\n");
		assertEquals(List.of(), issues(header(), site));
	}

	@Test
	void remedyTwoOneAddressPerFrontEndClearsIt() throws IOException {
		// Both Front Ends on the balancer's first segment, one address each, reaching each other directly.
		String site = replace(site(), "        interface lb 198.51.100.140 on lb-side-b\n        interface mgmt 192.0.2.12 on management\n        default gateway 198.51.100.129\n",
				"        interface 198.51.100.12 on lb-side-a\n        default gateway 198.51.100.1\n");
		site = replace(site, "        interface mgmt 192.0.2.11 on management\n", "");
		String header = replace(header(), "A fe2.contoso.com -> 198.51.100.140", "A fe2.contoso.com -> 198.51.100.12");
		// Without their management addresses the Front Ends reach the SQL back end only through the
		// balancer, which has no self IP on that segment: the hairpin is gone, but the pool cannot start.
		List<Issue> cut = issues(header, site);
		// One cause, one place (the balancer): one finding that names both Front Ends.
		assertEquals(List.of("pool-dependency-unreachable"), cut.stream().map(Issue::getCode).toList(), cut.toString());
		assertTrue(cut.get(0).getMessage().startsWith("Front Ends fe1.contoso.com and fe2.contoso.com of pool"
				+ " pool01.contoso.com cannot use the SQL back end (TCP 1433) on sql01.contoso.com"), cut.get(0).getMessage());
		assertTrue(cut.get(0).getMessage().contains("bigip01 has no route to 192.0.2.20"), cut.get(0).getMessage());
		// The balancer on the management segment too: both the Front Ends' traffic and the back end work.
		site = replace(site, "        self ip 203.0.113.2 on vip-net\n",
				"        self ip 203.0.113.2 on vip-net\n        self ip 192.0.2.2 on management\n");
		// sql01, now alone on the management segment beside the routing BIG-IP, has a gateway nothing
		// declares: a typo, or the management router to declare (gateway-undeclared says which to do).
		List<Issue> routerUnsaid = issues(header, site);
		assertEquals(List.of("gateway-undeclared"), routerUnsaid.stream().map(Issue::getCode).toList(), routerUnsaid.toString());
		site = replace(site, "    load balancer bigip01 {", "    router mgmt-router {\n        interface 192.0.2.1 on management\n"
				+ "    }\n\n    load balancer bigip01 {");
		assertEquals(List.of(), issues(header, site));
	}

	@Test
	void remedyThreeDnsToTheSameSegmentClearsIt() throws IOException {
		String header = replace(header(), "A fe1.contoso.com -> 198.51.100.11", "A fe1.contoso.com -> 192.0.2.11");
		header = replace(header, "A fe2.contoso.com -> 198.51.100.140", "A fe2.contoso.com -> 192.0.2.12");
		assertEquals(List.of(), issues(header, site()));
	}

	@Test
	void remedyFourTheBalancerKeepsTheSourceClearsIt() throws IOException {
		// Only on the forwarding virtual server: the traffic the balancer merely routes.
		String site = replace(site(), "        forwarding virtual server routed 0.0.0.0/0 {\n            source translation automap",
				"        forwarding virtual server routed 0.0.0.0/0 {\n            source translation none");
		assertEquals(List.of(), issues(header(), site));
	}

	@Test
	void keepingTheSourceOnAnR2PoolVipIsAWarning() throws IOException {
		String site = replace(site(), "            members pool pool01.contoso.com\n            source translation automap",
				"            members pool pool01.contoso.com\n            source translation none");
		List<Model> folder = parseFolder(header(), site);
		validation.assertWarning(folder.get(1), Literals.SOURCE_TRANSLATION, "pool-vip-source-kept", "pool01-vip",
				"only SNAT");
	}

	/** Remedy four half done: the balancer keeps the source, and fe2 has a route to fe1's subnet via a management router. */
	private static String replyAroundTheBalancer() throws IOException {
		String site = replace(site(), "        forwarding virtual server routed 0.0.0.0/0 {\n            source translation automap",
				"        forwarding virtual server routed 0.0.0.0/0 {\n            source translation none");
		return replace(site, "        default gateway 198.51.100.129\n",
				"        route 198.51.100.0/25 via 192.0.2.1\n        default gateway 198.51.100.129\n");
	}

	private static String withWindows(String version) throws IOException {
		return replace(header(), "    product ocs2007r2\n", "    product ocs2007r2\n    windows " + version + "\n");
	}

	/** The management router of {@link #replyAroundTheBalancer()}, declared: it reaches fe1's balancer-side segment. */
	private static String withManagementRouter(String site) {
		return replace(site, "    load balancer bigip01 {\n", "    router mgmt-router {\n        interface 192.0.2.1 on management\n"
				+ "        interface 198.51.100.3 on lb-side-a\n    }\n\n    load balancer bigip01 {\n");
	}

	@Test
	void aReplyAroundTheBalancerIsAsymmetricUnderTheWeakHostModel() throws IOException {
		// Windows Server 2003: fe2 answers fe1 by its route through the management router, so the
		// balancer never sees the reply. fe2 to fe1 works: fe1 answers on-link on the management segment.
		String site = withManagementRouter(replyAroundTheBalancer());
		List<Model> folder = parseFolder(withWindows("ws2003"), site);
		validation.assertError(folder.get(1), Literals.STATIC_ROUTE, "pool-traffic-asymmetric",
				"from fe1.contoso.com to fe2.contoso.com", "different paths", "half a connection");
		List<Issue> issues = issues(withWindows("ws2003"), site);
		assertEquals(1, issues.size(), issues.toString());
		assertFalse(issues.get(0).getMessage().contains("rests on"), "the router is declared: " + issues.get(0).getMessage());
	}

	@Test
	void anErrorNeverRestsOnAnUndeclaredRouterAlone() throws IOException {
		// The same reply, but through 192.0.2.1, which nothing declares: ocstopo assumes a router that
		// delivers straight to fe1, yet a real one might send it on through the balancer. The finding
		// stays, as a warning that says what it assumed and how to state the fact.
		List<Model> folder = parseFolder(withWindows("ws2003"), replyAroundTheBalancer());
		validation.assertWarning(folder.get(1), Literals.STATIC_ROUTE, "pool-traffic-asymmetric",
				"from fe1.contoso.com to fe2.contoso.com", "This rests on router 192.0.2.1, which no declaration owns and"
						+ " is assumed to reach every declared subnet directly; declare it ('router NAME { interface"
						+ " 192.0.2.1 on SUBNET ... }', with its routes) to check the real path.");
		List<Issue> issues = issues(withWindows("ws2003"), replyAroundTheBalancer());
		assertEquals(1, issues.size(), issues.toString());
		assertEquals(org.eclipse.xtext.diagnostics.Severity.WARNING, issues.get(0).getSeverity());
		// The assumption is in the trace too: the hop at the router says so, on the route that names it.
		HopData atRouter = java.util.Arrays.stream(issues.get(0).getData()).map(HopData::decode)
				.filter(h -> h != null && h.why().contains("router 192.0.2.1, which no declaration owns, is assumed to reach"
						+ " every declared subnet: it forwards it straight to 198.51.100.11"))
				.findFirst().orElseThrow(() -> new AssertionError(java.util.Arrays.toString(issues.get(0).getData())));
		assertEquals(replyAroundTheBalancer().lines().toList().indexOf("        route 198.51.100.0/25 via 192.0.2.1"),
				atRouter.startLine(), "the route through the router, 0-based");
	}

	@Test
	void underTheStrongHostModelTheReplyLeavesByTheInterfaceThatOwnsItsSource() throws IOException {
		// Windows Server 2008: fe2 answers from 198.51.100.140, so out of that interface, to the
		// balancer, which has the connection: fe1 to fe2 works. But fe1 answers fe2's management
		// address from 198.51.100.11, out of its balancer-side interface to the balancer, which never
		// saw fe2's request (it went through the router): that is now the asymmetric pair. The router
		// is declared, so nothing is assumed: an error.
		List<Issue> issues = issues(withWindows("ws2008r2"), withManagementRouter(replyAroundTheBalancer()));
		assertEquals(1, issues.size(), issues.toString());
		Issue only = issues.get(0);
		assertEquals("pool-traffic-asymmetric", only.getCode());
		assertEquals(org.eclipse.xtext.diagnostics.Severity.ERROR, only.getSeverity());
		assertTrue(only.getMessage().contains("from fe2.contoso.com to fe1.contoso.com"), only.getMessage());
		assertFalse(only.getMessage().contains("assumes"), only.getMessage());
		assertFalse(only.getMessage().contains("rests on"), only.getMessage());
	}

	@Test
	void whenNoOneSaysTheHostModelAVerdictThatDependsOnItIsAWarningThatSaysSo() throws IOException {
		List<Issue> issues = issues(header(), replyAroundTheBalancer());
		assertEquals(2, issues.size(), issues.toString());
		for (Issue issue : issues) {
			assertEquals("pool-traffic-asymmetric", issue.getCode());
			assertEquals(org.eclipse.xtext.diagnostics.Severity.WARNING, issue.getSeverity(), issue.getMessage());
			assertTrue(issue.getMessage().contains("which the topology does not state; under the other model the flow"
					+ " would work. Say which with 'windows ws2003|ws2008|ws2008r2'"), issue.getMessage());
		}
		assertTrue(issues.stream().anyMatch(i -> i.getMessage().contains("This assumes the weak host model (Windows"
				+ " Server 2003) for fe2.contoso.com")), issues.toString());
		assertTrue(issues.stream().anyMatch(i -> i.getMessage().contains("This assumes the strong host model (Windows"
				+ " Server 2008 and later) for fe1.contoso.com")), issues.toString());
	}

	@Test
	void aServersOwnSettingWinsOverTheHeader() throws IOException {
		// The header says 2003, but fe2 says strong: fe2's reply now goes back through the balancer.
		String site = replace(replyAroundTheBalancer(), "        route 198.51.100.0/25 via 192.0.2.1\n",
				"        route 198.51.100.0/25 via 192.0.2.1\n        host model strong\n");
		assertEquals(List.of(), issues(withWindows("ws2003"), site));
	}

	@Test
	void aStaleHostsEntryIsToldOnItsOwnLine() throws IOException {
		// fe1's hosts file sends fe2's name to an address on the management segment that nobody owns.
		String site = replace(site(), "        interface mgmt 192.0.2.11 on management\n",
				"        interface mgmt 192.0.2.11 on management\n        hosts fe2.contoso.com -> 192.0.2.99\n");
		List<Model> folder = parseFolder(header(), site);
		validation.assertError(folder.get(1), Literals.HOSTS_ENTRY, "pool-traffic-unreachable",
				"from fe1.contoso.com to fe2.contoso.com", "192.0.2.99");
		assertEquals(1, issues(header(), site).stream().filter(i -> "pool-traffic-unreachable".equals(i.getCode())
				&& i.getMessage().contains("from fe1.contoso.com to fe2.contoso.com")).count(), "told once, on the hosts line");
	}

	@Test
	void aBalancerWithoutAForwardingVirtualServerMakesThePeerUnreachable() throws IOException {
		String site = replace(site(), "        // Routes traffic between the BIG-IP's VLANs: the Front Ends use it as default gateway.\n"
				+ "        forwarding virtual server routed 0.0.0.0/0 {\n            source translation automap\n        }\n", "");
		List<Model> folder = parseFolder(header(), site);
		validation.assertError(folder.get(1), Literals.LOAD_BALANCER, "pool-traffic-unreachable",
				"bigip01 matches no virtual server", "from fe1.contoso.com to fe2.contoso.com");
	}

	@Test
	void aFrontEndsNameOnThePoolVipIsToldAsSuch() throws IOException {
		// fe2's A record names the pool VIP: the VIP may send fe1's traffic back to fe1 itself. The
		// message says so, where the path alone would only show fe1 receiving it.
		String header = replace(header(), "A fe2.contoso.com -> 198.51.100.140", "A fe2.contoso.com -> 203.0.113.10");
		List<Issue> issues = issues(header, site());
		Issue back = issues.stream().filter(i -> "pool-traffic-unreachable".equals(i.getCode())).findFirst()
				.orElseThrow(() -> new AssertionError(issues.toString()));
		assertTrue(back.getMessage().contains("-> fe1.contoso.com sees 198.51.100.1; 203.0.113.10 (the VIP of bigip01) takes"
				+ " it back at fe1.contoso.com, the sender itself, not to fe2.contoso.com. These services fail"), back.getMessage());
	}

	@Test
	void aFrontEndWithoutADnsRecordIsAWarningOnThePool() throws IOException {
		String header = replace(header(), "    A fe2.contoso.com -> 198.51.100.140\n", "");
		List<Model> folder = parseFolder(header, site());
		validation.assertWarning(folder.get(1), Literals.ENTERPRISE_POOL, "pool-peer-unresolved",
				"fe2.contoso.com resolves to nothing for fe1.contoso.com");
	}

	@Test
	void theFixedExampleIsClean() throws IOException {
		Path fixed = repositoryRoot().resolve("examples/rgs-loadbalancer/fixed");
		assertEquals(List.of(), issues(Files.readString(fixed.resolve("topology.ocstopo")),
				Files.readString(fixed.resolve("hq.ocstopo"))));
	}

	@Test
	void aPairWithTwoProblemsGetsTwoFindings() throws IOException {
		// The pool VIP's own balancer drops TCP 444 between the Front Ends once the forwarding
		// virtual server only carries 5071 and 5061: the hairpin on 5071 must still be reported.
		String site = replace(site(), "        forwarding virtual server routed 0.0.0.0/0 {\n            source translation automap",
				"        forwarding virtual server routed 0.0.0.0/0 {\n            ports tcp 5071, 5061\n            source translation automap");
		List<Issue> all = issues(header(), site);
		assertEquals(2, all.stream().filter(i -> "pool-traffic-hairpin".equals(i.getCode())).count(), all.toString());
		// Both directions die at one place, the balancer with no virtual server for 444: one finding there.
		List<Issue> unreachable = all.stream().filter(i -> "pool-traffic-unreachable".equals(i.getCode())).toList();
		assertEquals(1, unreachable.size(), all.toString());
		assertTrue(unreachable.get(0).getMessage().startsWith("conference control (focus to conferencing servers) (TCP 444)"
				+ " from fe1.contoso.com to fe2.contoso.com, from fe2.contoso.com to fe1.contoso.com (pool pool01.contoso.com)"
				+ " cannot get through: "), unreachable.get(0).getMessage());
		assertTrue(unreachable.get(0).getMessage().endsWith("(the first of 2). These services fail between these Front Ends."),
				unreachable.get(0).getMessage());
		// The forwarding virtual server exists, for other ports: said so, and the finding is on it, the
		// declaration to change.
		assertTrue(unreachable.get(0).getMessage().contains("-> dropped: forwarding virtual server routed of bigip01 does not"
				+ " carry TCP 444"), unreachable.get(0).getMessage());
		assertTrue(site.lines().toList().get(unreachable.get(0).getLineNumber() - 1).contains("forwarding virtual server routed"),
				"on line " + unreachable.get(0).getLineNumber());
	}

	@Test
	void aMistypedGatewayIsAWarningOnItNamingTheBalancersAddress() throws IOException {
		// fe1's gateway one digit off: nothing owns 198.51.100.10, and the tracer would take it for a router.
		String site = replace(site(), "        default gateway 198.51.100.1\n", "        default gateway 198.51.100.10\n");
		List<Issue> all = issues(header(), site);
		List<Issue> undeclared = all.stream().filter(i -> "gateway-undeclared".equals(i.getCode())).toList();
		assertEquals(1, undeclared.size(), all.toString());
		assertEquals(org.eclipse.xtext.diagnostics.Severity.WARNING, undeclared.get(0).getSeverity());
		assertEquals(10, undeclared.get(0).getLineNumber(), "on fe1's default gateway");
		assertTrue(undeclared.get(0).getMessage().startsWith("The default gateway 198.51.100.10 of server fe1.contoso.com is"
				+ " no declared device's address, no other server uses it, and on 198.51.100.0/25 bigip01 routes at"
				+ " 198.51.100.1."), undeclared.get(0).getMessage());
		assertEquals(List.of(new GatewayUndeclared.Candidate("198.51.100.1", "bigip01")),
				IssueData.read(undeclared.get(0).getData(), GatewayUndeclared.Data.class).candidates(),
				"the quick fix's address and device");
		// The example as written (gateway 198.51.100.1, the BIG-IP) has no such finding.
		assertTrue(issues(header(), site()).stream().noneMatch(i -> "gateway-undeclared".equals(i.getCode())));
	}
}
