package org.ocs.topology.tests.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ocs.topology.tests.analysis.FlowTracerTest.gateway;
import static org.ocs.topology.tests.analysis.FlowTracerTest.literal;
import static org.ocs.topology.tests.analysis.FlowTracerTest.nic;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.ocs.topology.analysis.net.Cidr;
import org.ocs.topology.analysis.routing.FlowTrace;
import org.ocs.topology.analysis.routing.TraceText;
import org.ocs.topology.analysis.routing.FlowTrace.Verdict;
import org.ocs.topology.analysis.routing.FlowTracer;
import org.ocs.topology.analysis.routing.Hop;
import org.ocs.topology.analysis.routing.NetworkView;
import org.ocs.topology.analysis.routing.NetworkView.Host;
import org.ocs.topology.analysis.routing.NetworkView.Route;
import org.ocs.topology.analysis.routing.NetworkView.Router;

/**
 * A declared router (issue 9) forwards by its own interfaces and routes; an undeclared gateway
 * address is still a router that reaches every declared subnet.
 */
class RouterTracerTest {

	private static NetworkView through(Router core) {
		Host a = new Host("a", List.of(nic("192.0.2.10/24")), List.of(gateway("192.0.2.1")), Map.of(), "a");
		Host b = new Host("b", List.of(nic("198.51.100.20/24")), List.of(gateway("198.51.100.1")), Map.of(), "b");
		NetworkView.Builder builder = NetworkView.builder().host(a).host(b);
		if (core != null) {
			builder.router(core);
		}
		return builder.build();
	}

	private static FlowTrace aToB(NetworkView view) {
		return new FlowTracer(view).trace(view.host("a").get(), literal("198.51.100.20"), "b", 5061);
	}

	@Test
	void aDeclaredRouterForwardsByItsOwnInterfacesAndSaysSo() {
		Router core = new Router("core1", List.of(nic("192.0.2.1/24"), nic("198.51.100.1/24")), List.of(), "router core1");
		FlowTrace trace = aToB(through(core));
		assertEquals(Verdict.DIRECT, trace.verdict(), TraceText.explanation(trace));
		Hop router = trace.request().hops().get(1);
		assertEquals(Hop.Kind.ROUTER, router.kind());
		assertEquals("router core1 forwards it on-link to 198.51.100.20", TraceText.why(router));
		assertEquals("nic 198.51.100.1/24", router.declaration(), "the hop points at the router's interface");
	}

	@Test
	void aDeclaredRouterWithoutARouteDropsIt() {
		// core1 is only on a's subnet and has no route to b's: the packet stops there.
		Router core = new Router("core1", List.of(nic("192.0.2.1/24")),
				List.of(new Route(Cidr.parse("203.0.113.0/24"), FlowTracerTest.ip("192.0.2.254"), "route elsewhere")),
				"router core1");
		FlowTrace trace = aToB(through(core));
		assertEquals(Verdict.UNREACHABLE, trace.verdict());
		assertTrue(TraceText.why(trace.request().drop()).contains("has no route from core1 to 198.51.100.20"),
				TraceText.why(trace.request().drop()));
		// Undeclared, the same gateway address is assumed to reach every declared subnet.
		assertEquals(Verdict.DIRECT, aToB(through(null)).verdict());
	}
}
