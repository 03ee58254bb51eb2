package org.ocs.topology.analysis.routing;

import org.ocs.topology.analysis.net.Cidr;
import org.ocs.topology.analysis.net.Ipv4Address;
import org.ocs.topology.analysis.routing.FlowTrace.Resolution;
import org.ocs.topology.analysis.routing.NetworkView.Route;
import org.ocs.topology.analysis.routing.NetworkView.Translation;

/**
 * One step of a traced flow, as data: the device and what it is, the addresses the packet carries
 * when it arrives there ({@code sourceIn}, {@code destinationIn}) and when it leaves ({@code source},
 * {@code destination}; they differ where a balancer translates), what the device does with it
 * ({@code step}, typed), and the declaration responsible ({@code declaration}, the caller's handle;
 * null for an undeclared router). {@link TraceText} says it in words.
 */
public record Hop(String device, Role role, Ipv4Address sourceIn, Ipv4Address destinationIn, Ipv4Address source,
		Ipv4Address destination, Object declaration, Step step) {

	/** A hop that does not change the packet's addresses. */
	static Hop at(String device, Role role, Ipv4Address source, Ipv4Address destination, Object declaration, Step step) {
		return new Hop(device, role, source, destination, source, destination, declaration, step);
	}

	public Kind kind() {
		return step.kind();
	}

	/** Why the packet goes no further, on a {@link Kind#DROP} hop; null on every other. */
	public DropReason dropReason() {
		return step instanceof Drop drop ? drop.reason() : null;
	}

	/** What the device is. */
	public enum Role {
		SERVER, BALANCER, ROUTER,
		/** An address no declaration owns, used as a gateway or next hop ({@code device} is the address). */
		UNDECLARED_ROUTER
	}

	/** What a device does with the packet; each kind carries what it needs to be told. */
	public sealed interface Step permits Resolve, Send, Forward, AssumedRouter, Balance, Deliver, Drop {
		default Kind kind() {
			if (this instanceof Resolve) {
				return Kind.RESOLVE;
			}
			if (this instanceof Send) {
				return Kind.SEND;
			}
			if (this instanceof Forward) {
				return Kind.ROUTER;
			}
			if (this instanceof AssumedRouter) {
				return Kind.ASSUMED_ROUTER;
			}
			if (this instanceof Balance) {
				return Kind.BALANCER;
			}
			return this instanceof Deliver ? Kind.DELIVER : Kind.DROP;
		}
	}

	/** The sender turned {@code name} into the hop's destination address. */
	public record Resolve(String name, Resolution.Method method) implements Step {
	}

	/** The device sends the packet out of {@code subnet}, by {@code route} (null: on-link). */
	public record Send(Cidr subnet, Route route) implements Step {
	}

	/** A declared router forwards the packet by {@code route} (null: on-link to its destination). */
	public record Forward(Route route) implements Step {
	}

	/** An undeclared router is assumed to deliver the packet straight to its destination. */
	public record AssumedRouter() implements Step {
	}

	/**
	 * A balancer takes the packet: a reply by its {@code connectionEntry} of {@code virtualServer}, or
	 * a request by {@code virtualServer} (a forwarding one routes it on; another sends it to
	 * {@code member}), translating the source as {@code translation} says.
	 */
	public record Balance(String virtualServer, boolean forwarding, Translation translation, String member,
			boolean connectionEntry) implements Step {
	}

	/** The packet reaches the device that owns its destination. */
	public record Deliver() implements Step {
	}

	/**
	 * The packet goes no further, for {@code reason}; the other fields are the reason's particulars,
	 * null or 0 where they do not apply: the undeclared {@code router} that could not deliver it, the
	 * {@code subnet} it was sent on or the source's interface was on, the {@code port} no virtual
	 * server takes, the {@code virtualServer} concerned, the {@code hostModel} that kept it off a route.
	 */
	public record Drop(DropReason reason, Ipv4Address router, Cidr subnet, int port, String virtualServer,
			boolean forwarding, HostModel hostModel) implements Step {

		static Drop of(DropReason reason) {
			return new Drop(reason, null, null, 0, null, false, null);
		}
	}

	/** Why a packet goes no further. */
	public enum DropReason {
		/** The packet comes back to a device with the same addresses. */
		ROUTING_LOOP,
		/** More than {@link FlowTracer#MAX_HOPS} hops. */
		TOO_MANY_HOPS,
		/** No declared device owns the destination the packet is sent or routed to. */
		NO_OWNER,
		/** It reaches a server that is not its destination; servers do not route. */
		NOT_A_ROUTER,
		/** The device has no route to the destination. */
		NO_ROUTE,
		/** A server has a route, but not out of the interface that owns the source: its host model forbids the others. */
		NO_ROUTE_FROM_SOURCE_INTERFACE,
		/** A balancer has no connection entry for it: it never saw the other half of the connection. */
		NO_CONNECTION_ENTRY,
		/** A VIP has no virtual server for the port. */
		NO_VIRTUAL_SERVER_FOR_PORT,
		/** A virtual server has no member with a declared address. */
		NO_MEMBERS,
		/** A balancer matches it to no virtual server and does not route it. */
		NO_VIRTUAL_SERVER,
		/**
		 * A balancer has a forwarding virtual server for the destination, but not for the port
		 * ({@code virtualServer} names the most specific one), and does not route it.
		 */
		FORWARDING_NOT_FOR_PORT,
		/** A virtual server translates to a SNAT pool that lists no address. */
		EMPTY_SNAT_POOL
	}

	public enum Kind {
		/** A name turned into an address (hosts file or DNS). */
		RESOLVE,
		/** A device sends: on-link, by a static route or by its default gateway. */
		SEND,
		/** A load balancer's virtual server, forwarding virtual server or connection entry takes the packet. */
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
		return kind() + " " + device + " " + (in.equals(out) ? out : in + " => " + out) + " " + step;
	}
}
