package org.ocs.topology.analysis.routing;

import java.util.ArrayList;
import java.util.List;

import org.ocs.topology.analysis.net.Ipv4Address;

/**
 * A TCP flow from a server to a name or address and port, then its reply, with the verdict on the
 * pair. Data only: validators, hover and the command line render it.
 */
public record FlowTrace(String from, String target, int port, Resolution resolution, Leg request, Leg reply,
		Verdict verdict, String explanation) {

	/** How the target name became an address; {@code declaration} is the hosts entry or A record. */
	public record Resolution(String name, Ipv4Address address, Method method, Object declaration) {
		public enum Method {
			HOSTS_FILE, DNS, LITERAL
		}
	}

	public enum Verdict {
		/** Delivered directly and answered the same way. */
		DIRECT,
		/** Crossed a balancer that kept the sender's address, and the reply came back through it. */
		THROUGH_BALANCER_SOURCE_KEPT,
		/** Crossed a balancer that replaced the sender's address: the peer sees the balancer. */
		HAIRPIN,
		/** Request and reply crossed different stateful devices, or the reply came from elsewhere. */
		ASYMMETRIC,
		/** No route, a balancer dropped it, or it reached another device than the one meant. */
		UNREACHABLE,
		/** The name resolves to nothing for this sender. */
		UNRESOLVED;

		public boolean isProblem() {
			return this == HAIRPIN || this == ASYMMETRIC || this == UNREACHABLE || this == UNRESOLVED;
		}
	}

	/** Every hop, request then reply, as one list. */
	public List<Hop> allHops() {
		List<Hop> hops = new ArrayList<>();
		if (request != null) {
			hops.addAll(request.hops());
		}
		if (reply != null) {
			hops.addAll(reply.hops());
		}
		return hops;
	}
}
