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
		Ipv4Address destination, String brief, String why, Object declaration, DropReason dropReason) {

	/** A hop that is not a drop and may translate the packet's addresses. */
	public Hop(Kind kind, String device, Ipv4Address sourceIn, Ipv4Address destinationIn, Ipv4Address source,
			Ipv4Address destination, String brief, String why, Object declaration) {
		this(kind, device, sourceIn, destinationIn, source, destination, brief, why, declaration, null);
	}

	/** A hop that does not change the packet's addresses. */
	public static Hop at(Kind kind, String device, Ipv4Address source, Ipv4Address destination, String brief,
			String why, Object declaration) {
		return new Hop(kind, device, source, destination, source, destination, brief, why, declaration);
	}

	/** Where the packet goes no further, and why: code reads {@code reason}, people read {@code brief} and {@code why}. */
	public static Hop drop(DropReason reason, String device, Ipv4Address source, Ipv4Address destination, String brief,
			String why, Object declaration) {
		return new Hop(Kind.DROP, device, source, destination, source, destination, brief, why, declaration, reason);
	}

	/** Why a packet goes no further (a {@link Kind#DROP} hop's reason; null on every other hop). */
	public enum DropReason {
		/** The packet comes back to a device with the same addresses. */
		ROUTING_LOOP,
		/** More than {@link FlowTracer#MAX_HOPS} hops. */
		TOO_MANY_HOPS,
		/** No declared device owns the destination the packet is sent or routed to. */
		NO_OWNER,
		/** It reaches a server that is not its destination; servers do not route. */
		NOT_A_ROUTER,
		/** The device has no route to the destination (under a strong host model: none out of the source's interface). */
		NO_ROUTE,
		/** A balancer has no connection entry for it: it never saw the other half of the connection. */
		NO_CONNECTION_ENTRY,
		/** A VIP has no virtual server for the port. */
		NO_VIRTUAL_SERVER_FOR_PORT,
		/** A virtual server has no member with a declared address. */
		NO_MEMBERS,
		/** A balancer matches it to no virtual server and does not route it. */
		NO_VIRTUAL_SERVER,
		/** A virtual server translates to a SNAT pool that lists no address. */
		EMPTY_SNAT_POOL
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
