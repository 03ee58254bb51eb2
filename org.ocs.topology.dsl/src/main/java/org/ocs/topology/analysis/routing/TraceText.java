package org.ocs.topology.analysis.routing;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.ocs.topology.analysis.routing.FlowTrace.Resolution;
import org.ocs.topology.analysis.routing.Hop.Balance;
import org.ocs.topology.analysis.routing.Hop.Drop;
import org.ocs.topology.analysis.routing.Hop.Role;
import org.ocs.topology.analysis.routing.NetworkView.Balancer;
import org.ocs.topology.analysis.routing.NetworkView.Route;
import org.ocs.topology.analysis.routing.NetworkView.Translation;

/**
 * A trace in words, the only place that says one: each hop briefly (for the one-line path) and in
 * full ("why", said of the packet: "reaches VIP ... of lb1, which has no virtual server for TCP
 * 5071"), and each verdict's cause. The tracer and the code that judges its results read the data.
 */
public final class TraceText {

	private static final String BIG_IP_ROUTES = " (a BIG-IP routes only through a forwarding virtual server)";
	private static final String NOT_COVERED = " (no subnet, static route or default gateway covers it)";
	private static final String NO_WAY_FROM_BALANCER = " (no self IP on its subnet, no static route or default gateway)";
	private static final String NEVER_SAW_REQUEST = " (it never saw the request)";
	private static final String NO_OWNER = ", which no declared server or balancer owns";

	private TraceText() {
	}

	/** The device as a message names it: an undeclared router by its address. */
	public static String device(Hop hop) {
		return hop.role() == Role.UNDECLARED_ROUTER ? "router " + hop.device() : hop.device();
	}

	/** A few words for the one-line path. */
	public static String brief(Hop hop) {
		String device = hop.device();
		Hop.Step step = hop.step();
		if (step instanceof Hop.Resolve resolve) {
			return resolve.name() + " (" + hop.destination() + ", "
					+ (resolve.method() == Resolution.Method.DNS ? "DNS" : "hosts file") + ")";
		}
		if (step instanceof Hop.Send send) {
			return send.route() == null ? "on-link" : routeWords(send.route());
		}
		if (step instanceof Hop.Forward) {
			return "router " + device;
		}
		if (step instanceof Hop.AssumedRouter) {
			return "router " + device + " (assumed)";
		}
		if (step instanceof Balance balance) {
			return balance.connectionEntry() ? device + " (connection entry)"
					: device + " (" + (balance.forwarding() ? "forwarding " : "") + balance.virtualServer() + ", "
							+ translationWords(balance.translation(), hop) + ")";
		}
		if (step instanceof Hop.Deliver) {
			return device + " sees " + hop.source();
		}
		return dropBrief(hop, (Drop) step);
	}

	/** The hop in a sentence; a drop's is said of the packet ("reaches ..., which ..."). */
	public static String why(Hop hop) {
		String device = hop.device();
		Hop.Step step = hop.step();
		if (step instanceof Hop.Resolve resolve) {
			return resolve.name() + " resolves to " + hop.destination() + " by "
					+ (resolve.method() == Resolution.Method.DNS ? "a DNS A record" : "the hosts file of " + device);
		}
		if (step instanceof Hop.Send send) {
			return send.route() == null ? device + " sends it on-link from " + hop.source() + " on " + send.subnet()
					: device + " sends it from " + hop.source() + " to its " + routeWords(send.route());
		}
		if (step instanceof Hop.Forward forward) {
			return "router " + device + " forwards it " + (forward.route() == null ? "on-link to " + hop.destination()
					: "by " + (forward.route().isDefault() ? "its default gateway " + forward.route().nextHop()
							: "route " + forward.route().destination() + " via " + forward.route().nextHop()));
		}
		if (step instanceof Hop.AssumedRouter) {
			return "router " + device + ", which no declaration owns, is assumed to reach every declared subnet: it"
					+ " forwards it straight to " + hop.destination();
		}
		if (step instanceof Balance balance) {
			return balanceWhy(hop, balance);
		}
		if (step instanceof Hop.Deliver) {
			return device + " receives it from " + hop.source();
		}
		return dropWhy(hop, (Drop) step);
	}

	/** Why the trace got its verdict. */
	public static String explanation(FlowTrace trace) {
		Leg request = trace.request();
		Leg reply = trace.reply();
		String from = trace.from();
		return switch (trace.cause()) {
			case UNRESOLVED -> trace.target() + " resolves to nothing for " + from
					+ ": no hosts-file entry and no DNS A record";
			case TOO_MANY_PATHS -> "the flow has more than " + FlowTracer.MAX_PATHS
					+ " paths (members of virtual servers times SNAT addresses); the others were not traced";
			case REQUEST_DROPPED -> why(request.drop());
			case DELIVERED_ELSEWHERE -> trace.resolution().address()
					+ (trace.party() != null ? " (the VIP of " + trace.party().name() + ")" : "") + " takes it "
					+ (request.arrivedAt().name().equals(from) ? "back at " + from + ", the sender itself"
							: "at " + request.arrivedAt().name())
					+ ", not to " + trace.target();
			case NOT_ANSWERING -> trace.resolution().address() + " reaches " + request.arrivedAt().name()
					+ ", which is not one of " + String.join(", ", trace.answering());
			case SOURCE_TRANSLATED -> request.arrivedAt().name() + " sees the connection coming from " + request.source()
					+ " (" + party(trace.party()) + "), not from " + from;
			case REPLY_DROPPED -> "the reply " + why(reply.drop());
			case REPLY_DELIVERED_ELSEWHERE -> "the reply reaches " + reply.arrivedAt().name() + ", not " + from;
			case REPLY_FROM_OTHER_ADDRESS -> "the reply comes from " + reply.source() + ", but " + from + " connected to "
					+ trace.resolution().address() + " and drops it";
			case REPLY_CROSSES_OTHER_BALANCERS -> "the request crosses " + names(request.balancers())
					+ " but the reply crosses " + names(reply.balancers());
			case DIRECT -> from + " reaches " + request.arrivedAt().name() + " directly and the reply comes back the same way";
			case THROUGH_BALANCER -> "the path crosses " + names(request.balancers()) + ", which keeps " + from
					+ "'s address, and the reply comes back through it";
		};
	}

	/** What a message calls a host model. */
	public static String hostModel(HostModel model) {
		return switch (model) {
			case STRONG -> "the strong host model (Windows Server 2008 and later)";
			case WEAK -> "the weak host model (Windows Server 2003)";
			case UNKNOWN -> "an unknown host model";
		};
	}

	private static String routeWords(Route route) {
		return route.isDefault() ? "default gateway " + route.nextHop()
				: "route " + route.destination() + " via " + route.nextHop();
	}

	private static String translationWords(Translation translation, Hop hop) {
		return switch (translation) {
			case NONE -> "source kept";
			case AUTOMAP -> "automap " + hop.source();
			case SNAT -> "SNAT " + hop.source();
		};
	}

	private static String balanceWhy(Hop hop, Balance balance) {
		if (balance.connectionEntry()) {
			return hop.device() + " matches its connection entry of " + balance.virtualServer()
					+ " and returns the reply from " + hop.source() + " to " + hop.destination();
		}
		String what = balance.forwarding()
				? "forwarding virtual server " + balance.virtualServer() + " routes it on to " + hop.destination()
				: "virtual server " + balance.virtualServer() + " sends it to member " + balance.member() + " at "
						+ hop.destination();
		return hop.device() + ": " + what + (balance.translation() == Translation.NONE
				? ", keeping source " + hop.sourceIn()
				: ", replacing source " + hop.sourceIn() + " with " + hop.source());
	}

	private static String dropBrief(Hop hop, Drop drop) {
		String device = hop.device();
		return switch (drop.reason()) {
			case ROUTING_LOOP -> "routing loop at " + device(hop);
			case TOO_MANY_HOPS -> "too many hops";
			case NO_OWNER -> (drop.router() != null ? "no device owns " : "nothing owns ") + hop.destination();
			case NOT_A_ROUTER -> device + " does not route";
			case NO_ROUTE -> device + " has no route to " + hop.destination()
					+ (hop.role() == Role.BALANCER ? NO_WAY_FROM_BALANCER : NOT_COVERED);
			case NO_ROUTE_FROM_SOURCE_INTERFACE -> device + " has no route to " + hop.destination() + " from " + hop.source()
					+ " (" + hostModel(drop.hostModel()) + ": only out of the interface that owns it)";
			case NO_CONNECTION_ENTRY -> "no connection entry on " + device + NEVER_SAW_REQUEST;
			case NO_VIRTUAL_SERVER_FOR_PORT -> "VIP " + hop.destination() + " has no virtual server for TCP " + drop.port();
			case NO_MEMBERS -> drop.virtualServer() + " has no members";
			case NO_VIRTUAL_SERVER -> device + " matches no virtual server" + BIG_IP_ROUTES;
			case FORWARDING_NOT_FOR_PORT -> "forwarding virtual server " + drop.virtualServer() + " of " + device
					+ " does not carry TCP " + drop.port();
			case EMPTY_SNAT_POOL -> drop.virtualServer() + " has an empty SNAT pool";
		};
	}

	private static String dropWhy(Hop hop, Drop drop) {
		String device = hop.device();
		return switch (drop.reason()) {
			case ROUTING_LOOP -> "comes back to " + device(hop) + " with the same addresses: a routing loop";
			case TOO_MANY_HOPS -> "takes more than " + FlowTracer.MAX_HOPS + " hops";
			case NO_OWNER -> drop.router() != null
					? "is routed by " + drop.router() + " towards " + hop.destination() + NO_OWNER
					: "is sent on-link to " + hop.destination() + " on " + drop.subnet() + NO_OWNER;
			case NOT_A_ROUTER -> "reaches " + device + ", a server that does not route packets for " + hop.destination();
			case NO_ROUTE -> "has no route from " + device + " to " + hop.destination()
					+ (hop.role() == Role.BALANCER ? NO_WAY_FROM_BALANCER : NOT_COVERED);
			case NO_ROUTE_FROM_SOURCE_INTERFACE -> "has no route from " + device + " to " + hop.destination()
					+ " out of the interface that owns " + hop.source() + (drop.subnet() != null ? " (" + drop.subnet() + ")" : "")
					+ ": under " + hostModel(drop.hostModel()) + " a packet leaves only by the interface that owns its"
					+ " source address";
			case NO_CONNECTION_ENTRY -> "reaches " + device + ", which has no connection entry for it" + NEVER_SAW_REQUEST
					+ " and drops it: the balancer sees half a connection";
			case NO_VIRTUAL_SERVER_FOR_PORT -> "reaches VIP " + hop.destination() + " of " + device
					+ ", which has no virtual server for TCP " + drop.port();
			case NO_MEMBERS -> "reaches virtual server " + drop.virtualServer() + " of " + device
					+ ", which has no member with a declared address";
			case NO_VIRTUAL_SERVER -> "reaches " + device + ", which matches it to no virtual server and drops it"
					+ BIG_IP_ROUTES;
			case FORWARDING_NOT_FOR_PORT -> "reaches " + device + ", whose forwarding virtual server "
					+ drop.virtualServer() + " covers " + hop.destination() + " but not TCP " + drop.port()
					+ ", and drops it" + BIG_IP_ROUTES;
			case EMPTY_SNAT_POOL -> "reaches " + (drop.forwarding() ? "forwarding " : "") + "virtual server "
					+ drop.virtualServer() + " of " + device + ", whose SNAT pool lists no address to translate the source to";
		};
	}

	private static String party(FlowTrace.Party party) {
		if (party == null) {
			return "no declared device";
		}
		return switch (party.role()) {
			case BALANCER -> "load balancer " + party.name();
			case ROUTER, UNDECLARED_ROUTER -> "router " + party.name();
			case SERVER -> "server " + party.name();
		};
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
