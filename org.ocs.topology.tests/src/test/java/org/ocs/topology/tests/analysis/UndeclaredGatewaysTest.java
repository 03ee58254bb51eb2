package org.ocs.topology.tests.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.ocs.topology.tests.analysis.FlowTracerTest.forwarding;
import static org.ocs.topology.tests.analysis.FlowTracerTest.gateway;
import static org.ocs.topology.tests.analysis.FlowTracerTest.ip;
import static org.ocs.topology.tests.analysis.FlowTracerTest.literal;
import static org.ocs.topology.tests.analysis.FlowTracerTest.nic;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.ocs.topology.analysis.routing.FlowTrace.Verdict;
import org.ocs.topology.analysis.routing.FlowTracer;
import org.ocs.topology.analysis.routing.NetworkView;
import org.ocs.topology.analysis.routing.NetworkView.Balancer;
import org.ocs.topology.analysis.routing.NetworkView.Host;
import org.ocs.topology.analysis.routing.NetworkView.Router;
import org.ocs.topology.analysis.routing.NetworkView.Translation;
import org.ocs.topology.analysis.routing.UndeclaredGateways;
import org.ocs.topology.analysis.routing.UndeclaredGateways.Suspect;

/** A mistyped gateway (issue 9): the tracer takes it for a working router, so the rule must see it. */
class UndeclaredGatewaysTest {

	private static Host server(String name, String address, String gateway) {
		return new Host(name, List.of(nic(address)), List.of(gateway(gateway)), Map.of(), name);
	}

	private static Router core() {
		return new Router("core", List.of(nic("192.0.2.1/24"), nic("198.51.100.1/24")), List.of(), "core");
	}

	@Test
	void aGatewayTheNeighboursDoNotUseIsSuspectThoughItsFlowLooksFine() {
		NetworkView view = NetworkView.builder().host(server("fe1", "192.0.2.11/24", "192.0.2.1"))
				.host(server("fe2", "192.0.2.12/24", "192.0.2.1")).host(server("fe3", "192.0.2.13/24", "192.0.2.10"))
				.host(server("sql", "198.51.100.20/24", "198.51.100.1")).router(core()).build();
		// The miss: through the assumed router at .10 the flow is delivered.
		assertEquals(Verdict.DIRECT, new FlowTracer(view).trace(view.host("fe3").get(), literal("198.51.100.20"), "sql",
				1433).verdict());
		List<Suspect> suspects = UndeclaredGateways.check(view);
		assertEquals(1, suspects.size(), suspects.toString());
		assertEquals("fe3", suspects.get(0).server().name());
		assertEquals(ip("192.0.2.1"), suspects.get(0).usedInstead().get(0).address());
		assertEquals("core", suspects.get(0).usedInstead().get(0).device());
		assertEquals(List.of("fe1", "fe2"), suspects.get(0).usedInstead().get(0).servers());
	}

	@Test
	void aLoneServerWhoseGatewayIsNotTheRoutingBalancerOnItsSubnetIsSuspect() {
		// The field report's shape with fe1's gateway mistyped: alone on its subnet, beside the BIG-IP.
		Balancer bigip = new Balancer("bigip01", List.of(nic("198.51.100.1/25"), nic("198.51.100.129/25")), List.of(),
				List.of(forwarding("routed", null, Translation.AUTOMAP)), "bigip01");
		NetworkView view = NetworkView.builder().host(server("fe1", "198.51.100.11/25", "198.51.100.10"))
				.host(server("fe2", "198.51.100.140/25", "198.51.100.129")).balancer(bigip).build();
		List<Suspect> suspects = UndeclaredGateways.check(view);
		assertEquals(1, suspects.size(), suspects.toString());
		assertEquals(ip("198.51.100.1"), suspects.get(0).usedInstead().get(0).address());
		assertEquals(List.of(), suspects.get(0).usedInstead().get(0).servers(), "no neighbour: the balancer's address");
	}

	@Test
	void serversSharingOneUndeclaredRouterBesideABalancerAreConsistent() {
		// A one-armed balancer next to the core router every server uses: the common shape, nothing to say.
		Balancer hlb = new Balancer("hlb01", List.of(nic("192.0.2.2/24")), List.of(), List.of(), "hlb01");
		NetworkView oneArmed = NetworkView.builder().host(server("fe1", "192.0.2.11/24", "192.0.2.1"))
				.host(server("fe2", "192.0.2.12/24", "192.0.2.1")).balancer(hlb).build();
		assertEquals(List.of(), UndeclaredGateways.check(oneArmed));
		// Even beside a routing balancer, when several servers agree on the undeclared router.
		Balancer routing = new Balancer("lb", List.of(nic("192.0.2.2/24"), nic("203.0.113.2/24")), List.of(),
				List.of(forwarding("routed", null, Translation.NONE)), "lb");
		NetworkView shared = NetworkView.builder().host(server("fe1", "192.0.2.11/24", "192.0.2.1"))
				.host(server("fe2", "192.0.2.12/24", "192.0.2.1")).balancer(routing).build();
		assertEquals(List.of(), UndeclaredGateways.check(shared));
		// And a server alone with no declared routing device on its subnet: the small topology.
		NetworkView small = NetworkView.builder().host(server("fe1", "192.0.2.11/24", "192.0.2.1")).build();
		assertEquals(List.of(), UndeclaredGateways.check(small));
	}
}
