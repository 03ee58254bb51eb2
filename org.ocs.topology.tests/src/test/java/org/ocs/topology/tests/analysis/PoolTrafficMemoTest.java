package org.ocs.topology.tests.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.ocs.topology.tests.analysis.FlowTracerTest.forwarding;
import static org.ocs.topology.tests.analysis.FlowTracerTest.gateway;
import static org.ocs.topology.tests.analysis.FlowTracerTest.ip;
import static org.ocs.topology.tests.analysis.FlowTracerTest.nic;
import static org.ocs.topology.tests.analysis.FlowTracerTest.vip;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.ocs.topology.analysis.routing.FlowTrace.Verdict;
import org.ocs.topology.analysis.routing.IntraPoolService;
import org.ocs.topology.analysis.routing.NetworkView;
import org.ocs.topology.analysis.routing.NetworkView.Balancer;
import org.ocs.topology.analysis.routing.NetworkView.DnsRecord;
import org.ocs.topology.analysis.routing.NetworkView.Host;
import org.ocs.topology.analysis.routing.NetworkView.HostsEntry;
import org.ocs.topology.analysis.routing.NetworkView.Translation;
import org.ocs.topology.analysis.routing.PathSummary;
import org.ocs.topology.analysis.routing.PoolTraffic;
import org.ocs.topology.analysis.routing.TraceText;

/**
 * A pool's findings are taken from the network's previous state only where the new network answers
 * every lookup its traces made alike; any change to what they looked up traces the pool again.
 * On hand-built networks: no Xtext, no EMF.
 */
class PoolTrafficMemoTest {

	private static final List<IntraPoolService> SERVICES = IntraPoolService.FRONT_END_TO_FRONT_END;
	private static final String POOL = "pool.contoso.com";
	private static final List<String> FRONT_ENDS = List.of("fe1.contoso.com", "fe2.contoso.com");
	private static final String OTHER_POOL = "pool2.contoso.com";
	private static final List<String> OTHER_FRONT_ENDS = List.of("fe3.contoso.com", "fe4.contoso.com");

	/** A network built afresh each time (new devices, equal values), as each state of a folder builds one. */
	private record Network(Host fe1, Host fe2, Translation routed, Set<Integer> routedPorts, Host fe3, Host fe4,
			List<DnsRecord> dns, List<Host> others) {

		/** The field report's pool (fe1 and fe2 hairpinned through bigip01) and a second pool on a LAN of its own. */
		static Network base() {
			return new Network(host("fe1.contoso.com", List.of(nic("198.51.100.11/25"), nic("192.0.2.11/24")), "198.51.100.1"),
					host("fe2.contoso.com", List.of(nic("198.51.100.140/25"), nic("192.0.2.12/24")), "198.51.100.129"),
					Translation.AUTOMAP, null, host("fe3.contoso.com", List.of(nic("10.9.0.3/24")), "10.9.0.1"),
					host("fe4.contoso.com", List.of(nic("10.9.0.4/24")), "10.9.0.1"),
					List.of(new DnsRecord("fe2.contoso.com", ip("198.51.100.140"), "A fe2"),
							new DnsRecord("fe1.contoso.com", ip("198.51.100.11"), "A fe1"),
							new DnsRecord("fe3.contoso.com", ip("10.9.0.3"), "A fe3"),
							new DnsRecord("fe4.contoso.com", ip("10.9.0.4"), "A fe4")),
					List.of());
		}

		NetworkView view() {
			Balancer f5 = new Balancer("bigip01",
					List.of(nic("198.51.100.1/25"), nic("198.51.100.129/25"), nic("203.0.113.2/24")), List.of(),
					List.of(vip("pool-vip", "203.0.113.10", Set.of(5061, 443), FRONT_ENDS, Translation.AUTOMAP),
							routedPorts == null ? forwarding("routed", "0.0.0.0/0", routed)
									: new NetworkView.VirtualServer("routed", true, null, null, routedPorts, List.of(), routed,
											List.of(), "fvs routed", "translation of routed")),
					"balancer bigip01");
			NetworkView.Builder builder = NetworkView.builder().host(fe1).host(fe2).host(fe3).host(fe4).balancer(f5);
			others.forEach(builder::host);
			dns.forEach(builder::dns);
			return builder.build();
		}

		Network withFe1(Host host) {
			return new Network(host, fe2, routed, routedPorts, fe3, fe4, dns, others);
		}

		Network withFe3(Host host) {
			return new Network(fe1, fe2, routed, routedPorts, host, fe4, dns, others);
		}

		Network withRouted(Translation translation, Set<Integer> ports) {
			return new Network(fe1, fe2, translation, ports, fe3, fe4, dns, others);
		}

		Network withDns(UnaryOperator<List<DnsRecord>> change) {
			return new Network(fe1, fe2, routed, routedPorts, fe3, fe4, change.apply(new ArrayList<>(dns)), others);
		}

		Network withOther(Host host) {
			List<Host> more = new ArrayList<>(others);
			more.add(host);
			return new Network(fe1, fe2, routed, routedPorts, fe3, fe4, dns, more);
		}
	}

	private static Host host(String name, List<NetworkView.Nic> nics, String gateway, HostsEntry... hostsFile) {
		Map<String, List<HostsEntry>> hosts = new java.util.HashMap<>();
		for (HostsEntry entry : hostsFile) {
			hosts.computeIfAbsent(entry.name(), n -> new ArrayList<>()).add(entry);
		}
		return new Host(name, nics, List.of(gateway(gateway)), hosts, "server " + name);
	}

	/** What a finding says, in words and data: compared across states, whose devices are different objects. */
	private static List<String> told(List<PoolTraffic.PairFinding> findings) {
		return findings.stream().map(f -> f.verdict() + " " + f.from() + " -> " + f.to() + " " + f.services() + " "
				+ PathSummary.of(f.trace()) + " | " + TraceText.explanation(f.trace()) + " | " + f.cause() + " | "
				+ f.peerSameSubnetAddress()).toList();
	}

	/** The memo after both pools were checked on {@code first}, ready for the next state. */
	private static PoolTraffic.Memo afterCheckingBoth(NetworkView first) {
		PoolTraffic.Memo memo = new PoolTraffic.Memo();
		PoolTraffic traffic = new PoolTraffic(first, memo);
		traffic.check(POOL, FRONT_ENDS, SERVICES);
		traffic.check(OTHER_POOL, OTHER_FRONT_ENDS, SERVICES);
		assertEquals(2, memo.traced());
		return memo.next();
	}

	@Test
	void anUnchangedNetworkBuiltAgainReusesEveryPool() {
		PoolTraffic.Memo memo = afterCheckingBoth(Network.base().view());
		NetworkView again = Network.base().view();
		PoolTraffic traffic = new PoolTraffic(again, memo);
		List<PoolTraffic.PairFinding> hairpins = traffic.check(POOL, FRONT_ENDS, SERVICES);
		traffic.check(OTHER_POOL, OTHER_FRONT_ENDS, SERVICES);
		assertEquals(2, memo.reused(), "the balancer is a new object, of the same value");
		assertEquals(0, memo.traced());
		assertEquals(told(new PoolTraffic(again).check(POOL, FRONT_ENDS, SERVICES)), told(hairpins));
		assertEquals(Set.of(Verdict.HAIRPIN), Set.copyOf(hairpins.stream().map(PoolTraffic.PairFinding::verdict).toList()),
				"the field report's hairpin, reused: " + told(hairpins));
		// And the state after that still has both.
		PoolTraffic.Memo third = memo.next();
		new PoolTraffic(again, third).check(POOL, FRONT_ENDS, SERVICES);
		assertEquals(1, third.reused());
	}

	@Test
	void aChangeToAServerOfOnePoolTracesThatPoolAgainAndReusesTheOther() {
		Network base = Network.base();
		PoolTraffic.Memo memo = afterCheckingBoth(base.view());
		Network changed = base.withFe3(host("fe3.contoso.com", List.of(nic("10.9.0.3/24")), "10.9.0.254"));
		PoolTraffic traffic = new PoolTraffic(changed.view(), memo);
		List<PoolTraffic.PairFinding> reused = traffic.check(POOL, FRONT_ENDS, SERVICES);
		traffic.check(OTHER_POOL, OTHER_FRONT_ENDS, SERVICES);
		assertEquals(1, memo.reused());
		assertEquals(1, memo.traced());
		assertEquals(told(new PoolTraffic(changed.view()).check(POOL, FRONT_ENDS, SERVICES)), told(reused));
	}

	/**
	 * Each change alters something the first pool's traces looked up (a device on the path, a name's
	 * record, a hosts entry, who owns an address that had no owner): the pool is traced again, and
	 * its findings are those of the changed network, which differ from the first network's.
	 */
	@Test
	void everyKindOfLookupItsTracesMadeIsCheckedAgain() {
		Network unowned = Network.base().withDns(dns -> {
			dns.set(0, new DnsRecord("fe2.contoso.com", ip("203.0.113.99"), "A fe2 stale"));
			return dns;
		});
		Map<String, Network[]> cases = Map.of(
				"the balancer on the path keeps the source", new Network[] { Network.base(),
						Network.base().withRouted(Translation.NONE, null) },
				"the balancer on the path forwards fewer ports", new Network[] { Network.base(),
						Network.base().withRouted(Translation.AUTOMAP, Set.of(5061)) },
				"the peer's DNS record gives its address on the senders' subnet", new Network[] { Network.base(),
						Network.base().withDns(dns -> {
							dns.set(0, new DnsRecord("fe2.contoso.com", ip("192.0.2.12"), "A fe2"));
							return dns;
						}) },
				"a hosts entry on the sender names the peer", new Network[] { Network.base(),
						Network.base().withFe1(host("fe1.contoso.com", List.of(nic("198.51.100.11/25"), nic("192.0.2.11/24")),
								"198.51.100.1", new HostsEntry("fe2.contoso.com", ip("192.0.2.12"), "hosts fe2"))) },
				"a server now owns the address the peer's stale record gives", new Network[] { unowned,
						unowned.withOther(host("stray.contoso.com", List.of(nic("203.0.113.99/24")), "203.0.113.1")) });
		cases.forEach((change, states) -> {
			PoolTraffic.Memo memo = afterCheckingBoth(states[0].view());
			NetworkView changed = states[1].view();
			List<PoolTraffic.PairFinding> now = new PoolTraffic(changed, memo).check(POOL, FRONT_ENDS, SERVICES);
			assertEquals(1, memo.traced(), change);
			assertEquals(0, memo.reused(), change);
			List<String> fresh = told(new PoolTraffic(changed).check(POOL, FRONT_ENDS, SERVICES));
			assertEquals(fresh, told(now), change);
			assertNotEquals(told(new PoolTraffic(states[0].view()).check(POOL, FRONT_ENDS, SERVICES)), fresh,
					change + " changes the findings");
			// The other pool looked up none of it.
			new PoolTraffic(changed, memo).check(OTHER_POOL, OTHER_FRONT_ENDS, SERVICES);
			assertEquals(1, memo.reused(), change);
		});
	}

	@Test
	void aPoolWithOtherMembersIsTracedAndAPoolNoLongerCheckedIsForgotten() {
		NetworkView view = Network.base().view();
		PoolTraffic.Memo memo = afterCheckingBoth(view);
		new PoolTraffic(view, memo).check(OTHER_POOL, List.of("fe3.contoso.com"), SERVICES);
		assertEquals(1, memo.traced());
		assertEquals(0, memo.reused());
		// The first pool was not checked in that state: the state after it traces it again.
		PoolTraffic.Memo third = memo.next();
		List<PoolTraffic.PairFinding> first = new PoolTraffic(view, third).check(POOL, FRONT_ENDS, SERVICES);
		assertEquals(1, third.traced());
		PoolTraffic.Memo fourth = third.next();
		assertSame(first, new PoolTraffic(view, fourth).check(POOL, FRONT_ENDS, SERVICES), "kept as it was");
	}
}
