package org.ocs.topology.tests.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ocs.topology.tests.analysis.FlowTracerTest.gateway;
import static org.ocs.topology.tests.analysis.FlowTracerTest.ip;
import static org.ocs.topology.tests.analysis.FlowTracerTest.nic;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.ocs.topology.analysis.net.Cidr;
import org.ocs.topology.analysis.routing.FlowTrace.Verdict;
import org.ocs.topology.analysis.routing.IntraPoolService;
import org.ocs.topology.analysis.routing.NetworkView;
import org.ocs.topology.analysis.routing.NetworkView.Balancer;
import org.ocs.topology.analysis.routing.NetworkView.DnsRecord;
import org.ocs.topology.analysis.routing.NetworkView.Host;
import org.ocs.topology.analysis.routing.NetworkView.Route;
import org.ocs.topology.analysis.routing.NetworkView.Translation;
import org.ocs.topology.analysis.routing.NetworkView.VirtualServer;
import org.ocs.topology.analysis.routing.PathRemedies;
import org.ocs.topology.analysis.routing.PathRemedies.Change;
import org.ocs.topology.analysis.routing.PathRemedies.Kind;
import org.ocs.topology.analysis.routing.PoolTraffic;

/** The proven path remedies on hand-built networks: no Xtext, no EMF. */
class PathRemediesTest {

	private static final List<IntraPoolService> SERVICES = IntraPoolService.FRONT_END_TO_FRONT_END;
	private static final Map<String, List<String>> POOL = Map.of("pool01", List.of("fe1", "fe2"));

	private static Host host(String name, List<NetworkView.Nic> nics, List<Route> routes) {
		return new Host(name, nics, routes, Map.of(), "server " + name);
	}

	/** Two Front Ends on two segments of one BIG-IP, their gateway its self IP on each. */
	private static NetworkView network(VirtualServer... forwarding) {
		Balancer f5 = new Balancer("bigip01", List.of(nic("198.51.100.1/25"), nic("198.51.100.129/25")), List.of(),
				List.of(forwarding), "balancer bigip01");
		return NetworkView.builder()
				.host(host("fe1", List.of(nic("198.51.100.11/25")), List.of(gateway("198.51.100.1"))))
				.host(host("fe2", List.of(nic("198.51.100.140/25")), List.of(gateway("198.51.100.129"))))
				.balancer(f5).dns(new DnsRecord("fe1", ip("198.51.100.11"), "A fe1"))
				.dns(new DnsRecord("fe2", ip("198.51.100.140"), "A fe2")).build();
	}

	private static List<PoolTraffic.PairFinding> findings(NetworkView view, Verdict verdict) {
		return new PoolTraffic(view).check("pool01", List.of("fe1", "fe2"), SERVICES).stream()
				.filter(f -> f.verdict() == verdict).toList();
	}

	@Test
	void aBalancerWithoutVirtualServersGetsOneForwardingVirtualServerPerDroppedNetwork() {
		NetworkView view = network();
		List<PoolTraffic.PairFinding> dropped = findings(view, Verdict.UNREACHABLE);
		assertEquals(2, dropped.size(), dropped.toString());
		List<List<Change>> remedies = new PathRemedies(view, POOL, SERVICES).forFinding(dropped);
		assertEquals(List.of(List.of(
				new Change(Kind.FORWARDING, "bigip01", Cidr.parse("198.51.100.128/25"), null, null, null, 0),
				new Change(Kind.FORWARDING, "bigip01", Cidr.parse("198.51.100.0/25"), null, null, null, 0))), remedies);
		// For one direction alone, the one forwarding virtual server towards that direction's peer.
		PoolTraffic.PairFinding toFe2 = dropped.stream().filter(f -> f.to().equals("fe2")).findFirst().orElseThrow();
		assertEquals(List.of(List.of(new Change(Kind.FORWARDING, "bigip01", Cidr.parse("198.51.100.128/25"), null, null, null, 0))),
				new PathRemedies(view, POOL, SERVICES).forFinding(List.of(toFe2)));
	}

	@Test
	void aForwardingVirtualServerWithoutThePortGetsThePort() {
		VirtualServer routed = new VirtualServer("routed", true, null, null, Set.of(5061), List.of(), Translation.NONE,
				List.of(), "fvs routed", "translation of routed");
		NetworkView view = network(routed);
		List<PoolTraffic.PairFinding> dropped = findings(view, Verdict.UNREACHABLE);
		assertTrue(!dropped.isEmpty());
		List<List<Change>> remedies = new PathRemedies(view, POOL, SERVICES).forFinding(dropped);
		assertEquals(1, remedies.size(), remedies.toString());
		assertTrue(remedies.get(0).stream().allMatch(c -> c.kind() == Kind.FORWARDING_PORT && c.virtualServer().equals("routed")),
				remedies.toString());
		assertEquals(SERVICES.stream().map(IntraPoolService::tcpPort).filter(p -> p != 5061).sorted().toList(),
				remedies.get(0).stream().map(Change::port).distinct().sorted().toList());
	}

	/**
	 * fe2 answers fe1 through a router that also reaches fe1's segment: the route through the
	 * balancer on fe2 makes it symmetric; the route the other way (fe1 through the router) would
	 * leave fe1's traffic to fe2 undeliverable, and is not offered.
	 */
	@Test
	void anAsymmetricPathGetsOnlyTheRouteThatProvesOut() {
		VirtualServer routed = new VirtualServer("routed", true, null, null, null, List.of(), Translation.NONE, List.of(),
				"fvs routed", "translation of routed");
		Balancer f5 = new Balancer("bigip01", List.of(nic("198.51.100.1/25"), nic("198.51.100.129/25")), List.of(),
				List.of(routed), "balancer bigip01");
		NetworkView.Router router = new NetworkView.Router("mgmt", List.of(nic("192.0.2.1/24"), nic("198.51.100.3/25")),
				List.of(), "router mgmt");
		NetworkView view = NetworkView.builder()
				.host(host("fe1", List.of(nic("198.51.100.11/25")), List.of(gateway("198.51.100.1"))))
				.host(host("fe2", List.of(nic("198.51.100.140/25"), nic("192.0.2.12/24")), List.of(gateway("192.0.2.1"))))
				.balancer(f5).router(router).dns(new DnsRecord("fe1", ip("198.51.100.11"), "A fe1"))
				.dns(new DnsRecord("fe2", ip("198.51.100.140"), "A fe2")).build();
		List<PoolTraffic.PairFinding> asymmetric = findings(view, Verdict.ASYMMETRIC).stream()
				.filter(f -> f.from().equals("fe1")).toList();
		assertEquals(1, asymmetric.size(), findings(view, Verdict.ASYMMETRIC).toString());
		List<List<Change>> remedies = new PathRemedies(view, POOL, SERVICES).forFinding(asymmetric);
		assertTrue(remedies.contains(List.of(new Change(Kind.ROUTE, "fe2", Cidr.parse("198.51.100.0/25"), ip("198.51.100.129"),
				"bigip01", null, 0))), remedies.toString());
		assertTrue(remedies.stream().flatMap(List::stream).noneMatch(c -> c.device().equals("fe1")), remedies.toString());
	}
}
