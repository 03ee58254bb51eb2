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

	/** What a member needs of another server: the port and what it carries. */
	public record Dependency(String what, int tcpPort) {
	}

	/** A member that cannot use a server it depends on, with the trace that shows why. */
	public record DependencyFinding(String pool, String from, String to, Dependency dependency, Verdict verdict,
			FlowTrace trace, Object cause) {
	}

	private final NetworkView view;
	private final FlowTracer tracer;

	public PoolDependencies(NetworkView view) {
		this.view = view;
		this.tracer = new FlowTracer(view);
	}

	/** Every member of {@code pool} to {@code server}: one finding per member whose flow fails. */
	public List<DependencyFinding> check(String pool, List<String> members, String server, Dependency dependency) {
		List<DependencyFinding> findings = new ArrayList<>();
		for (String member : new java.util.TreeSet<>(members)) {
			Host from = view.host(member).filter(h -> !h.nics().isEmpty()).orElse(null);
			if (from == null || member.equalsIgnoreCase(server)) {
				continue;
			}
			for (Verdict verdict : List.of(Verdict.UNRESOLVED, Verdict.UNREACHABLE, Verdict.ASYMMETRIC)) {
				FlowTrace first = null;
				for (FlowTrace trace : tracer.traceToName(from, server, dependency.tcpPort())) {
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
}
