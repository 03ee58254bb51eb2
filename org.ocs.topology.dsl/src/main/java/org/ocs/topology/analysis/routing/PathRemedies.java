package org.ocs.topology.analysis.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.ocs.topology.analysis.net.Cidr;
import org.ocs.topology.analysis.net.Ipv4Address;
import org.ocs.topology.analysis.routing.NetworkView.Balancer;
import org.ocs.topology.analysis.routing.NetworkView.Host;
import org.ocs.topology.analysis.routing.NetworkView.Nic;
import org.ocs.topology.analysis.routing.NetworkView.Route;
import org.ocs.topology.analysis.routing.NetworkView.Translation;
import org.ocs.topology.analysis.routing.NetworkView.VirtualServer;

/**
 * The network changes that mend a Front End pair's path, each one proven before it is offered: it is
 * applied to a copy of the network and every pool's traffic traced again; it is kept only if the
 * finding's pairs then have no problem and no pair of any pool has a problem it did not have. Two
 * kinds: a static route on a server, so that the reply retraces the request (an asymmetric path),
 * and a balancer's forwarding virtual server, so that it routes what it dropped (a BIG-IP drops
 * what matches no virtual server).
 */
public final class PathRemedies {

	/** What a change does. */
	public enum Kind {
		/** On server {@code device}, {@code route destination via via}. */
		ROUTE,
		/** On balancer {@code device}, a forwarding virtual server for {@code destination}, all ports, source kept. */
		FORWARDING,
		/** On balancer {@code device}, TCP {@code port} added to forwarding virtual server {@code virtualServer}. */
		FORWARDING_PORT
	}

	/**
	 * One change; {@code viaDevice} names what {@code via} belongs to (a balancer, a router, or the
	 * address itself), for the label.
	 */
	public record Change(Kind kind, String device, Cidr destination, Ipv4Address via, String viaDevice,
			String virtualServer, int port) {
	}

	private final NetworkView view;
	private final Map<String, List<String>> pools;
	private final List<IntraPoolService> services;
	/** Each pool's problems before any change, and the devices its traces crossed. */
	private final Map<String, Set<List<Object>>> problemsBefore = new HashMap<>();
	private final Map<String, Set<String>> crossed = new HashMap<>();

	/** {@code pools}: every Enterprise pool's name and members, whose traffic a change must not break. */
	public PathRemedies(NetworkView view, Map<String, List<String>> pools, List<IntraPoolService> services) {
		this.view = view;
		this.pools = pools;
		this.services = services;
		PoolTraffic traffic = new PoolTraffic(view);
		pools.forEach((pool, members) -> {
			PoolTraffic.Survey survey = traffic.survey(pool, members, services);
			problemsBefore.put(pool, keys(survey.findings()));
			crossed.put(pool, survey.devices());
		});
	}

	/**
	 * The proven remedies for one finding, which may tell of several pairs: each remedy is a set of
	 * changes, one per pair that needs its own (a forwarding virtual server for each destination
	 * network dropped, a route on each server that answers the wrong way). The route sets come first
	 * the peer's way (answer as the request came), then the senders' way.
	 */
	public List<List<Change>> forFinding(List<PoolTraffic.PairFinding> group) {
		List<Change> peersWay = new ArrayList<>();
		List<Change> sendersWay = new ArrayList<>();
		List<Change> balancers = new ArrayList<>();
		for (PoolTraffic.PairFinding finding : group) {
			Optional<Host> from = view.host(finding.from());
			Optional<Host> to = view.host(finding.to());
			if (from.isEmpty() || to.isEmpty()) {
				continue;
			}
			FlowTrace trace = finding.trace();
			if (finding.verdict() == FlowTrace.Verdict.ASYMMETRIC) {
				addOnce(peersWay, retrace(trace.request(), to.get()));
				addOnce(sendersWay, retrace(trace.reply(), from.get()));
			} else if (finding.verdict() == FlowTrace.Verdict.UNREACHABLE) {
				for (Leg leg : new Leg[] { trace.request(), trace.reply() }) {
					Change change = forwarding(leg);
					if (change != null && change.kind() == Kind.FORWARDING_PORT) {
						// The trace shows one port; the finding's other services are dropped the same way.
						for (IntraPoolService service : finding.services()) {
							addOnce(balancers, new Change(Kind.FORWARDING_PORT, change.device(), null, null, null,
									change.virtualServer(), service.tcpPort()));
						}
					} else {
						addOnce(balancers, change);
					}
				}
			}
		}
		List<List<Change>> proven = new ArrayList<>();
		for (List<Change> changes : List.of(peersWay, sendersWay, balancers)) {
			if (!changes.isEmpty() && !proven.contains(changes) && mends(changes, group)) {
				proven.add(List.copyOf(changes));
			}
		}
		return proven;
	}

	private static void addOnce(List<Change> changes, Change change) {
		if (change != null && !changes.contains(change)) {
			changes.add(change);
		}
	}

	/** Where a balancer dropped the leg for want of a virtual server: a forwarding one, or the port on the one there. */
	private Change forwarding(Leg leg) {
		Hop drop = leg == null ? null : leg.drop();
		if (drop == null || drop.role() != Hop.Role.BALANCER || !(drop.step() instanceof Hop.Drop why)) {
			return null;
		}
		if (why.reason() == Hop.DropReason.NO_VIRTUAL_SERVER) {
			return view.nicOf(drop.destinationIn()).map(Nic::network)
					.map(net -> new Change(Kind.FORWARDING, drop.device(), net.networkCidr(), null, null, null, 0)).orElse(null);
		}
		if (why.reason() == Hop.DropReason.FORWARDING_NOT_FOR_PORT && why.virtualServer() != null) {
			return new Change(Kind.FORWARDING_PORT, drop.device(), null, null, null, why.virtualServer(), why.port());
		}
		return null;
	}

	/**
	 * A route on {@code receiver} back to the sender's subnet through the device that handed it the
	 * leg: the last hop before delivery, by its address on the receiver's subnet.
	 */
	private Change retrace(Leg leg, Host receiver) {
		if (leg == null || !leg.delivered() || leg.arrivedAt() != receiver) {
			return null;
		}
		List<Hop> hops = leg.hops();
		Hop sent = hops.stream().filter(h -> h.kind() == Hop.Kind.SEND).findFirst().orElse(null);
		if (sent == null || hops.size() < 2) {
			return null;
		}
		Hop handedOver = hops.get(hops.size() - 2);
		Optional<Nic> receiving = view.nicOf(leg.destination()).filter(nic -> receiver.nics().contains(nic));
		Optional<Nic> sending = view.nicOf(sent.source());
		if (receiving.isEmpty() || sending.isEmpty()) {
			return null;
		}
		Ipv4Address via = addressOn(handedOver, receiving.get().network());
		return via == null ? null
				: new Change(Kind.ROUTE, receiver.name(), sending.get().network().networkCidr(), via, handedOver.device(), null, 0);
	}

	/** The address of the hop's device on {@code net}: a balancer's floating self IP first. */
	private Ipv4Address addressOn(Hop hop, Cidr net) {
		List<Nic> nics = switch (hop.role()) {
			case BALANCER -> view.balancer(hop.device()).map(Balancer::nics).orElse(List.of());
			case ROUTER -> view.router(hop.device()).map(NetworkView.Router::nics).orElse(List.of());
			case UNDECLARED_ROUTER -> {
				Ipv4Address address = Ipv4Address.parse(hop.device());
				yield address != null && net.contains(address) ? List.of(new Nic(null, address, net, false, null)) : List.of();
			}
			default -> List.of();
		};
		return nics.stream().filter(nic -> net.contains(nic.address()))
				.sorted(Comparator.comparing((Nic nic) -> !nic.floating())).map(Nic::address).findFirst().orElse(null);
	}

	/**
	 * Whether, all changes made, no pair of the group has a problem and no pair of any pool a new
	 * one. Only the pools a change can touch are traced again: those whose traces crossed a changed
	 * device (a packet that never reached it cannot be routed differently by it).
	 */
	private boolean mends(List<Change> changes, List<PoolTraffic.PairFinding> group) {
		NetworkView changed = view;
		Set<String> devices = new HashSet<>();
		for (Change change : changes) {
			changed = apply(changed, change);
			if (changed == null) {
				return false;
			}
			devices.add(NetworkView.key(change.device()));
		}
		PoolTraffic traffic = new PoolTraffic(changed);
		Set<String> groupPools = new HashSet<>();
		group.forEach(pair -> groupPools.add(pair.pool()));
		for (Map.Entry<String, List<String>> pool : pools.entrySet()) {
			boolean touched = groupPools.contains(pool.getKey())
					|| crossed.getOrDefault(pool.getKey(), Set.of()).stream().anyMatch(devices::contains);
			if (!touched) {
				continue;
			}
			Set<List<Object>> after = keys(traffic.check(pool.getKey(), pool.getValue(), services));
			for (PoolTraffic.PairFinding pair : group) {
				if (after.stream().anyMatch(p -> p.get(0).equals(pair.from()) && p.get(1).equals(pair.to()))) {
					return false;
				}
			}
			if (!problemsBefore.getOrDefault(pool.getKey(), Set.of()).containsAll(after)) {
				return false;
			}
		}
		return true;
	}

	private static Set<List<Object>> keys(List<PoolTraffic.PairFinding> findings) {
		Set<List<Object>> keys = new HashSet<>();
		findings.forEach(f -> keys.add(List.of(f.from(), f.to(), f.verdict())));
		return keys;
	}

	/** The network with the change made; null where it cannot be made. */
	static NetworkView apply(NetworkView view, Change change) {
		switch (change.kind()) {
			case ROUTE -> {
				Host host = view.host(change.device()).orElse(null);
				if (host == null) {
					return null;
				}
				List<Route> routes = new ArrayList<>(host.routes());
				routes.add(new Route(change.destination(), change.via(), null));
				return view.replacing(new Host(host.name(), host.nics(), routes, host.hostsFile(), host.hostModel(), host.source()));
			}
			case FORWARDING -> {
				Balancer balancer = view.balancer(change.device()).orElse(null);
				if (balancer == null) {
					return null;
				}
				List<VirtualServer> servers = new ArrayList<>(balancer.virtualServers());
				servers.add(new VirtualServer("what-if", true, null, change.destination(), null, List.of(), Translation.NONE,
						List.of(), null, null));
				return view.replacing(new Balancer(balancer.name(), balancer.nics(), balancer.routes(), servers, balancer.source()));
			}
			case FORWARDING_PORT -> {
				Balancer balancer = view.balancer(change.device()).orElse(null);
				if (balancer == null) {
					return null;
				}
				List<VirtualServer> servers = new ArrayList<>();
				for (VirtualServer vs : balancer.virtualServers()) {
					if (vs.forwarding() && vs.name().equals(change.virtualServer()) && vs.tcpPorts() != null) {
						Set<Integer> ports = new HashSet<>(vs.tcpPorts());
						ports.add(change.port());
						vs = new VirtualServer(vs.name(), true, vs.vip(), vs.destination(), ports, vs.members(), vs.translation(),
								vs.snatPool(), vs.source(), vs.translationSource());
					}
					servers.add(vs);
				}
				return view.replacing(new Balancer(balancer.name(), balancer.nics(), balancer.routes(), servers, balancer.source()));
			}
			default -> {
				return null;
			}
		}
	}

}
