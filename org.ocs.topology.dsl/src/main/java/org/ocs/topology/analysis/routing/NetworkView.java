package org.ocs.topology.analysis.routing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.ocs.topology.analysis.net.Cidr;
import org.ocs.topology.analysis.net.Ipv4Address;

/**
 * The network of a topology, compiled once from the parsed files and then only read: who owns
 * which address, each device's interfaces and routes, hosts files, DNS, and the load balancers'
 * virtual servers. Every element carries the caller's {@code source} handle (a model object) so
 * that findings can point back at declarations. Lookups go through indexes built here.
 */
public final class NetworkView {

	/** An address on a network, owned by a device: a server NIC or a balancer self IP. */
	public record Nic(String label, Ipv4Address address, Cidr network, boolean floating, Object source) {
	}

	/** A route: {@code 0.0.0.0/0} for a default gateway. */
	public record Route(Cidr destination, Ipv4Address nextHop, Object source) {
		public boolean isDefault() {
			return destination.prefixLength() == 0;
		}
	}

	public record HostsEntry(String name, Ipv4Address address, Object source) {
	}

	public record DnsRecord(String name, Ipv4Address address, Object source) {
	}

	public enum Translation {
		/** The balancer keeps the client's source address. */
		NONE,
		/** The balancer's self IP on the egress network (the floating one if any). */
		AUTOMAP,
		/** An address of a SNAT pool. */
		SNAT
	}

	/**
	 * A virtual server: a VIP with ports and members, or (forwarding) a destination network
	 * through which traffic is merely routed. {@code tcpPorts} null means every port.
	 */
	public record VirtualServer(String name, boolean forwarding, Ipv4Address vip, Cidr destination, Set<Integer> tcpPorts,
			List<String> members, Translation translation, List<Ipv4Address> snatPool, Object source,
			Object translationSource) {

		public VirtualServer {
			tcpPorts = tcpPorts == null ? null : Set.copyOf(tcpPorts);
			members = List.copyOf(members);
			snatPool = List.copyOf(snatPool);
		}

		public boolean acceptsPort(int port) {
			return tcpPorts == null || tcpPorts.contains(port);
		}
	}

	/** A server or a load balancer: something with interfaces and a routing table. */
	public sealed interface Device permits Host, Balancer, Router {
		String name();

		List<Nic> nics();

		List<Route> routes();

		Object source();
	}

	/** A server; {@code hostModel} says which interface its packets leave by (see {@link HostModel}). */
	public record Host(String name, List<Nic> nics, List<Route> routes, Map<String, List<HostsEntry>> hostsFile,
			HostModel hostModel, Object source) implements Device {

		/** A server whose host model is not known. */
		public Host(String name, List<Nic> nics, List<Route> routes, Map<String, List<HostsEntry>> hostsFile,
				Object source) {
			this(name, nics, routes, hostsFile, HostModel.UNKNOWN, source);
		}

		public Host {
			hostModel = hostModel == null ? HostModel.UNKNOWN : hostModel;
			nics = List.copyOf(nics);
			routes = List.copyOf(routes);
			Map<String, List<HostsEntry>> copy = new HashMap<>();
			hostsFile.forEach((hostName, entries) -> copy.put(key(hostName), List.copyOf(entries)));
			hostsFile = Map.copyOf(copy);
		}
	}

	/** A declared router: it forwards by its interfaces and routes, and keeps no state. */
	public record Router(String name, List<Nic> nics, List<Route> routes, Object source) implements Device {
		public Router {
			nics = List.copyOf(nics);
			routes = List.copyOf(routes);
		}
	}

	public record Balancer(String name, List<Nic> nics, List<Route> routes, List<VirtualServer> virtualServers,
			Object source) implements Device {
		public Balancer {
			nics = List.copyOf(nics);
			routes = List.copyOf(routes);
			virtualServers = List.copyOf(virtualServers);
		}

		// Identity, not value: two balancers are never the same device, and the hash stays cheap.
		@Override
		public boolean equals(Object other) {
			return this == other;
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(this);
		}
	}

	private final Map<String, Host> hostsByName;
	private final Map<String, Balancer> balancersByName;
	private final Map<String, Router> routersByName;
	private final Map<Ipv4Address, Device> ownerByAddress;
	private final Map<Ipv4Address, Nic> nicByAddress;
	private final Map<String, List<DnsRecord>> dnsByName;
	private final Map<Balancer, Map<Ipv4Address, List<VirtualServer>>> vipsByBalancer;

	private NetworkView(Builder builder) {
		this.hostsByName = Collections.unmodifiableMap(builder.hosts);
		this.balancersByName = Collections.unmodifiableMap(builder.balancers);
		this.routersByName = Collections.unmodifiableMap(builder.routers);
		this.dnsByName = Collections.unmodifiableMap(builder.dns);
		Map<Ipv4Address, Device> owners = new HashMap<>();
		Map<Ipv4Address, Nic> nics = new HashMap<>();
		// First owner wins; duplicate addresses are the addressing rules' business.
		for (Device device : devices()) {
			for (Nic nic : device.nics()) {
				owners.putIfAbsent(nic.address(), device);
				nics.putIfAbsent(nic.address(), nic);
			}
		}
		Map<Balancer, Map<Ipv4Address, List<VirtualServer>>> vips = new HashMap<>();
		for (Balancer balancer : balancersByName.values()) {
			Map<Ipv4Address, List<VirtualServer>> byVip = new HashMap<>();
			for (VirtualServer vs : balancer.virtualServers()) {
				// A reply to a SNAT address comes back to the balancer that translated to it.
				for (Ipv4Address snat : vs.snatPool()) {
					owners.putIfAbsent(snat, balancer);
				}
				if (!vs.forwarding() && vs.vip() != null) {
					byVip.computeIfAbsent(vs.vip(), a -> new ArrayList<>()).add(vs);
					owners.putIfAbsent(vs.vip(), balancer);
				}
			}
			vips.put(balancer, byVip);
		}
		this.ownerByAddress = owners;
		this.nicByAddress = nics;
		this.vipsByBalancer = vips;
	}

	public static Builder builder() {
		return new Builder();
	}

	static String key(String name) {
		return name.toLowerCase(Locale.ROOT);
	}

	public Optional<Host> host(String name) {
		return Optional.ofNullable(hostsByName.get(key(name)));
	}

	public Optional<Balancer> balancer(String name) {
		return Optional.ofNullable(balancersByName.get(key(name)));
	}

	public Optional<Router> router(String name) {
		return Optional.ofNullable(routersByName.get(key(name)));
	}

	/**
	 * The same network with one device replaced by another of the same name (a what-if: a route
	 * added to a server, a virtual server to a balancer); DNS stays as it is.
	 */
	public NetworkView replacing(Device device) {
		Builder builder = new Builder();
		String name = key(device.name());
		// In the original order, so that which device owns a duplicated address does not change.
		hostsByName.forEach((k, host) -> builder.host(k.equals(name) && device instanceof Host h ? h : host));
		balancersByName.forEach((k, balancer) -> builder.balancer(k.equals(name) && device instanceof Balancer b ? b : balancer));
		routersByName.forEach((k, router) -> builder.router(k.equals(name) && device instanceof Router r ? r : router));
		dnsByName.values().forEach(records -> records.forEach(builder::dns));
		return new NetworkView(builder);
	}

	public Optional<Device> ownerOf(Ipv4Address address) {
		return Optional.ofNullable(ownerByAddress.get(address));
	}

	public Optional<Nic> nicOf(Ipv4Address address) {
		return Optional.ofNullable(nicByAddress.get(address));
	}

	public List<DnsRecord> dns(String name) {
		return dnsByName.getOrDefault(key(name), List.of());
	}

	/** The virtual servers of a balancer listening on a VIP (several: one per port set). */
	public List<VirtualServer> virtualServersAt(Balancer balancer, Ipv4Address vip) {
		return vipsByBalancer.getOrDefault(balancer, Map.of()).getOrDefault(vip, List.of());
	}

	public List<Device> devices() {
		List<Device> devices = new ArrayList<>(hostsByName.values());
		devices.addAll(balancersByName.values());
		devices.addAll(routersByName.values());
		return devices;
	}

	public static final class Builder {
		private final Map<String, Host> hosts = new LinkedHashMap<>();
		private final Map<String, Balancer> balancers = new LinkedHashMap<>();
		private final Map<String, Router> routers = new LinkedHashMap<>();
		private final Map<String, List<DnsRecord>> dns = new LinkedHashMap<>();

		/** The first declaration of a name counts; duplicates are reported by the naming rules. */
		public Builder host(Host host) {
			hosts.putIfAbsent(key(host.name()), host);
			return this;
		}

		public Builder balancer(Balancer balancer) {
			balancers.putIfAbsent(key(balancer.name()), balancer);
			return this;
		}

		public Builder router(Router router) {
			routers.putIfAbsent(key(router.name()), router);
			return this;
		}

		public Builder dns(DnsRecord record) {
			dns.computeIfAbsent(key(record.name()), n -> new ArrayList<>()).add(record);
			return this;
		}

		public NetworkView build() {
			return new NetworkView(this);
		}
	}
}
