package org.ocs.topology.analysis.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.ocs.topology.analysis.net.Cidr;
import org.ocs.topology.analysis.net.Ipv4Address;
import org.ocs.topology.analysis.routing.NetworkView.Balancer;
import org.ocs.topology.analysis.routing.NetworkView.Device;
import org.ocs.topology.analysis.routing.NetworkView.Host;
import org.ocs.topology.analysis.routing.NetworkView.Nic;
import org.ocs.topology.analysis.routing.NetworkView.Route;

/**
 * A server's gateway that no declaration owns, in the two shapes of a typo (198.51.100.10 for .1):
 * the other servers on its subnet send the same traffic (the same route: default or to the same
 * destination) through a declared balancer or router; or no other server uses that address at all,
 * while a declared device that routes (a router, a balancer with a forwarding virtual server) has
 * an address on the subnet. The tracer takes every undeclared gateway for a router that reaches
 * every declared subnet, so without this it would find nothing wrong. Servers that share one
 * undeclared core router (a balancer beside it) are consistent and say nothing: small topologies
 * stay short.
 */
public final class UndeclaredGateways {

	/** A route through an address nobody declares, and what its neighbours use instead. */
	public record Suspect(Host server, Route route, Cidr subnet, List<Used> usedInstead) {
	}

	/**
	 * A declared device's address that {@code servers} on the same subnet use for the same route; no
	 * servers: an address on the subnet of a device that routes, which nobody else's gateway rivals.
	 */
	public record Used(Ipv4Address address, String device, List<String> servers) {
	}

	private UndeclaredGateways() {
	}

	public static List<Suspect> check(NetworkView view) {
		List<Suspect> found = new ArrayList<>();
		for (Device device : view.devices()) {
			if (!(device instanceof Host server)) {
				continue;
			}
			for (Route route : server.routes()) {
				if (view.ownerOf(route.nextHop()).isPresent()) {
					continue;
				}
				// Off-link gateways are gateway-not-on-link's business.
				Optional<Nic> egress = server.nics().stream().filter(nic -> nic.network().contains(route.nextHop()))
						.max(Comparator.comparingInt(nic -> nic.network().prefixLength()));
				if (egress.isEmpty()) {
					continue;
				}
				Cidr subnet = egress.get().network().networkCidr();
				List<Used> used = usedInstead(view, server, route, subnet);
				if (used.isEmpty() && usedByNoOtherServer(view, server, route.nextHop())) {
					used = routersOn(view, subnet);
				}
				if (!used.isEmpty()) {
					found.add(new Suspect(server, route, subnet, used));
				}
			}
		}
		return found;
	}

	private static boolean usedByNoOtherServer(NetworkView view, Host server, Ipv4Address nextHop) {
		return view.devices().stream().filter(d -> d instanceof Host && !d.equals(server))
				.noneMatch(d -> d.routes().stream().anyMatch(r -> r.nextHop().equals(nextHop)));
	}

	/** The addresses on {@code subnet} of declared devices that route: routers, balancers with a forwarding virtual server. */
	private static List<Used> routersOn(NetworkView view, Cidr subnet) {
		List<Nic> nics = new ArrayList<>();
		Map<Nic, String> owners = new LinkedHashMap<>();
		for (Device device : view.devices()) {
			boolean routes = device instanceof NetworkView.Router
					|| device instanceof Balancer balancer && balancer.virtualServers().stream().anyMatch(v -> v.forwarding());
			if (routes) {
				device.nics().stream().filter(nic -> subnet.contains(nic.address())).forEach(nic -> {
					nics.add(nic);
					owners.put(nic, device.name());
				});
			}
		}
		// A floating self IP first (it survives a fail-over), then by address: never by declaration order.
		nics.sort(Comparator.comparing((Nic nic) -> !nic.floating()).thenComparing(Nic::address));
		return nics.stream().map(nic -> new Used(nic.address(), owners.get(nic), List.of())).toList();
	}

	/** The declared routing addresses other servers on {@code subnet} use for the same destination, most used first. */
	private static List<Used> usedInstead(NetworkView view, Host server, Route route, Cidr subnet) {
		Map<Ipv4Address, TreeSet<String>> users = new LinkedHashMap<>();
		Map<Ipv4Address, String> owners = new LinkedHashMap<>();
		for (Device device : view.devices()) {
			if (!(device instanceof Host other) || other.equals(server)
					|| other.nics().stream().noneMatch(nic -> subnet.contains(nic.address()))) {
				continue;
			}
			for (Route theirs : other.routes()) {
				Optional<Device> owner = view.ownerOf(theirs.nextHop());
				if (theirs.destination().equals(route.destination()) && subnet.contains(theirs.nextHop())
						&& owner.filter(o -> o instanceof Balancer || o instanceof NetworkView.Router).isPresent()) {
					users.computeIfAbsent(theirs.nextHop(), a -> new TreeSet<>()).add(other.name());
					owners.put(theirs.nextHop(), owner.get().name());
				}
			}
		}
		List<Used> used = new ArrayList<>();
		users.forEach((address, names) -> used.add(new Used(address, owners.get(address), List.copyOf(names))));
		used.sort(Comparator.comparing((Used u) -> -u.servers().size()).thenComparing(Used::address));
		return used;
	}
}
