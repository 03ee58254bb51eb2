package org.ocs.topology.analysis.routing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.ocs.topology.analysis.net.Ipv4Address;
import org.ocs.topology.analysis.routing.FlowTrace.Verdict;
import org.ocs.topology.analysis.routing.NetworkView.Host;
import org.ocs.topology.analysis.routing.NetworkView.Nic;

/**
 * Traffic between the members of one pool: every ordered pair, every intra-pool service, traced
 * by the peer's FQDN as the sender resolves it. A pair with a problem becomes one finding, with the
 * worst verdict, the services it breaks, the traces, and the declaration that causes it.
 */
public final class PoolTraffic {

	/**
	 * One problem between two members: a verdict, the services it affects, and the first trace
	 * showing it. A pair with several problems (a hairpin on 5071, an unreachable 444) has one finding
	 * for each, so that none hides another.
	 */
	public record PairFinding(String pool, String from, String to, Verdict verdict, List<IntraPoolService> services,
			FlowTrace trace, Object cause, Ipv4Address peerSameSubnetAddress) {

		public boolean breaksSourceCheckedService() {
			return services.stream().anyMatch(IntraPoolService::sourceChecked);
		}
	}

	/** A pair's findings, in this order of their verdicts. */
	private static final List<Verdict> FINDING_ORDER = List.of(Verdict.UNRESOLVED, Verdict.UNREACHABLE, Verdict.HAIRPIN,
			Verdict.ASYMMETRIC);

	/**
	 * Pools' findings kept from one state of a network to the next. A pool's findings are a function
	 * of its name, members and services and of what its traces looked up in the network
	 * ({@link NetworkView.Reads}); where the next state's network answers all those lookups alike,
	 * the findings are taken as they are instead of traced again. An edit changes one server, and
	 * the other pools' traces never crossed it. A memo serves one folder, one state after another.
	 */
	public static final class Memo {
		private record Kept(NetworkView.Reads reads, List<PairFinding> findings) {
		}

		private final Map<List<Object>, Kept> previous;
		private final Map<List<Object>, Kept> current = new ConcurrentHashMap<>();
		private final AtomicInteger reused = new AtomicInteger();
		private final AtomicInteger traced = new AtomicInteger();

		public Memo() {
			this(Map.of());
		}

		private Memo(Map<List<Object>, Kept> previous) {
			this.previous = previous;
		}

		/** The memo of the next state: what this one traced or reused (a pool no longer checked is dropped). */
		public Memo next() {
			return new Memo(Map.copyOf(current));
		}

		/** How many pools' findings were taken from the previous state. */
		public int reused() {
			return reused.get();
		}

		/** How many pools were traced. */
		public int traced() {
			return traced.get();
		}
	}

	private final NetworkView view;
	private final FlowTracer tracer;
	private final Memo memo;

	public PoolTraffic(NetworkView view) {
		this(view, null);
	}

	/** With a memo (nullable): each pool's findings are reused where the network answers its traces' lookups alike. */
	public PoolTraffic(NetworkView view, Memo memo) {
		this.view = view;
		this.tracer = new FlowTracer(view);
		this.memo = memo;
	}

	/**
	 * Checks one pool. Members the view does not know, or that have no address yet (a half-written
	 * topology), are skipped: there is nothing to trace.
	 */
	public List<PairFinding> check(String pool, List<String> members, List<IntraPoolService> services) {
		if (memo == null) {
			return survey(pool, members, services, null);
		}
		List<Object> key = Arrays.asList(pool, new ArrayList<>(members), new ArrayList<>(services));
		Memo.Kept kept = memo.current.get(key);
		if (kept == null) {
			kept = memo.previous.get(key);
		}
		if (kept != null && view.answersAsBefore(kept.reads())) {
			memo.current.put(key, kept);
			memo.reused.incrementAndGet();
			return kept.findings();
		}
		NetworkView.Reads reads = new NetworkView.Reads();
		List<PairFinding> findings = List.copyOf(new PoolTraffic(view.recording(reads)).survey(pool, members, services, null));
		memo.current.put(key, new Memo.Kept(reads, findings));
		memo.traced.incrementAndGet();
		return findings;
	}

	/** One pool's problems, as {@link #check} tells them, and the devices any of its traces crossed. */
	public record Survey(List<PairFinding> findings, Set<String> devices) {
	}

	/** As {@link #check}, also collecting every device a trace of the pool reached (to know what a change can affect). */
	public Survey survey(String pool, List<String> members, List<IntraPoolService> services) {
		Set<String> devices = new HashSet<>();
		return new Survey(survey(pool, members, services, devices), devices);
	}

	private List<PairFinding> survey(String pool, List<String> members, List<IntraPoolService> services, Set<String> devices) {
		List<Host> hosts = new ArrayList<>();
		for (String member : members) {
			view.host(member).filter(h -> !h.nics().isEmpty()).filter(h -> !hosts.contains(h)).ifPresent(hosts::add);
		}
		List<PairFinding> findings = new ArrayList<>();
		for (Host from : hosts) {
			for (Host to : hosts) {
				if (from != to) {
					findings.addAll(pairFindings(pool, from, to, services, devices));
				}
			}
		}
		return findings;
	}

	private List<PairFinding> pairFindings(String pool, Host from, Host to, List<IntraPoolService> services,
			Set<String> devices) {
		// Made at the first problem: most pairs have none.
		Map<Verdict, List<IntraPoolService>> byVerdict = null;
		Map<Verdict, FlowTrace> firstTrace = null;
		List<Integer> ports = new ArrayList<>(services.size());
		services.forEach(service -> ports.add(service.tcpPort()));
		List<List<FlowTrace>> tracesByPort = tracer.traceToName(from, to.name(), ports);
		for (int s = 0; s < services.size(); s++) {
			IntraPoolService service = services.get(s);
			for (FlowTrace trace : tracesByPort.get(s)) {
				if (devices != null) {
					trace.allHops().forEach(hop -> devices.add(NetworkView.key(hop.device())));
				}
				if (trace.verdict().isProblem()) {
					if (byVerdict == null) {
						byVerdict = new LinkedHashMap<>();
						firstTrace = new LinkedHashMap<>();
					}
					byVerdict.computeIfAbsent(trace.verdict(), v -> new ArrayList<>());
					if (!byVerdict.get(trace.verdict()).contains(service)) {
						byVerdict.get(trace.verdict()).add(service);
					}
					firstTrace.putIfAbsent(trace.verdict(), trace);
				}
			}
		}
		if (byVerdict == null) {
			return List.of();
		}
		List<PairFinding> findings = new ArrayList<>();
		for (Verdict verdict : FINDING_ORDER) {
			if (byVerdict.containsKey(verdict)) {
				FlowTrace trace = firstTrace.get(verdict);
				findings.add(new PairFinding(pool, from.name(), to.name(), verdict, byVerdict.get(verdict), trace,
						cause(trace, to), sameSubnetAddress(from, to)));
			}
		}
		return findings;
	}

	/**
	 * The declaration a finding sits on: for a hairpin, the record that sent the traffic to the
	 * peer's balancer-facing address; for an asymmetric path, the route the reply takes; for an
	 * unreachable peer, the hop that dropped it.
	 */
	static Object cause(FlowTrace trace) {
		return cause(trace, null);
	}

	private static boolean owns(Host host, Ipv4Address address) {
		return host.nics().stream().anyMatch(nic -> nic.address().equals(address));
	}

	/** {@code peer} (nullable): the server meant to answer, whose own addresses a correct name gives. */
	static Object cause(FlowTrace trace, Host peer) {
		Object resolution = trace.resolution() == null ? null : trace.resolution().declaration();
		switch (trace.verdict()) {
			case HAIRPIN:
				return resolution;
			case ASYMMETRIC:
				if (trace.reply() != null) {
					for (Hop hop : trace.reply().hops()) {
						if (hop.kind() == Hop.Kind.SEND && hop.declaration() != null) {
							return hop.declaration();
						}
					}
				}
				return resolution;
			case UNREACHABLE:
				// A name that gives an address its server does not own is the cause, wherever the packet
				// then dies: a stale hosts entry is told on its own line, not on the sender's interface.
				if (resolution != null && trace.request() != null && !trace.request().delivered() && peer != null
						&& !owns(peer, trace.resolution().address())) {
					return resolution;
				}
				Leg leg = trace.reply() != null && !trace.reply().delivered() ? trace.reply() : trace.request();
				if (leg != null && leg.drop() != null && leg.drop().declaration() != null) {
					return leg.drop().declaration();
				}
				return resolution;
			default:
				return null;
		}
	}

	/** The peer's address on a subnet the sender is on too: what a hosts entry or DNS should give. */
	static Ipv4Address sameSubnetAddress(Host from, Host to) {
		for (Nic theirs : to.nics()) {
			for (Nic ours : from.nics()) {
				if (ours.network().contains(theirs.address())) {
					return theirs.address();
				}
			}
		}
		return null;
	}
}
