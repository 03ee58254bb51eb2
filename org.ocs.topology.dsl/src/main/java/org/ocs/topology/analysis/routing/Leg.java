package org.ocs.topology.analysis.routing;

import java.util.List;

import org.ocs.topology.analysis.net.Ipv4Address;
import org.ocs.topology.analysis.routing.NetworkView.Balancer;
import org.ocs.topology.analysis.routing.NetworkView.Device;

/**
 * One direction of a flow, hop by hop. When delivered, {@code source}/{@code destination} are the
 * addresses the receiving device sees; {@code balancers} are the stateful devices the leg crossed.
 */
public record Leg(List<Hop> hops, boolean delivered, Device arrivedAt, Ipv4Address source, Ipv4Address destination,
		List<Balancer> balancers) {

	/** The hop that stopped the leg, when it was not delivered. */
	public Hop drop() {
		return delivered || hops.isEmpty() ? null : hops.get(hops.size() - 1);
	}
}
