package org.ocs.topology.analysis.routing;

import java.util.ArrayList;
import java.util.List;

import org.ocs.topology.analysis.routing.FlowTrace.Verdict;
import org.ocs.topology.analysis.routing.NetworkView.Host;

/**
 * The flows a pool cannot start without, beyond its Front Ends' traffic to each other: each
 * member to a server its role depends on (today: the SQL back end), by that server's FQDN as the
 * member resolves it. Only reachability and symmetry count: these services do not check the
 * caller's source address, so a balancer that translates it on the way is no problem.
 */
public final class PoolDependencies {

	/**
	 * What a member needs of another server: the port and what it carries, as said of one member
	 * ({@code what}: "its next hop pool") and of several ({@code whatOfSeveral}: "their next hop pool").
	 */
	public record Dependency(String what, String whatOfSeveral, int tcpPort) {
		/** A dependency said alike of one member and of several ("the SQL back end"). */
		public Dependency(String what, int tcpPort) {
			this(what, what, tcpPort);
		}
	}

	/** A member that cannot use a server it depends on, with the trace that shows why. */
	public record DependencyFinding(String pool, String from, String to, Dependency dependency, Verdict verdict,
			FlowTrace trace, Object cause) {
	}

	private final NetworkView view;
	private final FlowTracer tracer;
	private final NameResolver resolver;

	public PoolDependencies(NetworkView view) {
		this.view = view;
		this.tracer = new FlowTracer(view);
		this.resolver = new NameResolver(view);
	}

	/** Every member of {@code pool} to {@code server}: one finding per member whose flow fails. */
	public List<DependencyFinding> check(String pool, List<String> members, String server, Dependency dependency) {
		return check(pool, members, server, java.util.Set.of(server), dependency);
	}

	/**
	 * Every member of {@code pool} to the name {@code target}, which any of {@code accepted} may
	 * answer (a pool's FQDN reaches one of its Front Ends through its VIP).
	 */
	public List<DependencyFinding> check(String pool, List<String> members, String target,
			java.util.Set<String> accepted, Dependency dependency) {
		java.util.Set<String> answering = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		answering.addAll(accepted);
		String server = target;
		List<DependencyFinding> findings = new ArrayList<>();
		for (String member : new java.util.TreeSet<>(members)) {
			Host from = view.host(member).filter(h -> !h.nics().isEmpty()).orElse(null);
			if (from == null || answering.contains(member)) {
				continue;
			}
			List<FlowTrace> traces = traces(from, server, answering, dependency.tcpPort());
			// A name nothing resolves is left alone: the topology does not say where the server is, so
			// there is nothing to trace (as for a pool's peers, where it is only a warning).
			for (Verdict verdict : List.of(Verdict.UNREACHABLE, Verdict.ASYMMETRIC)) {
				FlowTrace first = null;
				for (FlowTrace trace : traces) {
					if (trace.verdict() == verdict && first == null) {
						first = trace;
					}
				}
				if (first != null) {
					findings.add(new DependencyFinding(pool, member, server, dependency, verdict, first,
							PoolTraffic.cause(first)));
					break;
				}
			}
		}
		return findings;
	}

	/** The flows to a name, each judged delivered only where one of the servers meant answers it. */
	private List<FlowTrace> traces(Host from, String target, java.util.Set<String> answering, int port) {
		if (answering.size() == 1 && answering.contains(target)) {
			return tracer.traceToName(from, target, port);
		}
		List<FlowTrace.Resolution> resolutions = resolver.resolve(from, target);
		if (resolutions.isEmpty()) {
			return tracer.traceToName(from, target, port);
		}
		List<FlowTrace> traces = new ArrayList<>();
		for (FlowTrace.Resolution resolution : resolutions) {
			for (FlowTrace trace : tracer.traceAll(from, resolution, null, port)) {
				Leg request = trace.request();
				if (request != null && request.delivered() && !answering.contains(request.arrivedAt().name())) {
					trace = trace.notAnswering(target, List.copyOf(answering));
				}
				traces.add(trace);
			}
		}
		return traces;
	}
}
