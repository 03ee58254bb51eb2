package org.ocs.topology.analysis.routing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.ocs.topology.analysis.net.Ipv4Address;
import org.ocs.topology.analysis.routing.FlowTrace.Resolution;
import org.ocs.topology.analysis.routing.FlowTrace.Verdict;
import org.ocs.topology.analysis.routing.Hop.DropReason;
import org.ocs.topology.analysis.routing.Hop.Kind;
import org.ocs.topology.analysis.routing.NetworkView.Balancer;
import org.ocs.topology.analysis.routing.NetworkView.Device;
import org.ocs.topology.analysis.routing.NetworkView.Host;
import org.ocs.topology.analysis.routing.NetworkView.HostsEntry;
import org.ocs.topology.analysis.routing.NetworkView.Nic;
import org.ocs.topology.analysis.routing.NetworkView.Route;
import org.ocs.topology.analysis.routing.NetworkView.Translation;
import org.ocs.topology.analysis.routing.NetworkView.VirtualServer;

/**
 * Follows a TCP flow through a {@link NetworkView}: name resolution as a Windows server does it
 * (hosts file, then DNS), routing on each device (longest prefix over its subnets, static routes
 * and default gateway), load balancers (virtual servers with member selection and source
 * translation, forwarding virtual servers, connection entries), undeclared routers (assumed to
 * reach every declared subnet), then the reply from the address the peer saw back to it.
 * A server sends by its host model ({@link HostModel}): strong, only out of the interface that
 * owns the source address; weak, by the whole routing table. Where a server's model is unknown and
 * the path depends on it, the flow is traced under both and the verdict says what it assumed.
 */
public final class FlowTracer {

	/** Longer paths than this are reported as loops. */
	static final int MAX_HOPS = 32;

	private final NetworkView view;

	public FlowTracer(NetworkView view) {
		this.view = view;
	}

	/** A balancer's connection entry: what the client sent and what the server side carries. */
	private record Session(Balancer balancer, VirtualServer virtualServer, Ipv4Address clientSource,
			Ipv4Address clientDestination, Ipv4Address serverSource, Ipv4Address serverDestination) {
	}

	/** The route a device takes to a destination. */
	private record RouteChoice(Nic egress, Ipv4Address nextHop, boolean onLink, Route route) {
	}

	/**
	 * One trace's state: the host model assumed where none is known, and where that mattered; the
	 * choices among equals (which member of a pool a virtual server picks), forced by an earlier run
	 * or the first, so that every combination is traced once.
	 */
	private static final class Context {
		final HostModel assumed;
		final Set<String> dependsOnModel = new java.util.TreeSet<>();
		final List<Integer> forced;
		final List<Integer> chosen = new ArrayList<>();
		final List<Integer> options = new ArrayList<>();

		Context(HostModel assumed, List<Integer> forced) {
			this.assumed = assumed;
			this.forced = forced;
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
	 * More combinations than this are not traced: a VIP of a dozen members translating to a SNAT
	 * pool of a few dozen addresses stays under it; past it the flow's last trace is one that
	 * says it was cut short, an unreachable verdict, so that nothing passes unseen.
	 */
	static final int MAX_PATHS = 512;

	// ------------------------------------------------------------ resolution

	/** Every candidate address of a name for this server: its hosts file if it names it, else DNS. */
	public List<Resolution> resolve(Host from, String name) {
		List<HostsEntry> entries = from.hostsFile().getOrDefault(NetworkView.key(name), List.of());
		List<Resolution> resolutions = new ArrayList<>();
		if (!entries.isEmpty()) {
			for (HostsEntry entry : entries) {
				resolutions.add(new Resolution(name, entry.address(), Resolution.Method.HOSTS_FILE, entry.source()));
			}
			return resolutions;
		}
		for (NetworkView.DnsRecord record : view.dns(name)) {
			resolutions.add(new Resolution(name, record.address(), Resolution.Method.DNS, record.source()));
		}
		return resolutions;
	}

	/** One trace per candidate address of {@code peerName}; one UNRESOLVED trace when there is none. */
	public List<FlowTrace> traceToName(Host from, String peerName, int port) {
		List<Resolution> resolutions = resolve(from, peerName);
		if (resolutions.isEmpty()) {
			return List.of(new FlowTrace(from.name(), peerName, port, null, null, null, Verdict.UNRESOLVED,
					peerName + " resolves to nothing for " + from.name() + ": no hosts-file entry and no DNS A record"));
		}
		List<FlowTrace> traces = new ArrayList<>();
		for (Resolution resolution : resolutions) {
			traces.addAll(traceAll(from, resolution, peerName, port));
		}
		return traces;
	}

	/**
	 * Traces a flow to an address; {@code expectedPeer} (nullable) is the server meant to answer.
	 * Where a server of unknown host model chose a different route than the other model would, the
	 * flow is traced again under the other model: if the verdicts differ, the one that is a problem
	 * is returned with the {@link FlowTrace.Assumption} it rests on.
	 */
	public FlowTrace trace(Host from, Resolution resolution, String expectedPeer, int port) {
		return traceAll(from, resolution, expectedPeer, port).get(0);
	}

	/**
	 * Every path of a flow to an address: one trace per member a virtual server on the way may
	 * pick (in member name order), so that no verdict depends on the order members are written in.
	 */
	public List<FlowTrace> traceAll(Host from, Resolution resolution, String expectedPeer, int port) {
		List<FlowTrace> traces = new ArrayList<>();
		List<Integer> forced = List.of();
		while (forced != null && traces.size() < MAX_PATHS) {
			Context weak = new Context(HostModel.WEAK, forced);
			traces.add(traceBothModels(from, resolution, expectedPeer, port, weak));
			forced = weak.next();
		}
		if (forced != null) {
			// Fail closed: paths left untraced may hide a problem, so the flow is not called clean.
			traces.add(new FlowTrace(from.name(), expectedPeer != null ? expectedPeer : resolution.address().toString(),
					port, resolution, null, null, Verdict.UNREACHABLE, "the flow has more than " + MAX_PATHS
							+ " paths (members of virtual servers times SNAT addresses); the others were not traced"));
		}
		return traces;
	}

	private FlowTrace traceBothModels(Host from, Resolution resolution, String expectedPeer, int port, Context weak) {
		FlowTrace underWeak = trace(from, resolution, expectedPeer, port, weak);
		if (weak.dependsOnModel.isEmpty()) {
			return underWeak;
		}
		Context strong = new Context(HostModel.STRONG, weak.chosen);
		FlowTrace underStrong = trace(from, resolution, expectedPeer, port, strong);
		if (underStrong.verdict() == underWeak.verdict()) {
			return underWeak;
		}
		Set<String> servers = new java.util.TreeSet<>(weak.dependsOnModel);
		servers.addAll(strong.dependsOnModel);
		if (underStrong.verdict().isProblem() && !underWeak.verdict().isProblem()) {
			return underStrong.assuming(new FlowTrace.Assumption(HostModel.STRONG, List.copyOf(servers), underWeak.verdict()));
		}
		return underWeak.assuming(new FlowTrace.Assumption(HostModel.WEAK, List.copyOf(servers), underStrong.verdict()));
	}

	private FlowTrace trace(Host from, Resolution resolution, String expectedPeer, int port, Context context) {
		List<Session> sessions = new ArrayList<>();
		List<Hop> resolveHop = resolution.method() == Resolution.Method.LITERAL ? List.of()
				: List.of(Hop.at(Kind.RESOLVE, from.name(), null, resolution.address(),
						resolution.name() + " (" + resolution.address() + ", "
								+ (resolution.method() == Resolution.Method.DNS ? "DNS" : "hosts file") + ")",
						resolution.name() + " resolves to " + resolution.address() + " by "
								+ (resolution.method() == Resolution.Method.DNS ? "a DNS A record" : "the hosts file of " + from.name()),
						resolution.declaration()));
		Leg request = prepend(resolveHop, walk(from, null, resolution.address(), port, false, sessions, context));
		String target = expectedPeer != null ? expectedPeer : resolution.address().toString();
		if (!request.delivered()) {
			return new FlowTrace(from.name(), target, port, resolution, request, null, Verdict.UNREACHABLE,
					request.drop().why());
		}
		if (expectedPeer != null && !request.arrivedAt().name().equalsIgnoreCase(expectedPeer)) {
			String vip = view.ownerOf(resolution.address()).filter(Balancer.class::isInstance)
					.map(owner -> " (the VIP of " + owner.name() + ")").orElse("");
			String arrived = request.arrivedAt().equals(from) ? "back at " + from.name() + ", the sender itself"
					: "at " + request.arrivedAt().name();
			return new FlowTrace(from.name(), target, port, resolution, request, null, Verdict.UNREACHABLE,
					resolution.address() + vip + " takes it " + arrived + ", not to " + expectedPeer);
		}
		Device peer = request.arrivedAt();
		Leg reply = walk(peer, request.destination(), request.source(), port, true, sessions, context);
		boolean sourceKept = owns(from, request.source());
		Verdict verdict;
		String explanation;
		if (!request.balancers().isEmpty() && !sourceKept) {
			verdict = Verdict.HAIRPIN;
			explanation = peer.name() + " sees the connection coming from " + request.source() + " ("
					+ describeOwner(request.source()) + "), not from " + from.name();
		} else if (!reply.delivered()) {
			boolean halfConnection = reply.drop().dropReason() == DropReason.NO_CONNECTION_ENTRY;
			verdict = halfConnection ? Verdict.ASYMMETRIC : Verdict.UNREACHABLE;
			explanation = "the reply " + reply.drop().why();
		} else if (!reply.arrivedAt().equals(from)) {
			verdict = Verdict.ASYMMETRIC;
			explanation = "the reply reaches " + reply.arrivedAt().name() + ", not " + from.name();
		} else if (!reply.source().equals(resolution.address())) {
			verdict = Verdict.ASYMMETRIC;
			explanation = "the reply comes from " + reply.source() + ", but " + from.name() + " connected to "
					+ resolution.address() + " and drops it";
		} else if (!new HashSet<>(request.balancers()).equals(new HashSet<>(reply.balancers()))) {
			verdict = Verdict.ASYMMETRIC;
			explanation = "the request crosses " + names(request.balancers()) + " but the reply crosses "
					+ names(reply.balancers());
		} else if (request.balancers().isEmpty()) {
			verdict = Verdict.DIRECT;
			explanation = from.name() + " reaches " + peer.name() + " directly and the reply comes back the same way";
		} else {
			verdict = Verdict.THROUGH_BALANCER_SOURCE_KEPT;
			explanation = "the path crosses " + names(request.balancers()) + ", which keeps " + from.name()
					+ "'s address, and the reply comes back through it";
		}
		return new FlowTrace(from.name(), target, port, resolution, request, reply, verdict, explanation);
	}

	// ------------------------------------------------------------ one direction

	private Leg walk(Device start, Ipv4Address source, Ipv4Address destination, int port, boolean reply,
			List<Session> sessions, Context context) {
		List<Hop> hops = new ArrayList<>();
		List<Balancer> crossed = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		Ipv4Address src = source;
		Ipv4Address dst = destination;
		Device device = start;
		Ipv4Address router = null;
		boolean origin = true;
		for (int step = 0; step < MAX_HOPS; step++) {
			String where = device != null ? device.name() : "router " + router;
			if (!seen.add(where + "|" + src + "|" + dst)) {
				return drop(DropReason.ROUTING_LOOP, hops, crossed, where, src, dst, "routing loop at " + where,
						"comes back to " + where + " with the same addresses: a routing loop", null);
			}
			if (device == null) {
				// An undeclared router: assumed to reach every declared subnet.
				Optional<Device> owner = view.ownerOf(dst);
				if (owner.isEmpty()) {
					return drop(DropReason.NO_OWNER, hops, crossed, where, src, dst, "no device owns " + dst,
							"is routed by " + router + " towards " + dst + ", which no declared server or balancer owns",
							null);
				}
				// The assumption is shown at the gateway or route that names the address: nothing else declares it.
				Object namedBy = hops.isEmpty() ? null : hops.get(hops.size() - 1).declaration();
				hops.add(Hop.at(Kind.ASSUMED_ROUTER, router.toString(), src, dst, "router " + router + " (assumed)",
						"router " + router + ", which no declaration owns, is assumed to reach every declared subnet:"
								+ " it forwards it straight to " + dst, namedBy));
				device = owner.get();
				continue;
			}
			if (device instanceof Host host && !origin) {
				if (owns(host, dst)) {
					hops.add(Hop.at(Kind.DELIVER, host.name(), src, dst, host.name() + " sees " + src,
							host.name() + " receives it from " + src, nicSource(dst)));
					return new Leg(hops, true, host, src, dst, crossed);
				}
				return drop(DropReason.NOT_A_ROUTER, hops, crossed, host.name(), src, dst, host.name() + " does not route",
						"reaches " + host.name() + ", a server that does not route packets for " + dst, host.source());
			}
			if (device instanceof NetworkView.Router declared && !origin) {
				// A declared router forwards by its own table, and says so in the trace.
				RouteChoice forward = lookup(declared, dst);
				if (forward != null) {
					hops.add(Hop.at(Kind.ROUTER, declared.name(), src, dst, "router " + declared.name(),
							"router " + declared.name() + " forwards it " + (forward.onLink() ? "on-link to " + dst
									: "by " + (forward.route().isDefault() ? "its default gateway " + forward.nextHop()
											: "route " + forward.route().destination() + " via " + forward.nextHop())),
							forward.onLink() ? forward.egress().source() : forward.route().source()));
				}
			}
			if (device instanceof Balancer balancer && !origin) {
				// Even traffic for its own self IP: a reply to an automap address belongs to a connection entry.
				Optional<Leg> stopped = throughBalancer(balancer, hops, crossed, src, dst, port, reply, sessions, context);
				if (stopped.isPresent()) {
					return stopped.get();
				}
				Hop last = hops.get(hops.size() - 1);
				src = last.source();
				dst = last.destination();
			}
			RouteChoice choice = lookup(device, src, dst, context);
			if (choice == null) {
				if (device instanceof Host host && src != null && lookup(device, dst) != null) {
					Nic own = view.nicOf(src).orElse(null);
					return drop(DropReason.NO_ROUTE, hops, crossed, device.name(), src, dst, device.name() + " has no route to " + dst + " from "
							+ src + " (" + effectiveModel(host, context).label() + ": only out of the interface that owns it)",
							"has no route from " + device.name() + " to " + dst + " out of the interface that owns "
									+ src + (own != null ? " (" + own.network().networkCidr() + ")" : "") + ": under "
									+ effectiveModel(host, context).label() + " a packet leaves only by the interface"
									+ " that owns its source address",
							own != null ? own.source() : device.source());
				}
				String uncovered = " (no subnet, static route or default gateway covers it)";
				return drop(DropReason.NO_ROUTE, hops, crossed, device.name(), src, dst, device.name() + " has no route to "
						+ dst + uncovered, "has no route from " + device.name() + " to " + dst + uncovered,
						device.source());
			}
			if (src == null) {
				src = choice.egress().address();
			}
			// A balancer's own hop already says where it sends the packet.
			if (device instanceof Host || origin) {
				hops.add(sendHop(device, src, dst, choice));
			}
			origin = false;
			Ipv4Address next = choice.nextHop();
			Optional<Device> owner = view.ownerOf(next);
			if (choice.onLink()) {
				if (owner.isEmpty()) {
					return drop(DropReason.NO_OWNER, hops, crossed, device.name(), src, dst, "nothing owns " + dst,
							"is sent on-link to " + dst + " on " + choice.egress().network().networkCidr()
									+ ", which no declared server or balancer owns",
							choice.egress().source());
				}
				device = owner.get();
			} else if (owner.isPresent()) {
				device = owner.get();
			} else {
				device = null;
				router = next;
			}
		}
		return drop(DropReason.TOO_MANY_HOPS, hops, crossed, start.name(), src, dst, "too many hops", "takes more than " + MAX_HOPS + " hops",
				null);
	}

	/**
	 * The balancer's part: a connection entry for a reply, else a virtual server on the VIP, else
	 * a forwarding virtual server. Adds the BALANCER hop carrying the translated addresses, or
	 * returns the leg stopped here.
	 */
	private Optional<Leg> throughBalancer(Balancer balancer, List<Hop> hops, List<Balancer> crossed, Ipv4Address src,
			Ipv4Address dst, int port, boolean reply, List<Session> sessions, Context context) {
		for (Session session : sessions) {
			if (session.balancer().equals(balancer) && session.serverSource().equals(dst)
					&& session.serverDestination().equals(src)) {
				crossed.add(balancer);
				hops.add(new Hop(Kind.BALANCER, balancer.name(), src, dst, session.clientDestination(), session.clientSource(),
						balancer.name() + " (connection entry)",
						balancer.name() + " matches its connection entry of " + session.virtualServer().name()
								+ " and returns the reply from " + session.clientDestination() + " to "
								+ session.clientSource(),
						session.virtualServer().source()));
				return Optional.empty();
			}
		}
		if (reply) {
			return Optional.of(drop(DropReason.NO_CONNECTION_ENTRY, hops, crossed, balancer.name(), src, dst, "no connection entry on " + balancer.name()
					+ " (it never saw the request)",
					"reaches " + balancer.name() + ", which has no connection entry for it (it never saw the request)"
							+ " and drops it: the balancer sees half a connection",
					balancer.source()));
		}
		List<VirtualServer> atVip = view.virtualServersAt(balancer, dst);
		if (!atVip.isEmpty()) {
			// The most specific: a virtual server listing the port before one that takes every port.
			VirtualServer vs = atVip.stream().filter(v -> v.acceptsPort(port))
					.min(java.util.Comparator.comparing((VirtualServer v) -> v.tcpPorts() == null)
							.thenComparing(VirtualServer::name))
					.orElse(null);
			if (vs == null) {
				return Optional.of(drop(DropReason.NO_VIRTUAL_SERVER_FOR_PORT, hops, crossed, balancer.name(), src, dst,
						"VIP " + dst + " has no virtual server for TCP " + port,
						"reaches VIP " + dst + " of " + balancer.name() + ", which has no virtual server for TCP " + port,
						atVip.get(0).source()));
			}
			Optional<Nic> member = chooseMember(balancer, vs, context);
			if (member.isEmpty()) {
				return Optional.of(drop(DropReason.NO_MEMBERS, hops, crossed, balancer.name(), src, dst, vs.name() + " has no members",
						"reaches virtual server " + vs.name() + " of " + balancer.name()
								+ ", which has no member with a declared address",
						vs.source()));
			}
			Ipv4Address memberAddress = member.get().address();
			return translate(balancer, vs, hops, crossed, src, dst, memberAddress, sessions, context,
					"virtual server " + vs.name() + " sends it to member " + ownerName(memberAddress) + " at "
							+ memberAddress);
		}
		// Like a BIG-IP: the most specific forwarding virtual server for the destination wins.
		VirtualServer forwarding = null;
		for (VirtualServer vs : balancer.virtualServers()) {
			if (vs.forwarding() && (vs.destination() == null || vs.destination().contains(dst)) && vs.acceptsPort(port)
					&& (forwarding == null || prefixOf(vs) > prefixOf(forwarding))) {
				forwarding = vs;
			}
		}
		if (forwarding != null) {
			return translate(balancer, forwarding, hops, crossed, src, dst, dst, sessions, context,
					"forwarding virtual server " + forwarding.name() + " routes it on to " + dst);
		}
		return Optional.of(drop(DropReason.NO_VIRTUAL_SERVER, hops, crossed, balancer.name(), src, dst, balancer.name() + " matches no virtual server"
				+ " (a BIG-IP routes only through a forwarding virtual server)",
				"reaches " + balancer.name() + ", which matches it to no virtual server and drops it"
						+ " (a BIG-IP routes only through a forwarding virtual server)",
				balancer.source()));
	}

	private Optional<Leg> translate(Balancer balancer, VirtualServer vs, List<Hop> hops, List<Balancer> crossed,
			Ipv4Address src, Ipv4Address dst, Ipv4Address newDst, List<Session> sessions, Context context, String what) {
		RouteChoice out = lookup(balancer, newDst);
		if (out == null) {
			String noWay = " (no self IP on its subnet, no static route or default gateway)";
			return Optional.of(drop(DropReason.NO_ROUTE, hops, crossed, balancer.name(), src, newDst,
					balancer.name() + " has no route to " + newDst + noWay,
					"has no route from " + balancer.name() + " to " + newDst + noWay, balancer.source()));
		}
		if (vs.translation() == Translation.SNAT && vs.snatPool().isEmpty()) {
			return Optional.of(drop(DropReason.EMPTY_SNAT_POOL, hops, crossed, balancer.name(), src, dst, vs.name() + " has an empty SNAT pool",
					"reaches " + (vs.forwarding() ? "forwarding " : "") + "virtual server " + vs.name() + " of "
							+ balancer.name() + ", whose SNAT pool lists no address to translate the source to",
					vs.translationSource() != null ? vs.translationSource() : vs.source()));
		}
		Ipv4Address newSrc = switch (vs.translation()) {
			case NONE -> src;
			case AUTOMAP -> automapAddress(balancer, out.egress());
			// Any address of the pool may be taken: each is traced, in address order.
			case SNAT -> snatAddress(vs, context);
		};
		String translation = switch (vs.translation()) {
			case NONE -> "source kept";
			case AUTOMAP -> "automap " + newSrc;
			case SNAT -> "SNAT " + newSrc;
		};
		sessions.add(new Session(balancer, vs, src, dst, newSrc, newDst));
		crossed.add(balancer);
		hops.add(new Hop(Kind.BALANCER, balancer.name(), src, dst, newSrc, newDst,
				balancer.name() + " (" + (vs.forwarding() ? "forwarding " : "") + vs.name() + ", " + translation + ")",
				balancer.name() + ": " + what + (vs.translation() == Translation.NONE ? ", keeping source " + src
						: ", replacing source " + src + " with " + newSrc),
				vs.translationSource() != null ? vs.translationSource() : vs.source()));
		return Optional.empty();
	}

	private static Ipv4Address snatAddress(VirtualServer vs, Context context) {
		List<Ipv4Address> pool = new ArrayList<>(new java.util.TreeSet<>(vs.snatPool()));
		return pool.get(pool.size() == 1 ? 0 : context.choose(pool.size()));
	}

	private static int prefixOf(VirtualServer forwarding) {
		return forwarding.destination() == null ? 0 : forwarding.destination().prefixLength();
	}

	/** Automap: the balancer's self IP on the egress subnet, the floating one if there is one. */
	private static Ipv4Address automapAddress(Balancer balancer, Nic egress) {
		for (Nic nic : balancer.nics()) {
			if (nic.floating() && nic.network().networkCidr().equals(egress.network().networkCidr())) {
				return nic.address();
			}
		}
		return egress.address();
	}

	/**
	 * The member this run of the trace takes, among every member with an address (in name order):
	 * each member's address the balancer reaches on-link, else its lowest.
	 */
	private Optional<Nic> chooseMember(Balancer balancer, VirtualServer vs, Context context) {
		List<Nic> candidates = new ArrayList<>();
		for (String member : new java.util.TreeSet<>(vs.members())) {
			Optional<Host> host = view.host(member);
			if (host.isEmpty() || host.get().nics().isEmpty()) {
				continue;
			}
			Nic onLink = null;
			Nic lowest = null;
			for (Nic nic : host.get().nics()) {
				for (Nic self : balancer.nics()) {
					if (self.network().contains(nic.address())
							&& (onLink == null || nic.address().compareTo(onLink.address()) < 0)) {
						onLink = nic;
					}
				}
				if (lowest == null || nic.address().compareTo(lowest.address()) < 0) {
					lowest = nic;
				}
			}
			candidates.add(onLink != null ? onLink : lowest);
		}
		if (candidates.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(candidates.get(candidates.size() == 1 ? 0 : context.choose(candidates.size())));
	}

	// ------------------------------------------------------------ routing on one device

	private static HostModel effectiveModel(Host host, Context context) {
		return host.hostModel().known() ? host.hostModel() : context.assumed;
	}

	/**
	 * A device's route for a packet from {@code source} (null: not chosen yet). A server under the
	 * strong host model may use only the interface that owns the source; one of unknown model takes
	 * the assumed model, noting when the other would have chosen differently.
	 */
	private RouteChoice lookup(Device device, Ipv4Address source, Ipv4Address destination, Context context) {
		if (!(device instanceof Host host) || source == null) {
			return routeOut(device, destination, null, source);
		}
		Nic sourceNic = null;
		for (Nic nic : host.nics()) {
			if (nic.address().equals(source)) {
				sourceNic = nic;
			}
		}
		if (sourceNic == null) {
			return routeOut(device, destination, null, source);
		}
		if (host.hostModel().known()) {
			// Known: only the one lookup its model makes.
			return routeOut(device, destination, host.hostModel() == HostModel.STRONG ? sourceNic : null, source);
		}
		RouteChoice weak = routeOut(device, destination, null, source);
		RouteChoice strong = routeOut(device, destination, sourceNic, source);
		if (!java.util.Objects.equals(weak, strong)) {
			context.dependsOnModel.add(host.name());
		}
		return context.assumed == HostModel.STRONG ? strong : weak;
	}

	private static RouteChoice lookup(Device device, Ipv4Address destination) {
		return routeOut(device, destination, null, null);
	}

	/**
	 * Longest prefix over connected subnets, static routes and default gateways; connected wins ties.
	 * Among routes of one length the one out of the source's interface wins, then the lowest next
	 * hop: never the order they were written in. {@code only} (nullable) restricts the interfaces.
	 */
	private static RouteChoice routeOut(Device device, Ipv4Address destination, Nic only, Ipv4Address source) {
		RouteChoice best = null;
		int bestLength = -1;
		for (Nic nic : device.nics()) {
			if ((only == null || nic.equals(only)) && nic.network().contains(destination)
					&& nic.network().prefixLength() > bestLength) {
				best = new RouteChoice(nic, destination, true, null);
				bestLength = nic.network().prefixLength();
			}
		}
		for (Route route : device.routes()) {
			if (!route.destination().contains(destination) || route.destination().prefixLength() < bestLength) {
				continue;
			}
			Nic egress = onLinkNic(device, route.nextHop(), only);
			if (egress == null) {
				continue;
			}
			RouteChoice candidate = new RouteChoice(egress, route.nextHop(), false, route);
			if (route.destination().prefixLength() > bestLength || (best != null && !best.onLink()
					&& better(candidate, best, source))) {
				best = candidate;
				bestLength = route.destination().prefixLength();
			}
		}
		return best;
	}

	/** Between two routes of one length: out of the source's interface first, then the lower next hop. */
	private static boolean better(RouteChoice candidate, RouteChoice best, Ipv4Address source) {
		boolean candidateOwnsSource = source != null && candidate.egress().address().equals(source);
		boolean bestOwnsSource = source != null && best.egress().address().equals(source);
		if (candidateOwnsSource != bestOwnsSource) {
			return candidateOwnsSource;
		}
		return candidate.nextHop().compareTo(best.nextHop()) < 0;
	}

	private static Nic onLinkNic(Device device, Ipv4Address address, Nic only) {
		Nic best = null;
		for (Nic nic : device.nics()) {
			if ((only == null || nic.equals(only)) && nic.network().contains(address)
					&& (best == null || nic.network().prefixLength() > best.network().prefixLength())) {
				best = nic;
			}
		}
		return best;
	}

	private static Hop sendHop(Device device, Ipv4Address src, Ipv4Address dst, RouteChoice choice) {
		if (choice.onLink()) {
			return Hop.at(Kind.SEND, device.name(), src, dst, "on-link",
					device.name() + " sends it on-link from " + src + " on " + choice.egress().network().networkCidr(),
					choice.egress().source());
		}
		Route route = choice.route();
		String what = route.isDefault() ? "default gateway " + route.nextHop()
				: "route " + route.destination() + " via " + route.nextHop();
		return Hop.at(Kind.SEND, device.name(), src, dst, what,
				device.name() + " sends it from " + src + " to its " + what, route.source());
	}

	// ------------------------------------------------------------ helpers

	private static Leg drop(DropReason reason, List<Hop> hops, List<Balancer> crossed, String device, Ipv4Address src,
			Ipv4Address dst, String brief, String why, Object declaration) {
		hops.add(Hop.drop(reason, device, src, dst, brief, why, declaration));
		return new Leg(hops, false, null, src, dst, crossed);
	}

	private static Leg prepend(List<Hop> first, Leg leg) {
		if (first.isEmpty()) {
			return leg;
		}
		List<Hop> hops = new ArrayList<>(first);
		hops.addAll(leg.hops());
		return new Leg(hops, leg.delivered(), leg.arrivedAt(), leg.source(), leg.destination(), leg.balancers());
	}

	private static boolean owns(Device device, Ipv4Address address) {
		for (Nic nic : device.nics()) {
			if (nic.address().equals(address)) {
				return true;
			}
		}
		return false;
	}

	private Object nicSource(Ipv4Address address) {
		return view.nicOf(address).map(Nic::source).orElse(null);
	}

	private String ownerName(Ipv4Address address) {
		return view.ownerOf(address).map(Device::name).orElse(address.toString());
	}

	private String describeOwner(Ipv4Address address) {
		Optional<Device> owner = view.ownerOf(address);
		if (owner.isEmpty()) {
			return "no declared device";
		}
		return (owner.get() instanceof Balancer ? "load balancer " : "server ") + owner.get().name();
	}

	private static String names(List<Balancer> balancers) {
		if (balancers.isEmpty()) {
			return "no balancer";
		}
		Set<String> names = new LinkedHashSet<>();
		balancers.forEach(b -> names.add(b.name()));
		return String.join(", ", names);
	}
}
