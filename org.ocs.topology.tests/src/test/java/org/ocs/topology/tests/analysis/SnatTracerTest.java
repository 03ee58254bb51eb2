package org.ocs.topology.tests.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ocs.topology.tests.analysis.FlowTracerTest.gateway;
import static org.ocs.topology.tests.analysis.FlowTracerTest.ip;
import static org.ocs.topology.tests.analysis.FlowTracerTest.literal;
import static org.ocs.topology.tests.analysis.FlowTracerTest.nic;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.ocs.topology.analysis.net.Cidr;
import org.ocs.topology.analysis.net.Ipv4Address;
import org.ocs.topology.analysis.routing.FlowTrace;
import org.ocs.topology.analysis.routing.TraceText;
import org.ocs.topology.analysis.routing.FlowTrace.Verdict;
import org.ocs.topology.analysis.routing.FlowTracer;
import org.ocs.topology.analysis.routing.NetworkView;
import org.ocs.topology.analysis.routing.NetworkView.Balancer;
import org.ocs.topology.analysis.routing.NetworkView.Host;
import org.ocs.topology.analysis.routing.NetworkView.Translation;
import org.ocs.topology.analysis.routing.NetworkView.VirtualServer;

/** SNAT pools (issue 9): every address traced, replies to them come back to the balancer, empty is a drop. */
class SnatTracerTest {

	private static NetworkView routedThroughSnat(List<Ipv4Address> pool) {
		Host a = new Host("a", List.of(nic("198.51.100.11/25")), List.of(gateway("198.51.100.1")), Map.of(), "a");
		Host b = new Host("b", List.of(nic("198.51.100.140/25")), List.of(gateway("198.51.100.129")), Map.of(), "b");
		VirtualServer routed = new VirtualServer("routed", true, null, Cidr.parse("0.0.0.0/0"), null, List.of(),
				Translation.SNAT, pool, "fvs routed", "snat of routed");
		Balancer f5 = new Balancer("bigip01", List.of(nic("198.51.100.1/25"), nic("198.51.100.129/25")), List.of(),
				List.of(routed), "f5");
		return NetworkView.builder().host(a).host(b).balancer(f5).build();
	}

	private static List<FlowTrace> aToB(NetworkView view) {
		return new FlowTracer(view).traceAll(view.host("a").get(), literal("198.51.100.140"), "b", 5071);
	}

	@Test
	void everyAddressOfThePoolIsTracedAndItsReplyComesBackThroughTheBalancer() {
		// Written out of order: traced in address order, each a hairpin whose reply the balancer takes back.
		List<FlowTrace> traces = aToB(routedThroughSnat(List.of(ip("198.51.100.151"), ip("198.51.100.150"))));
		assertEquals(2, traces.size());
		assertEquals(ip("198.51.100.150"), traces.get(0).request().source());
		assertEquals(ip("198.51.100.151"), traces.get(1).request().source());
		for (FlowTrace trace : traces) {
			assertEquals(Verdict.HAIRPIN, trace.verdict(), TraceText.explanation(trace));
			assertTrue(TraceText.explanation(trace).contains("(load balancer bigip01)"), TraceText.explanation(trace));
			assertTrue(trace.reply().delivered(), "the reply to the SNAT address reaches the balancer's connection entry: "
					+ trace.reply().hops());
		}
	}

	@Test
	void anEmptyPoolDropsTheTrafficAndSaysWhy() {
		List<FlowTrace> traces = aToB(routedThroughSnat(List.of()));
		assertEquals(1, traces.size());
		assertEquals(Verdict.UNREACHABLE, traces.get(0).verdict());
		assertTrue(TraceText.why(traces.get(0).request().drop()).contains("whose SNAT pool lists no address"),
				TraceText.why(traces.get(0).request().drop()));
		assertEquals("snat of routed", traces.get(0).request().drop().declaration());
	}
	@Test
	void pastTheLimitOfPathsTheFlowIsNotCalledClean() {
		// 24 members times 22 SNAT addresses: 528 paths, more than are traced.
		List<Host> members = new java.util.ArrayList<>();
		for (int i = 1; i <= 24; i++) {
			members.add(new Host("fe" + i, List.of(nic("198.51.100." + (10 + i) + "/24")), List.of(), Map.of(), "fe" + i));
		}
		List<Ipv4Address> pool = new java.util.ArrayList<>();
		for (int i = 1; i <= 22; i++) {
			pool.add(ip("198.51.100." + (100 + i)));
		}
		VirtualServer vip = new VirtualServer("pool-vip", false, ip("203.0.113.10"), null, null,
				members.stream().map(Host::name).toList(), Translation.SNAT, pool, "vs", "snat");
		Balancer f5 = new Balancer("bigip01", List.of(nic("198.51.100.2/24"), nic("203.0.113.2/24")), List.of(), List.of(vip), "f5");
		Host client = new Host("client", List.of(nic("203.0.113.50/24")), List.of(), Map.of(), "client");
		NetworkView.Builder builder = NetworkView.builder().host(client).balancer(f5);
		members.forEach(builder::host);
		NetworkView view = builder.build();
		List<FlowTrace> traces = new FlowTracer(view).traceAll(client, literal("203.0.113.10"), null, 5061);
		assertEquals(513, traces.size());
		FlowTrace last = traces.get(512);
		assertEquals(Verdict.UNREACHABLE, last.verdict());
		assertTrue(TraceText.explanation(last).contains("more than 512 paths"), TraceText.explanation(last));
	}
}
