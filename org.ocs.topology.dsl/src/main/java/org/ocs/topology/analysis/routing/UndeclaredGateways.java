package org.ocs.topology.analysis.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
		// Indexes first, so that the check stays linear in the size of the topology.
		Map<Ipv4Address, Integer> serversUsing = new HashMap<>();
		Map<Cidr, List<Host>> serversOn = new HashMap<>();
		Map<Cidr, List<Nic>> routingNicsOn = new HashMap<>();
		Map<Nic, String> routingOwner = new HashMap<>();
		for (Device device : view.devices()) {
			if (device instanceof Host host) {
				host.routes().stream().map(Route::nextHop).distinct().forEach(hop -> serversUsing.merge(hop, 1, Integer::sum));
				host.nics().stream().map(nic -> nic.network().networkCidr()).distinct()
						.forEach(subnet -> serversOn.computeIfAbsent(subnet, s -> new ArrayList<>()).add(host));
			} else if (device instanceof NetworkView.Router
					|| device instanceof Balancer balancer && balancer.virtualServers().stream().anyMatch(v -> v.forwarding())) {
				for (Nic nic : device.nics()) {
					routingNicsOn.computeIfAbsent(nic.network().networkCidr(), s -> new ArrayList<>()).add(nic);
					routingOwner.put(nic, device.name());
				}
			}
		}
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
				List<Used> used = usedInstead(view, server, route, subnet, serversOn.getOrDefault(subnet, List.of()));
				if (used.isEmpty() && serversUsing.getOrDefault(route.nextHop(), 0) == 1) {
					// No other server uses it: a routing device's address on the subnet is what was meant.
					List<Nic> nics = new ArrayList<>(routingNicsOn.getOrDefault(subnet, List.of()));
					// A floating self IP first (it survives a fail-over), then by address: never by declaration order.
					nics.sort(Comparator.comparing((Nic nic) -> !nic.floating()).thenComparing(Nic::address));
					used = nics.stream().map(nic -> new Used(nic.address(), routingOwner.get(nic), List.of())).toList();
				}
				if (!used.isEmpty()) {
					found.add(new Suspect(server, route, subnet, used));
				}
			}
		}
		return found;
	}

	/** The declared routing addresses other servers on {@code subnet} use for the same destination, most used first. */
	private static List<Used> usedInstead(NetworkView view, Host server, Route route, Cidr subnet, List<Host> neighbours) {
		Map<Ipv4Address, TreeSet<String>> users = new LinkedHashMap<>();
		Map<Ipv4Address, String> owners = new LinkedHashMap<>();
		for (Host other : neighbours) {
			if (other.equals(server)) {
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
