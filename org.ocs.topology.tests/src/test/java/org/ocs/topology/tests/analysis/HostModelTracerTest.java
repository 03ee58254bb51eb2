package org.ocs.topology.tests.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ocs.topology.tests.analysis.FlowTracerTest.forwarding;
import static org.ocs.topology.tests.analysis.FlowTracerTest.gateway;
import static org.ocs.topology.tests.analysis.FlowTracerTest.ip;
import static org.ocs.topology.tests.analysis.FlowTracerTest.literal;
import static org.ocs.topology.tests.analysis.FlowTracerTest.nic;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.ocs.topology.analysis.routing.FlowTrace;
import org.ocs.topology.analysis.routing.TraceText;
import org.ocs.topology.analysis.routing.FlowTrace.Verdict;
import org.ocs.topology.analysis.routing.FlowTracer;
import org.ocs.topology.analysis.routing.Hop;
import org.ocs.topology.analysis.routing.HostModel;
import org.ocs.topology.analysis.routing.NetworkView;
import org.ocs.topology.analysis.routing.NetworkView.Balancer;
import org.ocs.topology.analysis.routing.NetworkView.Host;
import org.ocs.topology.analysis.routing.NetworkView.Route;
import org.ocs.topology.analysis.routing.NetworkView.Translation;

/**
 * The host model on hand-built views. The case of issue 9: a Lync 2010 Front End with two NICs,
 * each with its own default gateway (the balancer on the pool side, a router on management). A
 * peer reaches it through the balancer, which keeps the source; the reply leaves from the address
 * the peer called. Windows Server 2008 (strong) sends it out of that interface, back through the
 * balancer: symmetric. Only under the weak model can it leave by the management gateway.
 */
class HostModelTracerTest {

	private static NetworkView twoNicFrontEnd(HostModel model, List<Route> fe2Routes) {
		Host fe1 = new Host("fe1", List.of(nic("198.51.100.11/25")), List.of(gateway("198.51.100.1")), Map.of(), model,
				"server fe1");
		Host fe2 = new Host("fe2", List.of(nic("198.51.100.140/25"), nic("192.0.2.12/24")), fe2Routes, Map.of(), model,
				"server fe2");
		Balancer f5 = new Balancer("bigip01", List.of(nic("198.51.100.1/25"), nic("198.51.100.129/25")), List.of(),
				List.of(forwarding("routed", "0.0.0.0/0", Translation.NONE)), "balancer bigip01");
		return NetworkView.builder().host(fe1).host(fe2).balancer(f5).build();
	}

	private static FlowTrace fe1ToFe2(NetworkView view) {
		return new FlowTracer(view).trace(view.host("fe1").get(), literal("198.51.100.140"), "fe2", 5071);
	}

	/** The management gateway has the lower address: a weak host could pick it for the reply. */
	private static final List<Route> GATEWAYS = List.of(gateway("198.51.100.129"), gateway("192.0.2.1"));

	@Test
	void strongHostRepliesOutOfTheInterfaceThePeerCalled() {
		FlowTrace trace = fe1ToFe2(twoNicFrontEnd(HostModel.STRONG, GATEWAYS));
		assertEquals(Verdict.THROUGH_BALANCER_SOURCE_KEPT, trace.verdict(), TraceText.explanation(trace));
		assertEquals("default gateway 198.51.100.129", TraceText.brief(trace.reply().hops().get(0)));
		assertNull(trace.assumption(), "the model is stated: nothing assumed");
	}

	@Test
	void theVerdictDoesNotDependOnTheOrderOfTheGateways() {
		for (HostModel model : HostModel.values()) {
			FlowTrace written = fe1ToFe2(twoNicFrontEnd(model, GATEWAYS));
			FlowTrace reversed = fe1ToFe2(twoNicFrontEnd(model, List.of(GATEWAYS.get(1), GATEWAYS.get(0))));
			assertEquals(written.verdict(), reversed.verdict(), model.name());
			assertEquals(TraceText.brief(written.reply().hops().get(0)), TraceText.brief(reversed.reply().hops().get(0)), model.name());
		}
	}

	@Test
	void aStrongHostWithNoRouteOnTheSourcesInterfaceDropsTheReplyAndSaysWhy() {
		// Only the management NIC has a gateway: a strong host cannot answer from the pool-side address.
		FlowTrace trace = fe1ToFe2(twoNicFrontEnd(HostModel.STRONG, List.of(gateway("192.0.2.1"))));
		assertEquals(Verdict.UNREACHABLE, trace.verdict(), TraceText.explanation(trace));
		Hop drop = trace.reply().drop();
		assertEquals(Hop.DropReason.NO_ROUTE_FROM_SOURCE_INTERFACE, drop.dropReason(), "the host model is the cause, as data");
		assertEquals(HostModel.STRONG, ((Hop.Drop) drop.step()).hostModel());
		assertEquals(org.ocs.topology.analysis.net.Cidr.parse("198.51.100.128/25"), ((Hop.Drop) drop.step()).subnet());
		String why = TraceText.why(drop);
		assertTrue(why.contains("out of the interface that owns 198.51.100.140 (198.51.100.128/25)"), why);
		assertTrue(why.contains("under the strong host model (Windows Server 2008 and later) a packet leaves only by the"
				+ " interface that owns its source address"), why);
		// The weak host uses the management gateway: the balancer sees half the connection.
		FlowTrace weak = fe1ToFe2(twoNicFrontEnd(HostModel.WEAK, List.of(gateway("192.0.2.1"))));
		assertEquals(Verdict.ASYMMETRIC, weak.verdict(), TraceText.explanation(weak));
	}

	@Test
	void anUnknownModelThatChangesTheVerdictIsTracedUnderBothAndSaysWhatItAssumed() {
		// Problem under one model, fine under the other: the problem is returned with its assumption.
		NetworkView view = twoNicFrontEnd(HostModel.UNKNOWN,
				List.of(gateway("198.51.100.129"), new Route(
						org.ocs.topology.analysis.net.Cidr.parse("198.51.100.0/25"), ip("192.0.2.1"), "route to fe1's subnet")));
		FlowTrace trace = fe1ToFe2(view);
		assertEquals(Verdict.ASYMMETRIC, trace.verdict(), TraceText.explanation(trace));
		assertEquals(HostModel.WEAK, trace.assumption().assumed());
		assertEquals(List.of("fe2"), trace.assumption().servers());
		assertEquals(Verdict.THROUGH_BALANCER_SOURCE_KEPT, trace.assumption().otherwise());
		assertTrue(!trace.assumption().problemEitherWay());
		// Problems under both models: still an assumption about which, but certain that it fails.
		FlowTrace both = fe1ToFe2(twoNicFrontEnd(HostModel.UNKNOWN, List.of(gateway("192.0.2.1"))));
		assertTrue(both.verdict().isProblem());
		assertTrue(both.assumption().problemEitherWay(), both.toString());
	}

	@Test
	void anUnknownModelThatChangesNothingAssumesNothing() {
		// A single NIC: both models send the same way.
		FlowTrace trace = fe1ToFe2(twoNicFrontEnd(HostModel.UNKNOWN, List.of(gateway("198.51.100.129"))));
		assertEquals(Verdict.THROUGH_BALANCER_SOURCE_KEPT, trace.verdict());
		assertNull(trace.assumption());
	}
}
