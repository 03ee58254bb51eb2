package org.ocs.topology.analysis.routing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.ocs.topology.analysis.net.Ipv4Address;
import org.ocs.topology.analysis.routing.FlowTrace.Cause;
import org.ocs.topology.analysis.routing.FlowTrace.Party;
import org.ocs.topology.analysis.routing.FlowTrace.Resolution;
import org.ocs.topology.analysis.routing.FlowTrace.Verdict;
import org.ocs.topology.analysis.routing.Hop.Drop;
import org.ocs.topology.analysis.routing.Hop.DropReason;
import org.ocs.topology.analysis.routing.Hop.Kind;
import org.ocs.topology.analysis.routing.Hop.Role;
import org.ocs.topology.analysis.routing.HostRouting.HostChoice;
import org.ocs.topology.analysis.routing.HostRouting.RouteChoice;
import org.ocs.topology.analysis.routing.NetworkView.Balancer;
import org.ocs.topology.analysis.routing.NetworkView.Device;
import org.ocs.topology.analysis.routing.NetworkView.Host;
import org.ocs.topology.analysis.routing.NetworkView.Nic;

/**
 * Follows a TCP flow through a {@link NetworkView} and back: name resolution ({@link NameResolver}),
 * routing on each device ({@link HostRouting}, with each server's host model), load balancers
 * ({@link BalancerDataPlane}) and undeclared routers (assumed to reach every declared subnet), then
 * the reply from the address the peer saw back to it, and the verdict on the pair. Every path is
 * traced: one per choice a balancer may make among equals (members, SNAT addresses), and, where a
 * server's host model is unknown and its route depends on it, under both models, the verdict then
 * saying what it assumed. Hops and verdicts are data; {@link TraceText} tells them.
 */
public final class FlowTracer {

	/** Longer paths than this are reported as loops. */
	static final int MAX_HOPS = 32;

	/**
	 * More combinations than this are not traced: a VIP of a dozen members translating to a SNAT
	 * pool of a few dozen addresses stays under it; past it the flow's last trace is one that
	 * says it was cut short, an unreachable verdict, so that nothing passes unseen.
	 */
	static final int MAX_PATHS = 512;

	private final NetworkView view;
	private final NameResolver resolver;

	public FlowTracer(NetworkView view) {
		this.view = view;
		this.resolver = new NameResolver(view);
	}

	/**
	 * One trace's state: the host model assumed where none is known, and where that mattered; the
	 * choices among equals (which member of a pool a virtual server picks), forced by an earlier run
	 * or the first, so that every combination is traced once.
	 */
	private static final class Context {
		final HostModel assumed;
		final Set<String> dependsOnModel = new TreeSet<>();
		final List<Integer> forced;
		final List<Integer> chosen = new ArrayList<>();
		final List<Integer> options = new ArrayList<>();
		/** Shared by every run of one flow: whether a balancer's choice depended on the port. */
		final PortUse portUse;

		Context(HostModel assumed, List<Integer> forced, PortUse portUse) {
			this.assumed = assumed;
			this.forced = forced;
			this.portUse = portUse;
		}

		int choose(int count) {
			int position = chosen.size();
			int choice = position < forced.size() ? Math.min(forced.get(position), count - 1) : 0;
			chosen.add(choice);
			options.add(count);
			return choice;
		}

		/** The next combination of choices after this run's, or null when every one was traced. */
		List<Integer> next() {
			for (int k = chosen.size() - 1; k >= 0; k--) {
				if (chosen.get(k) + 1 < options.get(k)) {
					List<Integer> next = new ArrayList<>(chosen.subList(0, k));
					next.add(chosen.get(k) + 1);
					return next;
				}
			}
			return null;
		}
	}

	/**
	 * Whether any balancer on a flow's paths looked at its port: a virtual server that lists ports
	 * was asked whether it takes it. Nothing else in a trace depends on the port.
	 */
	private static final class PortUse {
		boolean decided;
	}

	/** One trace per candidate address of {@code peerName}; one UNRESOLVED trace when there is none. */
	public List<FlowTrace> traceToName(Host from, String peerName, int port) {
		return traceToName(from, peerName, port, new PortUse());
	}

	/**
	 * {@link #traceToName(Host, String, int)} for each of {@code ports}, in their order. A flow on
	 * whose paths no balancer looked at the port takes the same paths on every port: it is traced
	 * once and told again for the other ports (a pool's Front End pairs, three services each).
	 */
	public List<List<FlowTrace>> traceToName(Host from, String peerName, List<Integer> ports) {
		List<List<FlowTrace>> byPort = new ArrayList<>(ports.size());
		List<FlowTrace> anyPort = null;
		for (int port : ports) {
			if (anyPort != null) {
				List<FlowTrace> same = new ArrayList<>(anyPort.size());
				for (FlowTrace trace : anyPort) {
					same.add(trace.onPort(port));
				}
				byPort.add(same);
				continue;
			}
			PortUse use = new PortUse();
			List<FlowTrace> traces = traceToName(from, peerName, port, use);
			byPort.add(traces);
			if (!use.decided) {
				anyPort = traces;
			}
		}
		return byPort;
	}

	private List<FlowTrace> traceToName(Host from, String peerName, int port, PortUse use) {
		List<Resolution> resolutions = resolver.resolve(from, peerName);
		if (resolutions.isEmpty()) {
			return List.of(new FlowTrace(from.name(), peerName, port, null, null, null, Verdict.UNRESOLVED, Cause.UNRESOLVED,
					null));
		}
		List<FlowTrace> traces = new ArrayList<>();
		for (Resolution resolution : resolutions) {
			traces.addAll(traceAll(from, resolution, peerName, port, use));
		}
		return traces;
	}

	/**
	 * Traces a flow to an address; {@code expectedPeer} (nullable) is the server meant to answer.
	 * The first of {@link #traceAll}'s paths.
	 */
	public FlowTrace trace(Host from, Resolution resolution, String expectedPeer, int port) {
		return traceAll(from, resolution, expectedPeer, port).get(0);
	}

	/**
	 * Every path of a flow to an address: one trace per member a virtual server on the way may
	 * pick (in member name order), so that no verdict depends on the order members are written in.
	 */
	public List<FlowTrace> traceAll(Host from, Resolution resolution, String expectedPeer, int port) {
		return traceAll(from, resolution, expectedPeer, port, new PortUse());
	}

	private List<FlowTrace> traceAll(Host from, Resolution resolution, String expectedPeer, int port, PortUse use) {
		List<FlowTrace> traces = new ArrayList<>();
		List<Integer> forced = List.of();
		while (forced != null && traces.size() < MAX_PATHS) {
			Context weak = new Context(HostModel.WEAK, forced, use);
			traces.add(traceBothModels(from, resolution, expectedPeer, port, weak));
			forced = weak.next();
		}
		if (forced != null) {
			// Fail closed: paths left untraced may hide a problem, so the flow is not called clean.
			traces.add(new FlowTrace(from.name(), expectedPeer != null ? expectedPeer : resolution.address().toString(),
					port, resolution, null, null, Verdict.UNREACHABLE, Cause.TOO_MANY_PATHS, null));
		}
		return traces;
	}

	/**
	 * Where a server of unknown host model chose a different route than the other model would, the
	 * flow is traced again under the other model: if the verdicts differ, the one that is a problem
	 * is returned with the {@link FlowTrace.Assumption} it rests on.
	 */
	private FlowTrace traceBothModels(Host from, Resolution resolution, String expectedPeer, int port, Context weak) {
		FlowTrace underWeak = trace(from, resolution, expectedPeer, port, weak);
		if (weak.dependsOnModel.isEmpty()) {
			return underWeak;
		}
		Context strong = new Context(HostModel.STRONG, weak.chosen, weak.portUse);
		FlowTrace underStrong = trace(from, resolution, expectedPeer, port, strong);
		if (underStrong.verdict() == underWeak.verdict()) {
			return underWeak;
		}
		Set<String> servers = new TreeSet<>(weak.dependsOnModel);
		servers.addAll(strong.dependsOnModel);
		if (underStrong.verdict().isProblem() && !underWeak.verdict().isProblem()) {
			return underStrong.assuming(new FlowTrace.Assumption(HostModel.STRONG, List.copyOf(servers), underWeak.verdict()));
		}
		return underWeak.assuming(new FlowTrace.Assumption(HostModel.WEAK, List.copyOf(servers), underStrong.verdict()));
	}

	private FlowTrace trace(Host from, Resolution resolution, String expectedPeer, int port, Context context) {
		BalancerDataPlane balancers = new BalancerDataPlane(view, context::choose, () -> context.portUse.decided = true);
		List<Hop> resolveHop = resolution.method() == Resolution.Method.LITERAL ? List.of()
				: List.of(Hop.at(from.name(), Role.SERVER, null, resolution.address(), resolution.declaration(),
						new Hop.Resolve(resolution.name(), resolution.method())));
		Leg request = prepend(resolveHop, walk(from, null, resolution.address(), port, false, balancers, context));
		String target = expectedPeer != null ? expectedPeer : resolution.address().toString();
		if (!request.delivered()) {
			return new FlowTrace(from.name(), target, port, resolution, request, null, Verdict.UNREACHABLE,
					Cause.REQUEST_DROPPED, null);
		}
		if (expectedPeer != null && !request.arrivedAt().name().equalsIgnoreCase(expectedPeer)) {
			Party vip = view.ownerOf(resolution.address()).filter(Balancer.class::isInstance)
					.map(owner -> new Party(owner.name(), Role.BALANCER)).orElse(null);
			return new FlowTrace(from.name(), target, port, resolution, request, null, Verdict.UNREACHABLE,
					Cause.DELIVERED_ELSEWHERE, vip);
		}
		Device peer = request.arrivedAt();
		Leg reply = walk(peer, request.destination(), request.source(), port, true, balancers, context);
		if (!request.balancers().isEmpty() && !HostRouting.owns(from, request.source())) {
			Party seen = view.ownerOf(request.source()).map(owner -> new Party(owner.name(), roleOf(owner))).orElse(null);
			return new FlowTrace(from.name(), target, port, resolution, request, reply, Verdict.HAIRPIN,
					Cause.SOURCE_TRANSLATED, seen);
		}
		Verdict verdict;
		Cause cause;
		if (!reply.delivered()) {
			// A balancer that never saw the request drops the reply: the flow is asymmetric, not unroutable.
			verdict = reply.drop().dropReason() == DropReason.NO_CONNECTION_ENTRY ? Verdict.ASYMMETRIC : Verdict.UNREACHABLE;
			cause = Cause.REPLY_DROPPED;
		} else if (!reply.arrivedAt().equals(from)) {
			verdict = Verdict.ASYMMETRIC;
			cause = Cause.REPLY_DELIVERED_ELSEWHERE;
		} else if (!reply.source().equals(resolution.address())) {
			verdict = Verdict.ASYMMETRIC;
			cause = Cause.REPLY_FROM_OTHER_ADDRESS;
		} else if (!new HashSet<>(request.balancers()).equals(new HashSet<>(reply.balancers()))) {
			verdict = Verdict.ASYMMETRIC;
			cause = Cause.REPLY_CROSSES_OTHER_BALANCERS;
		} else if (request.balancers().isEmpty()) {
			verdict = Verdict.DIRECT;
			cause = Cause.DIRECT;
		} else {
			verdict = Verdict.THROUGH_BALANCER_SOURCE_KEPT;
			cause = Cause.THROUGH_BALANCER;
		}
		return new FlowTrace(from.name(), target, port, resolution, request, reply, verdict, cause, null);
	}

	/** One direction, from {@code start} until delivered or dropped. */
	private Leg walk(Device start, Ipv4Address source, Ipv4Address destination, int port, boolean reply,
			BalancerDataPlane balancers, Context context) {
		List<Hop> hops = new ArrayList<>();
		List<Balancer> crossed = new ArrayList<>();
		Set<Visit> seen = new HashSet<>();
		Ipv4Address src = source;
		Ipv4Address dst = destination;
		Device device = start;
		Ipv4Address router = null;
		boolean origin = true;
		for (int step = 0; step < MAX_HOPS; step++) {
			String where = device != null ? device.name() : router.toString();
			Role role = device != null ? roleOf(device) : Role.UNDECLARED_ROUTER;
			if (!seen.add(new Visit(role, where, src, dst))) {
				return drop(hops, crossed, Hop.at(where, role, src, dst, null, Drop.of(DropReason.ROUTING_LOOP)));
			}
			if (device == null) {
				// An undeclared router: assumed to reach every declared subnet.
				Optional<Device> owner = view.ownerOf(dst);
				if (owner.isEmpty()) {
					return drop(hops, crossed, Hop.at(where, role, src, dst, null,
							new Drop(DropReason.NO_OWNER, router, null, 0, null, false, null)));
				}
				// The assumption is shown at the gateway or route that names the address: nothing else declares it.
				Object namedBy = hops.isEmpty() ? null : hops.get(hops.size() - 1).declaration();
				hops.add(Hop.at(where, role, src, dst, namedBy, new Hop.AssumedRouter()));
				device = owner.get();
				continue;
			}
			if (device instanceof Host host && !origin) {
				if (HostRouting.owns(host, dst)) {
					hops.add(Hop.at(host.name(), role, src, dst, view.nicOf(dst).map(Nic::source).orElse(null),
							new Hop.Deliver()));
					return new Leg(hops, true, host, src, dst, crossed);
				}
				return drop(hops, crossed, Hop.at(host.name(), role, src, dst, host.source(), Drop.of(DropReason.NOT_A_ROUTER)));
			}
			if (device instanceof NetworkView.Router declared && !origin) {
				// A declared router forwards by its own table, and says so in the trace.
				RouteChoice forward = HostRouting.route(declared, dst);
				if (forward != null) {
					hops.add(Hop.at(declared.name(), role, src, dst,
							forward.onLink() ? forward.egress().source() : forward.route().source(),
							new Hop.Forward(forward.onLink() ? null : forward.route())));
				}
			}
			if (device instanceof Balancer balancer && !origin) {
				// Even traffic for its own self IP: a reply to an automap address belongs to a connection entry.
				Hop hop = balancers.handle(balancer, src, dst, port, reply);
				if (hop.kind() == Kind.DROP) {
					return drop(hops, crossed, hop);
				}
				crossed.add(balancer);
				hops.add(hop);
				src = hop.source();
				dst = hop.destination();
			}
			HostChoice chosen = HostRouting.route(device, src, dst, context.assumed);
			if (chosen.dependsOnModel()) {
				context.dependsOnModel.add(device.name());
			}
			RouteChoice choice = chosen.route();
			if (choice == null) {
				return drop(hops, crossed, noRoute(device, src, dst, context));
			}
			if (src == null) {
				src = choice.egress().address();
			}
			// A balancer's own hop already says where it sends the packet.
			if (device instanceof Host || origin) {
				hops.add(Hop.at(device.name(), role, src, dst,
						choice.onLink() ? choice.egress().source() : choice.route().source(),
						new Hop.Send(choice.egress().network().networkCidr(), choice.onLink() ? null : choice.route())));
			}
			origin = false;
			Ipv4Address next = choice.nextHop();
			Optional<Device> owner = view.ownerOf(next);
			if (choice.onLink()) {
				if (owner.isEmpty()) {
					return drop(hops, crossed, Hop.at(device.name(), role, src, dst, choice.egress().source(),
							new Drop(DropReason.NO_OWNER, null, choice.egress().network().networkCidr(), 0, null, false, null)));
				}
				device = owner.get();
			} else if (owner.isPresent()) {
				device = owner.get();
			} else {
				device = null;
				router = next;
			}
		}
		return drop(hops, crossed, Hop.at(start.name(), roleOf(start), src, dst, null, Drop.of(DropReason.TOO_MANY_HOPS)));
	}

	/** A device a packet reached, with the addresses it carried: met twice, the path loops. */
	private record Visit(Role role, String where, Ipv4Address source, Ipv4Address destination) {
	}

	/**
	 * No route for the packet. On a server with a route out of another interface than the one that
	 * owns the source, the host model is the cause, and the drop names it and that interface.
	 */
	private Hop noRoute(Device device, Ipv4Address src, Ipv4Address dst, Context context) {
		if (device instanceof Host host && src != null && HostRouting.route(device, dst) != null) {
			Nic own = view.nicOf(src).orElse(null);
			return Hop.at(device.name(), Role.SERVER, src, dst, own != null ? own.source() : device.source(),
					new Drop(DropReason.NO_ROUTE_FROM_SOURCE_INTERFACE, null,
							own != null ? own.network().networkCidr() : null, 0, null, false,
							HostRouting.effectiveModel(host, context.assumed)));
		}
		return Hop.at(device.name(), roleOf(device), src, dst, device.source(), Drop.of(DropReason.NO_ROUTE));
	}

	static Role roleOf(Device device) {
		if (device instanceof Host) {
			return Role.SERVER;
		}
		return device instanceof Balancer ? Role.BALANCER : Role.ROUTER;
	}

	private static Leg drop(List<Hop> hops, List<Balancer> crossed, Hop drop) {
		hops.add(drop);
		return new Leg(hops, false, null, drop.source(), drop.destination(), crossed);
	}

	private static Leg prepend(List<Hop> first, Leg leg) {
		if (first.isEmpty()) {
			return leg;
		}
		List<Hop> hops = new ArrayList<>(first);
		hops.addAll(leg.hops());
		return new Leg(hops, leg.delivered(), leg.arrivedAt(), leg.source(), leg.destination(), leg.balancers());
	}
}
