package org.ocs.topology.analysis.routing;

import java.util.ArrayList;
import java.util.List;

import org.ocs.topology.analysis.net.Ipv4Address;

/**
 * A TCP flow from a server to a name or address and port, then its reply, with the verdict on the
 * pair and its cause. Data only: {@link TraceText} says it in words; validators, hover and the
 * command line render it. {@code party} is the device the cause names, where it names one: the
 * balancer whose VIP took the request elsewhere, or the owner of the source address the peer saw.
 * {@code answering} lists the servers that may answer, where that is more than the target.
 */
public record FlowTrace(String from, String target, int port, Resolution resolution, Leg request, Leg reply,
		Verdict verdict, Cause cause, Party party, List<String> answering, Assumption assumption) {

	public FlowTrace {
		answering = answering == null ? List.of() : List.copyOf(answering);
	}

	/** A trace whose verdict rests on nothing the topology does not say. */
	FlowTrace(String from, String target, int port, Resolution resolution, Leg request, Leg reply, Verdict verdict,
			Cause cause, Party party) {
		this(from, target, port, resolution, request, reply, verdict, cause, party, List.of(), null);
	}

	/** A device a cause names, and what it is. */
	public record Party(String name, Hop.Role role) {
	}

	/** What decided the verdict. */
	public enum Cause {
		/** The target name resolves to nothing for the sender ({@link Verdict#UNRESOLVED}). */
		UNRESOLVED,
		/** More paths than the tracer follows; the rest were not traced ({@link Verdict#UNREACHABLE}). */
		TOO_MANY_PATHS,
		/** The request was dropped: its last hop says where and why. */
		REQUEST_DROPPED,
		/** The request was delivered to another device than the one meant (the sender itself, even). */
		DELIVERED_ELSEWHERE,
		/** The request was delivered to a server that is not among {@code answering}. */
		NOT_ANSWERING,
		/** A balancer replaced the sender's address: the peer sees {@code party} ({@link Verdict#HAIRPIN}). */
		SOURCE_TRANSLATED,
		/** The reply was dropped: its last hop says where and why. */
		REPLY_DROPPED,
		/** The reply reached another device than the sender. */
		REPLY_DELIVERED_ELSEWHERE,
		/** The reply came from another address than the one the sender connected to. */
		REPLY_FROM_OTHER_ADDRESS,
		/** Request and reply crossed different balancers. */
		REPLY_CROSSES_OTHER_BALANCERS,
		/** Delivered directly, answered the same way ({@link Verdict#DIRECT}). */
		DIRECT,
		/** Through balancers that kept the sender's address, both ways ({@link Verdict#THROUGH_BALANCER_SOURCE_KEPT}). */
		THROUGH_BALANCER
	}

	/**
	 * What the verdict had to assume because the topology does not say it: the host model of the
	 * servers named (none of them states its Windows version or host model, nor does the product
	 * decide it), and the verdict under the other model.
	 */
	public record Assumption(HostModel assumed, List<String> servers, Verdict otherwise) {
		public Assumption {
			servers = List.copyOf(servers);
		}

		/** Whether the flow fails under either model, so the finding is certain all the same. */
		public boolean problemEitherWay() {
			return otherwise.isProblem();
		}
	}

	/** The same trace, with the assumption its verdict rests on. */
	public FlowTrace assuming(Assumption made) {
		return new FlowTrace(from, target, port, resolution, request, reply, verdict, cause, party, answering, made);
	}

	/** The same paths and verdict for a flow on another port (one no balancer on them looked at). */
	public FlowTrace onPort(int other) {
		return new FlowTrace(from, target, other, resolution, request, reply, verdict, cause, party, answering, assumption);
	}

	/**
	 * The same trace judged against several servers that may answer: delivered to one not among
	 * them, it is unreachable.
	 */
	public FlowTrace notAnswering(String target, List<String> answering) {
		return new FlowTrace(from, target, port, resolution, request, null, Verdict.UNREACHABLE, Cause.NOT_ANSWERING,
				null, answering, assumption);
	}

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

	/**
	 * The addresses no declaration owns that the path (request or reply) went through as routers, in
	 * the order met: the verdict assumes each reaches every declared subnet directly, which only a
	 * {@code router} declaration with its interfaces and routes would make a fact.
	 */
	public List<String> assumedRouters() {
		// Asked of every problem trace, more than once: no list is made where there is none (most paths).
		List<String> routers = assumedRouters(reply, assumedRouters(request, null));
		return routers == null ? List.of() : java.util.Collections.unmodifiableList(routers);
	}

	private static List<String> assumedRouters(Leg leg, List<String> found) {
		if (leg != null) {
			for (Hop hop : leg.hops()) {
				if (hop.kind() == Hop.Kind.ASSUMED_ROUTER) {
					found = found == null ? new ArrayList<>() : found;
					if (!found.contains(hop.device())) {
						found.add(hop.device());
					}
				}
			}
		}
		return found;
	}

	/** Whether the verdict is a problem that rests on an assumption: a host model, or an undeclared router. */
	public boolean problemRestsOnAssumption() {
		return verdict.isProblem() && (assumption != null && !assumption.problemEitherWay() || !assumedRouters().isEmpty());
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
