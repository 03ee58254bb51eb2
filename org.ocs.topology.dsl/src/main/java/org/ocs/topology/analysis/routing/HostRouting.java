package org.ocs.topology.analysis.routing;

import java.util.Objects;

import org.ocs.topology.analysis.net.Ipv4Address;
import org.ocs.topology.analysis.routing.NetworkView.Device;
import org.ocs.topology.analysis.routing.NetworkView.Host;
import org.ocs.topology.analysis.routing.NetworkView.Nic;
import org.ocs.topology.analysis.routing.NetworkView.Route;

/**
 * Routing on one device: longest prefix over its connected subnets, static routes and default
 * gateways, and, on a server, its host model ({@link HostModel}). Ties never go by the order routes
 * were written in.
 */
final class HostRouting {

	private HostRouting() {
	}

	/** The route a device takes: out of {@code egress}, to {@code nextHop} (the destination itself when on-link). */
	record RouteChoice(Nic egress, Ipv4Address nextHop, boolean onLink, Route route) {
	}

	/** A server's choice, and whether the other host model would have chosen differently. */
	record HostChoice(RouteChoice route, boolean dependsOnModel) {
	}

	/** A device's route to a destination by its whole table (no source chosen yet, or not a server). */
	static RouteChoice route(Device device, Ipv4Address destination) {
		return routeOut(device, destination, null, null);
	}

	/**
	 * A device's route for a packet from {@code source} (null: not chosen yet). A server under the
	 * strong host model may use only the interface that owns the source; one of unknown model takes
	 * {@code assumed}, and the answer says whether the other model would have routed differently.
	 */
	static HostChoice route(Device device, Ipv4Address source, Ipv4Address destination, HostModel assumed) {
		Nic sourceNic = device instanceof Host host && source != null ? nicOwning(host, source) : null;
		if (sourceNic == null) {
			return new HostChoice(routeOut(device, destination, null, source), false);
		}
		Host host = (Host) device;
		if (host.hostModel().known()) {
			// Known: only the one lookup its model makes.
			return new HostChoice(routeOut(device, destination, host.hostModel() == HostModel.STRONG ? sourceNic : null,
					source), false);
		}
		RouteChoice weak = routeOut(device, destination, null, source);
		RouteChoice strong = routeOut(device, destination, sourceNic, source);
		return new HostChoice(assumed == HostModel.STRONG ? strong : weak, !Objects.equals(weak, strong));
	}

	/** The model a server sends by: its own where known, else the one assumed. */
	static HostModel effectiveModel(Host host, HostModel assumed) {
		return host.hostModel().known() ? host.hostModel() : assumed;
	}

	static Nic nicOwning(Device device, Ipv4Address address) {
		for (Nic nic : device.nics()) {
			if (nic.address().equals(address)) {
				return nic;
			}
		}
		return null;
	}

	static boolean owns(Device device, Ipv4Address address) {
		return nicOwning(device, address) != null;
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
}
