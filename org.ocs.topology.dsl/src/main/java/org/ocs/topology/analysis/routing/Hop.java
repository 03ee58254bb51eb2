package org.ocs.topology.analysis.routing;

import org.ocs.topology.analysis.net.Ipv4Address;

/**
 * One step of a traced flow: the device, the addresses the packet carries when it arrives there
 * ({@code sourceIn}, {@code destinationIn}) and when it leaves ({@code source}, {@code destination};
 * they differ where a balancer translates), a brief phrase for the one-line path, why it goes where
 * it goes, and the declaration responsible ({@code declaration}, the caller's handle; null for an
 * undeclared router).
 */
public record Hop(Kind kind, String device, Ipv4Address sourceIn, Ipv4Address destinationIn, Ipv4Address source,
		Ipv4Address destination, String brief, String why, Object declaration) {

	/** A hop that does not change the packet's addresses. */
	public static Hop at(Kind kind, String device, Ipv4Address source, Ipv4Address destination, String brief,
			String why, Object declaration) {
		return new Hop(kind, device, source, destination, source, destination, brief, why, declaration);
	}

	public enum Kind {
		/** A name turned into an address (hosts file or DNS). */
		RESOLVE,
		/** A device sends: on-link, by a static route or by its default gateway. */
		SEND,
		/** A load balancer's virtual server or forwarding virtual server takes the packet. */
		BALANCER,
		/** A declared router forwards the packet by its own table. */
		ROUTER,
		/**
		 * An address that no declaration owns, used as a gateway or next hop, forwards the packet: it is
		 * assumed to be a router that reaches every declared subnet directly ({@code device} is its
		 * address). A verdict on a path through one rests on that assumption.
		 */
		ASSUMED_ROUTER,
		/** The packet reaches the device that owns its destination address. */
		DELIVER,
		/** The packet goes no further. */
		DROP
	}

	@Override
	public String toString() {
		String in = sourceIn + " -> " + destinationIn;
		String out = source + " -> " + destination;
		return kind + " " + device + " " + (in.equals(out) ? out : in + " => " + out) + " (" + why + ")";
	}
}
