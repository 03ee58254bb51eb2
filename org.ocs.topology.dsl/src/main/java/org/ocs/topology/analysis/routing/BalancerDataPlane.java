package org.ocs.topology.analysis.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.IntUnaryOperator;

import org.ocs.topology.analysis.net.Ipv4Address;
import org.ocs.topology.analysis.routing.Hop.Balance;
import org.ocs.topology.analysis.routing.Hop.Drop;
import org.ocs.topology.analysis.routing.Hop.DropReason;
import org.ocs.topology.analysis.routing.Hop.Role;
import org.ocs.topology.analysis.routing.HostRouting.RouteChoice;
import org.ocs.topology.analysis.routing.NetworkView.Balancer;
import org.ocs.topology.analysis.routing.NetworkView.Host;
import org.ocs.topology.analysis.routing.NetworkView.Nic;
import org.ocs.topology.analysis.routing.NetworkView.Translation;
import org.ocs.topology.analysis.routing.NetworkView.VirtualServer;

/**
 * What a BIG-IP-style balancer does with a packet that reaches it: a reply matches a connection
 * entry or is dropped (the balancer saw half a connection); a request to a VIP goes to the most
 * specific virtual server for its port, which picks a member and translates the source (kept,
 * automap to the egress self IP, the floating one if any, or an address of a SNAT pool); other
 * traffic is routed only by a forwarding virtual server, the most specific for the destination.
 * Where it may pick among equals (members, SNAT addresses) it asks {@code choose}, so that the
 * tracer can try each.
 */
final class BalancerDataPlane {

	/** A balancer's connection entry: what the client sent and what the server side carries. */
	record Session(Balancer balancer, VirtualServer virtualServer, Ipv4Address clientSource,
			Ipv4Address clientDestination, Ipv4Address serverSource, Ipv4Address serverDestination) {
	}

	private final NetworkView view;
	/** The connection entries the request made, which its reply may match. */
	private final List<Session> sessions = new ArrayList<>();
	/** Given how many equal options there are, which this trace takes. */
	private final IntUnaryOperator choose;
	/** Told whenever the port decides: a virtual server that lists ports is asked whether it takes it. */
	private final Runnable portDecides;

	BalancerDataPlane(NetworkView view, IntUnaryOperator choose, Runnable portDecides) {
		this.view = view;
		this.choose = choose;
		this.portDecides = portDecides;
	}

	/** Whether {@code vs} takes the port; told to the tracer where the answer could differ by port. */
	private boolean accepts(VirtualServer vs, int port) {
		if (vs.tcpPorts() != null) {
			portDecides.run();
		}
		return vs.acceptsPort(port);
	}

	/** The balancer's hop for a packet: a BALANCER hop with the addresses it leaves with, or a DROP. */
	Hop handle(Balancer balancer, Ipv4Address src, Ipv4Address dst, int port, boolean reply) {
		for (Session session : sessions) {
			if (session.balancer().equals(balancer) && session.serverSource().equals(dst)
					&& session.serverDestination().equals(src)) {
				VirtualServer vs = session.virtualServer();
				return new Hop(balancer.name(), Role.BALANCER, src, dst, session.clientDestination(), session.clientSource(),
						vs.source(), new Balance(vs.name(), vs.forwarding(), vs.translation(), null, true));
			}
		}
		if (reply) {
			return drop(balancer, src, dst, Drop.of(DropReason.NO_CONNECTION_ENTRY), balancer.source());
		}
		List<VirtualServer> atVip = view.virtualServersAt(balancer, dst);
		if (!atVip.isEmpty()) {
			// The most specific: a virtual server listing the port before one that takes every port.
			VirtualServer vs = atVip.stream().filter(v -> accepts(v, port))
					.min(Comparator.comparing((VirtualServer v) -> v.tcpPorts() == null).thenComparing(VirtualServer::name))
					.orElse(null);
			if (vs == null) {
				return drop(balancer, src, dst, new Drop(DropReason.NO_VIRTUAL_SERVER_FOR_PORT, null, null, port, null, false,
						null), atVip.get(0).source());
			}
			Optional<Nic> member = chooseMember(balancer, vs);
			if (member.isEmpty()) {
				return drop(balancer, src, dst, new Drop(DropReason.NO_MEMBERS, null, null, 0, vs.name(), false, null),
						vs.source());
			}
			Ipv4Address memberAddress = member.get().address();
			return translate(balancer, vs, src, dst, memberAddress,
					view.ownerOf(memberAddress).map(NetworkView.Device::name).orElse(memberAddress.toString()));
		}
		VirtualServer forwarding = null;
		for (VirtualServer vs : balancer.virtualServers()) {
			if (vs.forwarding() && (vs.destination() == null || vs.destination().contains(dst)) && accepts(vs, port)
					&& (forwarding == null || prefixOf(vs) > prefixOf(forwarding))) {
				forwarding = vs;
			}
		}
		if (forwarding != null) {
			return translate(balancer, forwarding, src, dst, dst, null);
		}
		// One that covers the destination for other ports is there: say so, and point at it.
		VirtualServer otherPorts = null;
		for (VirtualServer vs : balancer.virtualServers()) {
			if (vs.forwarding() && (vs.destination() == null || vs.destination().contains(dst))
					&& (otherPorts == null || prefixOf(vs) > prefixOf(otherPorts)
							|| prefixOf(vs) == prefixOf(otherPorts) && vs.name().compareTo(otherPorts.name()) < 0)) {
				otherPorts = vs;
			}
		}
		if (otherPorts != null) {
			return drop(balancer, src, dst, new Drop(DropReason.FORWARDING_NOT_FOR_PORT, null, null, port, otherPorts.name(),
					true, null), otherPorts.source());
		}
		return drop(balancer, src, dst, Drop.of(DropReason.NO_VIRTUAL_SERVER), balancer.source());
	}

	private Hop translate(Balancer balancer, VirtualServer vs, Ipv4Address src, Ipv4Address dst, Ipv4Address newDst,
			String member) {
		RouteChoice out = HostRouting.route(balancer, newDst);
		if (out == null) {
			return Hop.at(balancer.name(), Role.BALANCER, src, newDst, balancer.source(), Drop.of(DropReason.NO_ROUTE));
		}
		Object declaration = vs.translationSource() != null ? vs.translationSource() : vs.source();
		if (vs.translation() == Translation.SNAT && vs.snatPool().isEmpty()) {
			return drop(balancer, src, dst, new Drop(DropReason.EMPTY_SNAT_POOL, null, null, 0, vs.name(), vs.forwarding(),
					null), declaration);
		}
		Ipv4Address newSrc = switch (vs.translation()) {
			case NONE -> src;
			case AUTOMAP -> automapAddress(balancer, out.egress());
			// Any address of the pool may be taken: each is traced, in address order.
			case SNAT -> snatAddress(vs);
		};
		sessions.add(new Session(balancer, vs, src, dst, newSrc, newDst));
		return new Hop(balancer.name(), Role.BALANCER, src, dst, newSrc, newDst, declaration,
				new Balance(vs.name(), vs.forwarding(), vs.translation(), member, false));
	}

	private static Hop drop(Balancer balancer, Ipv4Address src, Ipv4Address dst, Drop drop, Object declaration) {
		return Hop.at(balancer.name(), Role.BALANCER, src, dst, declaration, drop);
	}

	private Ipv4Address snatAddress(VirtualServer vs) {
		List<Ipv4Address> pool = new ArrayList<>(new TreeSet<>(vs.snatPool()));
		return pool.get(pool.size() == 1 ? 0 : choose.applyAsInt(pool.size()));
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
	 * The member this trace takes, among every member with an address (in name order): each
	 * member's address the balancer reaches on-link, else its lowest.
	 */
	private Optional<Nic> chooseMember(Balancer balancer, VirtualServer vs) {
		List<Nic> candidates = new ArrayList<>();
		for (String member : new TreeSet<>(vs.members())) {
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
		return Optional.of(candidates.get(candidates.size() == 1 ? 0 : choose.applyAsInt(candidates.size())));
	}
}
