package org.ocs.topology.tests.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ocs.topology.tests.analysis.FlowTracerTest.forwarding;
import static org.ocs.topology.tests.analysis.FlowTracerTest.gateway;
import static org.ocs.topology.tests.analysis.FlowTracerTest.ip;
import static org.ocs.topology.tests.analysis.FlowTracerTest.nic;
import static org.ocs.topology.tests.analysis.FlowTracerTest.vip;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.ocs.topology.analysis.routing.FlowTrace;
import org.ocs.topology.analysis.routing.TraceText;
import org.ocs.topology.analysis.routing.FlowTrace.Verdict;
import org.ocs.topology.analysis.routing.FlowTracer;
import org.ocs.topology.analysis.routing.NetworkView;
import org.ocs.topology.analysis.routing.NetworkView.Balancer;
import org.ocs.topology.analysis.routing.NetworkView.DnsRecord;
import org.ocs.topology.analysis.routing.NetworkView.Host;
import org.ocs.topology.analysis.routing.NetworkView.Translation;
import org.ocs.topology.analysis.routing.NetworkView.VirtualServer;

/**
 * A Front End's FQDN pointing at its pool's VIP (issue 9): the balancer may send fe1's traffic for
 * fe2 to either member. Every member is traced; the verdicts are the same whatever the order of
 * the members, and the one that comes back to its sender says so.
 */
class MemberSelectionTest {

	private static NetworkView pool(List<String> members, List<VirtualServer> extra) {
		Host fe1 = new Host("fe1.contoso.com", List.of(nic("192.0.2.11/24")), List.of(gateway("192.0.2.2")), Map.of(), "fe1");
		Host fe2 = new Host("fe2.contoso.com", List.of(nic("192.0.2.12/24")), List.of(gateway("192.0.2.2")), Map.of(), "fe2");
		List<VirtualServer> servers = new java.util.ArrayList<>(extra);
		servers.add(vip("pool-vip", "203.0.113.10", Set.of(5061, 5071), members, Translation.AUTOMAP));
		servers.add(forwarding("routed", "0.0.0.0/0", Translation.NONE));
		Balancer f5 = new Balancer("bigip01", List.of(nic("192.0.2.2/24"), nic("203.0.113.2/24")), List.of(), servers, "f5");
		return NetworkView.builder().host(fe1).host(fe2).balancer(f5)
				.dns(new DnsRecord("fe2.contoso.com", ip("203.0.113.10"), "A fe2 -> VIP")).build();
	}

	private static List<String> verdicts(NetworkView view) {
		return new FlowTracer(view).traceToName(view.host("fe1.contoso.com").get(), "fe2.contoso.com", 5071).stream()
				.map(t -> t.verdict() + ": " + TraceText.explanation(t)).toList();
	}

	@Test
	void everyMemberIsTracedWhateverTheirOrder() {
		List<String> written = verdicts(pool(List.of("fe1.contoso.com", "fe2.contoso.com"), List.of()));
		List<String> reversed = verdicts(pool(List.of("fe2.contoso.com", "fe1.contoso.com"), List.of()));
		assertEquals(written, reversed);
		assertEquals(2, written.size(), written.toString());
		assertTrue(written.get(0).startsWith("UNREACHABLE: 203.0.113.10 (the VIP of bigip01) takes it back at"
				+ " fe1.contoso.com, the sender itself, not to fe2.contoso.com"), written.toString());
		assertTrue(written.get(1).startsWith("HAIRPIN: "), written.toString());
	}

	@Test
	void theMostSpecificVirtualServerOnAVipWinsNotTheFirstWritten() {
		// A catch-all virtual server on the same VIP, written first, that keeps the source: the one
		// listing port 5071 (automap) still takes the Match Making traffic.
		VirtualServer catchAll = new VirtualServer("catch-all", false, ip("203.0.113.10"), null, null,
				List.of("fe2.contoso.com"), Translation.NONE, List.of(), "vs catch-all", "translation of catch-all");
		NetworkView view = pool(List.of("fe2.contoso.com"), List.of(catchAll));
		List<FlowTrace> traces = new FlowTracer(view).traceToName(view.host("fe1.contoso.com").get(), "fe2.contoso.com", 5071);
		assertEquals(1, traces.size());
		assertEquals(Verdict.HAIRPIN, traces.get(0).verdict(), TraceText.explanation(traces.get(0)));
		assertTrue(traces.get(0).request().hops().stream().anyMatch(h -> TraceText.brief(h).contains("pool-vip")),
				traces.get(0).request().hops().toString());
	}
}
