package org.ocs.topology.analysis.routing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
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
	/** Where this view writes down what it is asked, or null: see {@link #recording}. */
	private final Reads reads;

	/**
	 * What a computation asked of a view, and what it was answered. Everything an analysis can know
	 * of a network it asks through the lookups below, and devices, addresses, routes and records are
	 * immutable values: so a computation that reads only a view answers the same on another view that
	 * answers these reads the same ({@link #answersAsBefore}).
	 */
	public static final class Reads {
		private final Map<Read, Object> answers = new HashMap<>();
	}

	private enum Query {
		HOST, BALANCER, ROUTER, OWNER, NIC, DNS, VIPS, DEVICES
	}

	private record Read(Query query, Object argument) {
	}

	/** An answer no view gives again: a lookup that cannot be asked again by name. */
	private static final Object UNREPEATABLE = new Object();

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
		this.reads = null;
	}

	private NetworkView(NetworkView view, Reads reads) {
		this.hostsByName = view.hostsByName;
		this.balancersByName = view.balancersByName;
		this.routersByName = view.routersByName;
		this.dnsByName = view.dnsByName;
		this.ownerByAddress = view.ownerByAddress;
		this.nicByAddress = view.nicByAddress;
		this.vipsByBalancer = view.vipsByBalancer;
		this.reads = reads;
	}

	/** This network, writing down in {@code reads} every lookup made through it and its answer. */
	public NetworkView recording(Reads reads) {
		return new NetworkView(this, reads);
	}

	/**
	 * Whether this view answers every lookup written down in {@code reads} as the view they were
	 * made on did, value for value (the same devices, addresses, routes and records, carrying the
	 * same declarations): then whatever was computed from those answers holds for this view too.
	 */
	public boolean answersAsBefore(Reads reads) {
		for (Map.Entry<Read, Object> read : reads.answers.entrySet()) {
			if (!sameValue(read.getValue(), answer(read.getKey()))) {
				return false;
			}
		}
		return true;
	}

	private Object answer(Read read) {
		return switch (read.query()) {
			case HOST -> Optional.ofNullable(hostsByName.get((String) read.argument()));
			case BALANCER -> Optional.ofNullable(balancersByName.get((String) read.argument()));
			case ROUTER -> Optional.ofNullable(routersByName.get((String) read.argument()));
			case OWNER -> Optional.ofNullable(ownerByAddress.get((Ipv4Address) read.argument()));
			case NIC -> Optional.ofNullable(nicByAddress.get((Ipv4Address) read.argument()));
			case DNS -> dnsByName.getOrDefault((String) read.argument(), List.of());
			case VIPS -> {
				List<?> at = (List<?>) read.argument();
				Balancer balancer = balancersByName.get((String) at.get(0));
				yield balancer == null ? null
						: vipsByBalancer.getOrDefault(balancer, Map.of()).getOrDefault((Ipv4Address) at.get(1), List.of());
			}
			case DEVICES -> devices();
		};
	}

	/** Equal values; balancers, equal only to themselves as devices, compared here by what they are. */
	private static boolean sameValue(Object before, Object now) {
		if (before instanceof Optional<?> a && now instanceof Optional<?> b) {
			return a.isPresent() == b.isPresent() && (a.isEmpty() || sameValue(a.get(), b.get()));
		}
		if (before instanceof List<?> a && now instanceof List<?> b) {
			if (a.size() != b.size()) {
				return false;
			}
			for (int i = 0; i < a.size(); i++) {
				if (!sameValue(a.get(i), b.get(i))) {
					return false;
				}
			}
			return true;
		}
		if (before instanceof Balancer a && now instanceof Balancer b) {
			return a == b || a.name().equals(b.name()) && a.nics().equals(b.nics()) && a.routes().equals(b.routes())
					&& a.virtualServers().equals(b.virtualServers()) && Objects.equals(a.source(), b.source());
		}
		return Objects.equals(before, now);
	}

	private <T> T read(Query query, Object argument, T answer) {
		if (reads != null) {
			reads.answers.putIfAbsent(new Read(query, argument), answer);
		}
		return answer;
	}

	public static Builder builder() {
		return new Builder();
	}

	static String key(String name) {
		return name.toLowerCase(Locale.ROOT);
	}

	public Optional<Host> host(String name) {
		String key = key(name);
		return read(Query.HOST, key, Optional.ofNullable(hostsByName.get(key)));
	}

	public Optional<Balancer> balancer(String name) {
		String key = key(name);
		return read(Query.BALANCER, key, Optional.ofNullable(balancersByName.get(key)));
	}

	public Optional<Router> router(String name) {
		String key = key(name);
		return read(Query.ROUTER, key, Optional.ofNullable(routersByName.get(key)));
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
		return read(Query.OWNER, address, Optional.ofNullable(ownerByAddress.get(address)));
	}

	public Optional<Nic> nicOf(Ipv4Address address) {
		return read(Query.NIC, address, Optional.ofNullable(nicByAddress.get(address)));
	}

	public List<DnsRecord> dns(String name) {
		String key = key(name);
		return read(Query.DNS, key, dnsByName.getOrDefault(key, List.of()));
	}

	/** The virtual servers of a balancer listening on a VIP (several: one per port set). */
	public List<VirtualServer> virtualServersAt(Balancer balancer, Ipv4Address vip) {
		List<VirtualServer> answer = vipsByBalancer.getOrDefault(balancer, Map.of()).getOrDefault(vip, List.of());
		if (reads != null) {
			// Asked again by name: a balancer of this view is the one of its name (names are unique here).
			read(Query.VIPS, List.of(key(balancer.name()), vip),
					balancersByName.get(key(balancer.name())) == balancer ? answer : UNREPEATABLE);
		}
		return answer;
	}

	public List<Device> devices() {
		List<Device> devices = new ArrayList<>(hostsByName.values());
		devices.addAll(balancersByName.values());
		devices.addAll(routersByName.values());
		if (reads != null) {
			read(Query.DEVICES, Query.DEVICES, List.copyOf(devices));
		}
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
