package org.ocs.topology.tests.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.ocs.topology.analysis.net.Cidr;
import org.ocs.topology.analysis.net.Ipv4Address;
import org.ocs.topology.analysis.routing.FlowTrace;
import org.ocs.topology.analysis.routing.TraceText;
import org.ocs.topology.analysis.routing.FlowTrace.Resolution;
import org.ocs.topology.analysis.routing.FlowTrace.Verdict;
import org.ocs.topology.analysis.routing.FlowTracer;
import org.ocs.topology.analysis.routing.Hop;
import org.ocs.topology.analysis.routing.NetworkView;
import org.ocs.topology.analysis.routing.NetworkView.Balancer;
import org.ocs.topology.analysis.routing.NetworkView.DnsRecord;
import org.ocs.topology.analysis.routing.NetworkView.Host;
import org.ocs.topology.analysis.routing.NetworkView.HostsEntry;
import org.ocs.topology.analysis.routing.NetworkView.Nic;
import org.ocs.topology.analysis.routing.NetworkView.Route;
import org.ocs.topology.analysis.routing.NetworkView.Translation;
import org.ocs.topology.analysis.routing.NetworkView.VirtualServer;
import org.ocs.topology.analysis.routing.PathSummary;

/** The flow tracer on hand-built network views: no Xtext, no EMF. */
class FlowTracerTest {

	public static Ipv4Address ip(String text) {
		return Ipv4Address.parse(text);
	}

	public static Nic nic(String addressWithPrefix) {
		Cidr cidr = Cidr.parse(addressWithPrefix);
		return new Nic(null, cidr.address(), cidr.networkCidr(), false, "nic " + addressWithPrefix);
	}

	public static Route gateway(String nextHop) {
		return new Route(Cidr.parse("0.0.0.0/0"), ip(nextHop), "gateway " + nextHop);
	}

	static Route route(String destination, String nextHop) {
		return new Route(Cidr.parse(destination), ip(nextHop), "route " + destination);
	}

	static Host host(String name, List<Nic> nics, List<Route> routes, HostsEntry... hostsFile) {
		Map<String, List<HostsEntry>> hosts = new java.util.HashMap<>();
		for (HostsEntry entry : hostsFile) {
			hosts.computeIfAbsent(entry.name(), n -> new ArrayList<>()).add(entry);
		}
		return new Host(name, nics, routes, hosts, "server " + name);
	}

	public static VirtualServer vip(String name, String vip, Set<Integer> ports, List<String> members, Translation translation) {
		return new VirtualServer(name, false, ip(vip), null, ports, members, translation, List.of(), "vs " + name,
				"translation of " + name);
	}

	public static VirtualServer forwarding(String name, String destination, Translation translation) {
		return new VirtualServer(name, true, null, destination == null ? null : Cidr.parse(destination), null,
				List.of(), translation, List.of(), "fvs " + name, "translation of " + name);
	}

	public static Resolution literal(String address) {
		return new Resolution(address, ip(address), Resolution.Method.LITERAL, null);
	}

	/** The Front Ends of the field report: LB-facing addresses on two subnets, gateway on the F5. */
	static NetworkView.Builder seed(Translation forwardingTranslation) {
		Host fe1 = host("fe1.contoso.com", List.of(nic("198.51.100.11/25"), nic("192.0.2.11/24")), List.of(gateway("198.51.100.1")));
		Host fe2 = host("fe2.contoso.com", List.of(nic("198.51.100.140/25"), nic("192.0.2.12/24")), List.of(gateway("198.51.100.129")));
		Balancer f5 = new Balancer("bigip01", List.of(nic("198.51.100.1/25"), nic("198.51.100.129/25"), nic("203.0.113.2/24")),
				List.of(), List.of(vip("pool-vip", "203.0.113.10", Set.of(5061, 443), List.of("fe1.contoso.com", "fe2.contoso.com"), Translation.AUTOMAP),
						forwarding("routed", "0.0.0.0/0", forwardingTranslation)),
				"balancer bigip01");
		return NetworkView.builder().host(fe1).host(fe2).balancer(f5)
				.dns(new DnsRecord("fe2.contoso.com", ip("198.51.100.140"), "A fe2"))
				.dns(new DnsRecord("pool.contoso.com", ip("203.0.113.10"), "A pool"));
	}

	@Test
	void onLinkIsDirectBothWays() {
		NetworkView view = NetworkView.builder()
				.host(host("a", List.of(nic("192.0.2.10/24")), List.of()))
				.host(host("b", List.of(nic("192.0.2.20/24")), List.of())).build();
		FlowTrace trace = new FlowTracer(view).trace(view.host("a").get(), literal("192.0.2.20"), "b", 5071);
		assertEquals(Verdict.DIRECT, trace.verdict(), TraceText.explanation(trace));
		assertEquals(ip("192.0.2.10"), trace.request().source(), "the peer sees the sender's own address");
		assertEquals(List.of(Hop.Kind.SEND, Hop.Kind.DELIVER), kinds(trace.request().hops()));
		assertEquals("nic 192.0.2.10/24", trace.request().hops().get(0).declaration(), "the hop points at the interface");
		assertTrue(trace.reply().delivered());
		assertEquals(ip("192.0.2.20"), trace.reply().source());
	}

	@Test
	void staticRouteBeatsTheDefaultGatewayByLongestPrefix() {
		NetworkView view = NetworkView.builder()
				.host(host("a", List.of(nic("192.0.2.10/24")), List.of(gateway("192.0.2.1"), route("198.51.100.0/24", "192.0.2.254"))))
				.host(host("b", List.of(nic("198.51.100.20/24")), List.of(gateway("198.51.100.1")))).build();
		FlowTrace trace = new FlowTracer(view).trace(view.host("a").get(), literal("198.51.100.20"), "b", 5071);
		assertEquals(Verdict.DIRECT, trace.verdict(), TraceText.explanation(trace));
		Hop send = trace.request().hops().get(0);
		assertEquals("route 198.51.100.0/24 via 192.0.2.254", TraceText.brief(send));
		assertEquals("route 198.51.100.0/24", send.declaration());
		Hop router = trace.request().hops().get(1);
		assertEquals(Hop.Kind.ASSUMED_ROUTER, router.kind(), "an undeclared router forwards it");
		assertEquals("route 198.51.100.0/24", router.declaration(), "shown at the route that names it");
		assertEquals(List.of("192.0.2.254", "198.51.100.1"), trace.assumedRouters(), "request, then reply");
		assertEquals("default gateway 198.51.100.1", TraceText.brief(trace.reply().hops().get(0)), "the reply uses b's gateway");
	}

	@Test
	void defaultGatewayThroughAnUndeclaredRouter() {
		NetworkView view = NetworkView.builder()
				.host(host("a", List.of(nic("192.0.2.10/24")), List.of(gateway("192.0.2.1"))))
				.host(host("b", List.of(nic("198.51.100.20/24")), List.of(gateway("198.51.100.1")))).build();
		FlowTrace trace = new FlowTracer(view).trace(view.host("a").get(), literal("198.51.100.20"), "b", 5071);
		assertEquals(Verdict.DIRECT, trace.verdict());
		assertEquals("gateway 192.0.2.1", trace.request().hops().get(0).declaration());
		assertEquals("a -> default gateway 192.0.2.1 = router 192.0.2.1 (assumed) -> b sees 192.0.2.10", PathSummary.of(trace));
		assertFalse(trace.problemRestsOnAssumption(), "delivered: no problem to rest on anything");
	}

	@Test
	void vipWithTranslationSendsToAMemberFromTheBalancer() {
		NetworkView view = seed(Translation.AUTOMAP).build();
		Host fe1 = view.host("fe1.contoso.com").get();
		FlowTrace trace = new FlowTracer(view).trace(fe1, new Resolution("pool.contoso.com", ip("203.0.113.10"),
				Resolution.Method.DNS, "A pool"), null, 5061);
		assertTrue(trace.request().delivered(), TraceText.explanation(trace));
		Hop balancer = trace.request().hops().stream().filter(h -> h.kind() == Hop.Kind.BALANCER).findFirst().orElseThrow();
		assertEquals(ip("198.51.100.11"), balancer.destination(), "member fe1 at its LB-facing address");
		assertEquals(ip("198.51.100.1"), balancer.source(), "automap: the self IP on the egress subnet");
		assertEquals(ip("198.51.100.11"), balancer.sourceIn(), "in: fe1's own address");
		assertEquals(ip("203.0.113.10"), balancer.destinationIn(), "in: the VIP");
		assertEquals("translation of pool-vip", balancer.declaration());
		assertTrue(trace.reply().delivered(), "the reply returns through the connection entry");
		assertEquals(ip("203.0.113.10"), trace.reply().source(), "the client sees the VIP answer");
	}

	@Test
	void vipWithoutTranslationKeepsTheClientAddress() {
		Host client = host("client", List.of(nic("203.0.113.50/24")), List.of());
		Host fe1 = host("fe1", List.of(nic("198.51.100.11/25")), List.of(gateway("198.51.100.1")));
		Balancer f5 = new Balancer("f5", List.of(nic("198.51.100.1/25"), nic("203.0.113.2/24")), List.of(),
				List.of(vip("vip", "203.0.113.10", null, List.of("fe1"), Translation.NONE)), "f5");
		NetworkView view = NetworkView.builder().host(client).host(fe1).balancer(f5).build();
		FlowTrace trace = new FlowTracer(view).trace(client, literal("203.0.113.10"), "fe1", 5061);
		assertEquals(Verdict.THROUGH_BALANCER_SOURCE_KEPT, trace.verdict(), TraceText.explanation(trace));
		assertEquals(ip("203.0.113.50"), trace.request().source(), "fe1 sees the client itself");
		assertEquals(List.of(f5), trace.reply().balancers(), "fe1 answers through its gateway, the balancer");
	}

	@Test
	void forwardingVirtualServerWithAutomapIsTheHairpinOfTheFieldReport() {
		NetworkView view = seed(Translation.AUTOMAP).build();
		FlowTracer tracer = new FlowTracer(view);
		List<FlowTrace> traces = tracer.traceToName(view.host("fe1.contoso.com").get(), "fe2.contoso.com", 5071);
		assertEquals(1, traces.size());
		FlowTrace trace = traces.get(0);
		assertEquals(Verdict.HAIRPIN, trace.verdict());
		assertEquals(ip("198.51.100.129"), trace.request().source(), "fe2 sees the balancer's self IP");
		assertEquals("fe1.contoso.com -> fe2.contoso.com (198.51.100.140, DNS) -> default gateway 198.51.100.1"
				+ " = bigip01 (forwarding routed, automap 198.51.100.129) -> fe2.contoso.com sees 198.51.100.129,"
				+ " not fe1.contoso.com",
				PathSummary.of(trace));
		assertTrue(TraceText.explanation(trace).contains("load balancer bigip01"), TraceText.explanation(trace));
		assertEquals(List.of("A fe2", "gateway 198.51.100.1", "translation of routed", "nic 198.51.100.140/25"),
				trace.request().hops().stream().map(Hop::declaration).toList(), "each hop points at its declaration");
		// The same as data: what each device does, the cause and the device it names.
		assertEquals(FlowTrace.Cause.SOURCE_TRANSLATED, trace.cause());
		assertEquals(new FlowTrace.Party("bigip01", Hop.Role.BALANCER), trace.party());
		List<Hop> hops = trace.request().hops();
		assertEquals(new Hop.Resolve("fe2.contoso.com", Resolution.Method.DNS), hops.get(0).step());
		assertEquals(new Hop.Send(Cidr.parse("198.51.100.0/25"), gateway("198.51.100.1")), hops.get(1).step());
		assertEquals(new Hop.Balance("routed", true, Translation.AUTOMAP, null, false), hops.get(2).step());
		assertEquals(Hop.Role.BALANCER, hops.get(2).role());
		assertEquals(ip("198.51.100.11"), hops.get(2).sourceIn());
		assertEquals(ip("198.51.100.129"), hops.get(2).source(), "automap: the self IP on the egress subnet");
		assertEquals(new Hop.Deliver(), hops.get(3).step());
		assertEquals(new Hop.Balance("routed", true, Translation.AUTOMAP, null, true), trace.reply().hops().get(1).step(),
				"the reply matches the request's connection entry: " + trace.reply().hops());
	}

	@Test
	void forwardingVirtualServerKeepingTheSourceIsNotAHairpin() {
		NetworkView view = seed(Translation.NONE).build();
		FlowTrace trace = new FlowTracer(view).traceToName(view.host("fe1.contoso.com").get(), "fe2.contoso.com", 5071).get(0);
		assertEquals(Verdict.THROUGH_BALANCER_SOURCE_KEPT, trace.verdict(), TraceText.explanation(trace));
		assertEquals(ip("198.51.100.11"), trace.request().source());
		assertEquals(List.of("bigip01"), trace.reply().balancers().stream().map(Balancer::name).toList());
	}

	@Test
	void hostsFileComesBeforeDnsAndFixesTheHairpin() {
		NetworkView.Builder builder = seed(Translation.AUTOMAP);
		Host fe1 = host("fe1.contoso.com", List.of(nic("198.51.100.11/25"), nic("192.0.2.11/24")), List.of(gateway("198.51.100.1")),
				new HostsEntry("fe2.contoso.com", ip("192.0.2.12"), "hosts fe2"));
		NetworkView view = NetworkView.builder().host(fe1).host(seed(Translation.AUTOMAP).build().host("fe2.contoso.com").get())
				.balancer(builder.build().balancer("bigip01").get())
				.dns(new DnsRecord("fe2.contoso.com", ip("198.51.100.140"), "A fe2")).build();
		FlowTrace trace = new FlowTracer(view).traceToName(fe1, "fe2.contoso.com", 5071).get(0);
		assertEquals(Resolution.Method.HOSTS_FILE, trace.resolution().method());
		assertEquals(Verdict.DIRECT, trace.verdict(), TraceText.explanation(trace));
		assertEquals(ip("192.0.2.11"), trace.request().source());
	}

	@Test
	void replyAroundTheBalancerIsAsymmetric() {
		// fe2 answers through a router on its management network, not through the balancer.
		Host fe1 = host("fe1", List.of(nic("198.51.100.11/25")), List.of(gateway("198.51.100.1")));
		Host fe2 = host("fe2", List.of(nic("198.51.100.140/25"), nic("192.0.2.12/24")), List.of(gateway("192.0.2.1")));
		Balancer f5 = new Balancer("bigip01", List.of(nic("198.51.100.1/25"), nic("198.51.100.129/25")), List.of(),
				List.of(forwarding("routed", null, Translation.NONE)), "bigip01");
		NetworkView view = NetworkView.builder().host(fe1).host(fe2).balancer(f5).build();
		FlowTrace trace = new FlowTracer(view).trace(fe1, literal("198.51.100.140"), "fe2", 5071);
		assertEquals(Verdict.ASYMMETRIC, trace.verdict(), TraceText.explanation(trace));
		assertEquals(FlowTrace.Cause.REPLY_CROSSES_OTHER_BALANCERS, trace.cause());
		assertTrue(TraceText.explanation(trace).contains("the reply crosses no balancer"), TraceText.explanation(trace));
		assertEquals(List.of(f5), trace.request().balancers());
		assertEquals(List.of(), trace.reply().balancers());
	}

	@Test
	void replyIntoABalancerWithoutAConnectionEntryIsDropped() {
		// The request goes around the balancer (static route), the reply into it.
		Host fe1 = host("fe1", List.of(nic("198.51.100.11/25")), List.of(gateway("198.51.100.1"),
				route("198.51.100.128/25", "198.51.100.126")));
		Host fe2 = host("fe2", List.of(nic("198.51.100.140/25")), List.of(gateway("198.51.100.129")));
		Balancer f5 = new Balancer("bigip01", List.of(nic("198.51.100.1/25"), nic("198.51.100.129/25")), List.of(),
				List.of(forwarding("routed", null, Translation.NONE)), "bigip01");
		NetworkView view = NetworkView.builder().host(fe1).host(fe2).balancer(f5).build();
		FlowTrace trace = new FlowTracer(view).trace(fe1, literal("198.51.100.140"), "fe2", 5071);
		assertEquals(Verdict.ASYMMETRIC, trace.verdict(), TraceText.explanation(trace));
		assertEquals(Hop.Kind.DROP, trace.reply().drop().kind());
		assertEquals(Hop.DropReason.NO_CONNECTION_ENTRY, trace.reply().drop().dropReason());
		assertEquals(FlowTrace.Cause.REPLY_DROPPED, trace.cause());
		assertEquals("bigip01", trace.reply().drop().declaration());
	}

	@Test
	void unreachableWithoutARouteOrWithoutAVirtualServer() {
		NetworkView noRoute = NetworkView.builder().host(host("a", List.of(nic("192.0.2.10/24")), List.of()))
				.host(host("b", List.of(nic("198.51.100.20/24")), List.of())).build();
		FlowTrace trace = new FlowTracer(noRoute).trace(noRoute.host("a").get(), literal("198.51.100.20"), "b", 5071);
		assertEquals(Verdict.UNREACHABLE, trace.verdict());
		assertTrue(TraceText.explanation(trace).contains("no route"), TraceText.explanation(trace));
		assertEquals(FlowTrace.Cause.REQUEST_DROPPED, trace.cause());
		assertEquals(Hop.DropReason.NO_ROUTE, trace.request().drop().dropReason());
		assertFalse(trace.request().delivered());

		Host a = host("a", List.of(nic("198.51.100.11/25")), List.of(gateway("198.51.100.1")));
		Host b = host("b", List.of(nic("198.51.100.140/25")), List.of(gateway("198.51.100.129")));
		Balancer f5 = new Balancer("f5", List.of(nic("198.51.100.1/25"), nic("198.51.100.129/25")), List.of(), List.of(), "f5");
		NetworkView noForwarding = NetworkView.builder().host(a).host(b).balancer(f5).build();
		FlowTrace dropped = new FlowTracer(noForwarding).trace(a, literal("198.51.100.140"), "b", 5071);
		assertEquals(Verdict.UNREACHABLE, dropped.verdict());
		assertEquals("f5 matches no virtual server (a BIG-IP routes only through a forwarding virtual server)", TraceText.brief(dropped.request().drop()));
		assertEquals("f5", dropped.request().drop().declaration());
		assertEquals(Hop.DropReason.NO_VIRTUAL_SERVER, dropped.request().drop().dropReason());

		// A forwarding virtual server for other ports is not described as absent.
		Balancer only5061 = new Balancer("f5", List.of(nic("198.51.100.1/25"), nic("198.51.100.129/25")), List.of(),
				List.of(new VirtualServer("routed", true, null, null, Set.of(5061), List.of(), Translation.NONE, List.of(),
						"routed", null)), "f5");
		FlowTrace notFor5071 = new FlowTracer(NetworkView.builder().host(a).host(b).balancer(only5061).build())
				.trace(a, literal("198.51.100.140"), "b", 5071);
		Hop.Drop drop = (Hop.Drop) notFor5071.request().drop().step();
		assertEquals(Hop.DropReason.FORWARDING_NOT_FOR_PORT, drop.reason());
		assertEquals("routed", drop.virtualServer());
		assertEquals("routed", notFor5071.request().drop().declaration(), "the drop points at the forwarding virtual server");
		assertEquals("reaches f5, whose forwarding virtual server routed covers 198.51.100.140 but not TCP 5071, and drops it"
				+ " (a BIG-IP routes only through a forwarding virtual server)", TraceText.why(notFor5071.request().drop()));

		NetworkView unresolved = NetworkView.builder().host(a).build();
		FlowTrace nowhere = new FlowTracer(unresolved).traceToName(a, "nowhere.contoso.com", 5071).get(0);
		assertEquals(Verdict.UNRESOLVED, nowhere.verdict());
		assertEquals(FlowTrace.Cause.UNRESOLVED, nowhere.cause());
	}

	@Test
	void aVipWithoutThePortDropsTheFlow() {
		NetworkView view = seed(Translation.AUTOMAP).build();
		FlowTrace trace = new FlowTracer(view).trace(view.host("fe1.contoso.com").get(), literal("203.0.113.10"), null, 5071);
		assertEquals(Verdict.UNREACHABLE, trace.verdict());
		assertTrue(TraceText.explanation(trace).contains("no virtual server for TCP 5071"), TraceText.explanation(trace));
		Hop drop = trace.request().drop();
		assertEquals(Hop.DropReason.NO_VIRTUAL_SERVER_FOR_PORT, drop.dropReason());
		assertEquals(5071, ((Hop.Drop) drop.step()).port());
	}

	@Test
	void routingLoopsTerminate() {
		// Two balancers that send unknown destinations to each other.
		Host a = host("a", List.of(nic("192.0.2.10/24")), List.of(gateway("192.0.2.1")));
		Balancer b1 = new Balancer("b1", List.of(nic("192.0.2.1/24"), nic("10.0.0.1/30")), List.of(gateway("10.0.0.2")),
				List.of(forwarding("any", null, Translation.NONE)), "b1");
		Balancer b2 = new Balancer("b2", List.of(nic("10.0.0.2/30")), List.of(gateway("10.0.0.1")),
				List.of(forwarding("any", null, Translation.NONE)), "b2");
		NetworkView view = NetworkView.builder().host(a).balancer(b1).balancer(b2).build();
		FlowTrace trace = new FlowTracer(view).trace(a, literal("198.51.100.99"), null, 5071);
		assertEquals(Verdict.UNREACHABLE, trace.verdict());
		assertTrue(TraceText.why(trace.request().drop()).contains("routing loop"), TraceText.why(trace.request().drop()));
		assertTrue(trace.request().hops().size() < 10);
	}

	private static List<Hop.Kind> kinds(List<Hop> hops) {
		return hops.stream().map(Hop::kind).toList();
	}

	@Test
	void theMostSpecificForwardingVirtualServerWins() {
		// Declared first, the catch-all translates; the internal one, more specific, keeps the source.
		Host fe1 = host("fe1", List.of(nic("10.0.1.11/24")), List.of(gateway("10.0.1.1")));
		Host fe2 = host("fe2", List.of(nic("10.0.2.12/24")), List.of(gateway("10.0.2.1")));
		Balancer lb = new Balancer("lb1", List.of(nic("10.0.1.1/24"), nic("10.0.2.1/24")), List.of(),
				List.of(forwarding("outbound", "0.0.0.0/0", Translation.AUTOMAP), forwarding("internal", "10.0.0.0/16", Translation.NONE)),
				"lb1");
		NetworkView view = NetworkView.builder().host(fe1).host(fe2).balancer(lb).build();
		FlowTrace trace = new FlowTracer(view).trace(fe1, literal("10.0.2.12"), "fe2", 5071);
		assertEquals(Verdict.THROUGH_BALANCER_SOURCE_KEPT, trace.verdict(), TraceText.explanation(trace));
		assertTrue(PathSummary.of(trace).contains("forwarding internal"), PathSummary.of(trace));
	}
}
