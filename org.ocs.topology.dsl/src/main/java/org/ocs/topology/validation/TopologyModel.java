package org.ocs.topology.validation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.ocs.topology.analysis.net.AddressText;
import org.ocs.topology.analysis.net.Cidr;
import org.ocs.topology.analysis.net.Ipv4Address;
import org.ocs.topology.analysis.product.ProductGeneration;
import org.ocs.topology.analysis.routing.HostModel;
import org.ocs.topology.analysis.registrar.LookupRegistrations;
import org.ocs.topology.analysis.routing.NetworkView;
import org.ocs.topology.analysis.routing.PoolTraffic;
import org.ocs.topology.analysis.routing.NetworkView.Nic;
import org.ocs.topology.analysis.routing.NetworkView.Route;
import org.ocs.topology.analysis.routing.NetworkView.Translation;
import org.ocs.topology.topology.ARecord;
import org.ocs.topology.topology.DefaultGateway;
import org.ocs.topology.topology.ForwardingVirtualServer;
import org.ocs.topology.topology.GroupChatPool;
import org.ocs.topology.topology.HostsEntry;
import org.ocs.topology.topology.LoadBalancer;
import org.ocs.topology.topology.Model;
import org.ocs.topology.topology.NetworkInterface;
import org.ocs.topology.topology.Pool;
import org.ocs.topology.topology.PortList;
import org.ocs.topology.topology.Product;
import org.ocs.topology.topology.Protocol;
import org.ocs.topology.topology.RegistrarPool;
import org.ocs.topology.topology.RegistrarSetting;
import org.ocs.topology.topology.SelfIp;
import org.ocs.topology.topology.Server;
import org.ocs.topology.topology.Site;
import org.ocs.topology.topology.SourceTranslation;
import org.ocs.topology.topology.StandardVirtualServer;
import org.ocs.topology.topology.StaticRoute;
import org.ocs.topology.topology.Subnet;
import org.ocs.topology.topology.Topology;
import org.ocs.topology.topology.TopologyPackage;
import org.ocs.topology.topology.VirtualServer;

/**
 * The parsed files of one folder, translated into the analysis core's terms: the network view,
 * registrar settings and Lookup account uses. Every core element carries the model object it
 * comes from, so findings can be placed on declarations. Malformed or unresolved parts are left
 * out: the addressing and linking rules report them.
 */
public final class TopologyModel {

	private static final TopologyPackage P = TopologyPackage.eINSTANCE;

	private final List<Model> models;
	private final ProductGeneration product;
	private NetworkView network;
	private final PoolTraffic.Memo trafficMemo;

	private TopologyModel(List<Model> models, PoolTraffic.Memo trafficMemo) {
		List<Model> inFileOrder = new ArrayList<>(models);
		inFileOrder.sort((a, b) -> a.eResource().getURI().toString().compareTo(b.eResource().getURI().toString()));
		this.models = inFileOrder;
		this.product = findProduct(inFileOrder);
		this.trafficMemo = trafficMemo;
	}

	public static TopologyModel of(List<Model> models) {
		return new TopologyModel(models, null);
	}

	/** A state of a folder whose pool traffic may reuse what an earlier state traced (see {@link PoolTraffic.Memo}). */
	public static TopologyModel of(List<Model> models, PoolTraffic.Memo trafficMemo) {
		return new TopologyModel(models, trafficMemo);
	}

	/** The pool traffic kept from the folder's earlier state, or null when every pool is traced afresh. */
	public PoolTraffic.Memo trafficMemo() {
		return trafficMemo;
	}

	private final Map<Object, Object> derived = new HashMap<>();

	/**
	 * An analysis several rules read (the pool traffic traces, say), computed once for this state of
	 * the folder: the first rule to ask computes it.
	 */
	@SuppressWarnings("unchecked")
	public synchronized <T> T derived(Object key, java.util.function.Supplier<T> compute) {
		Object value = derived.get(key);
		if (value == null) {
			value = compute.get();
			derived.put(key, value);
		}
		return (T) value;
	}

	public ProductGeneration product() {
		return product;
	}

	public List<Model> models() {
		return models;
	}

	private List<EObject> contents;

	/**
	 * Every object of the folder's files, in file and text order (what eAllContents of each model
	 * gives, one model after another), from the one walk {@link #all} keeps: rules that look at
	 * objects of many kinds walked the folder again each.
	 */
	public synchronized List<EObject> contents() {
		walk();
		return java.util.Collections.unmodifiableList(contents);
	}

	private void walk() {
		if (contents == null) {
			List<EObject> walked = new ArrayList<>();
			for (Model model : models) {
				model.eAllContents().forEachRemaining(walked::add);
			}
			for (EObject object : walked) {
				byClass.computeIfAbsent(object.getClass(), c -> new ArrayList<>()).add(object);
			}
			contents = walked;
		}
	}
	/** The folder's objects by implementation class, each list in file and text order. */
	private final Map<Class<?>, List<EObject>> byClass = new LinkedHashMap<>();
	private final Map<Class<?>, List<?>> byType = new HashMap<>();

	/**
	 * Every object of a type in the folder's files, in file and text order. The folder is walked
	 * once and each type's list kept: some forty rules ask, each for a few types. Types are matched
	 * against the few implementation classes, not against every object: an instanceof test of an
	 * interface on each of 100,000 objects of mixed classes was a tenth of a folder's analysis.
	 */
	@SuppressWarnings("unchecked")
	public synchronized <T extends EObject> List<T> all(Class<T> type) {
		walk();
		return (List<T>) byType.computeIfAbsent(type, t -> {
			Map<Class<?>, Boolean> matches = new java.util.IdentityHashMap<>();
			List<EObject> only = null;
			for (Map.Entry<Class<?>, List<EObject>> entry : byClass.entrySet()) {
				boolean match = type.isAssignableFrom(entry.getKey());
				matches.put(entry.getKey(), match);
				if (match) {
					only = only == null ? entry.getValue() : contents;
				}
			}
			if (only == null) {
				return List.of();
			}
			if (only != contents) {
				return List.copyOf(only);
			}
			// Several classes: in the order of the walk.
			List<EObject> all = new ArrayList<>();
			for (EObject object : contents) {
				if (matches.get(object.getClass())) {
					all.add(object);
				}
			}
			return List.copyOf(all);
		});
	}

	private static ProductGeneration findProduct(List<Model> models) {
		for (Model model : models) {
			for (var declaration : model.getDeclarations()) {
				// The first header decides (a second one is an error of its own); without a product, unknown.
				if (declaration instanceof Topology header) {
					if (NodeModelUtils.findNodesForFeature(header, P.getTopology_Product()).isEmpty()) {
						return null;
					}
					return header.getProduct() == Product.OCS2007R2 ? ProductGeneration.OCS_2007_R2
							: ProductGeneration.LYNC_2010;
				}
			}
		}
		return null;
	}

	// ------------------------------------------------------------ network

	public NetworkView network() {
		if (network == null) {
			network = buildNetwork();
		}
		return network;
	}

	/**
	 * The host model of a server that states none: the header's, else the product's where it is
	 * certain (every Lync Server 2010 role needs Windows Server 2008 or 2008 R2: strong), else unknown.
	 */
	HostModel defaultHostModel() {
		for (Topology header : all(Topology.class)) {
			if (header.getHostModel() != null) {
				return HostModel.of(header.getHostModel());
			}
			if (header.getWindows() != null) {
				return HostModel.ofWindows(header.getWindows());
			}
			break;
		}
		return product == ProductGeneration.LYNC_2010 ? HostModel.STRONG : HostModel.UNKNOWN;
	}

	static HostModel hostModelOf(Server server, HostModel fallback) {
		if (server.getHostModel() != null) {
			return HostModel.of(server.getHostModel());
		}
		return server.getWindows() != null ? HostModel.ofWindows(server.getWindows()) : fallback;
	}

	/** A server's or a router's interfaces, those with an address that can be read. */
	private static List<Nic> nics(List<NetworkInterface> interfaces) {
		List<Nic> nics = new ArrayList<>();
		for (NetworkInterface nic : interfaces) {
			Nic converted = nic(nic.getLabel(), nic.getAddress(), nic.getSubnet(), false, nic);
			if (converted != null) {
				nics.add(converted);
			}
		}
		return nics;
	}

	private NetworkView buildNetwork() {
		NetworkView.Builder builder = NetworkView.builder();
		HostModel fallback = defaultHostModel();
		for (Server server : all(Server.class)) {
			if (server.getName() == null) {
				continue;
			}
			List<Nic> nics = nics(server.getInterfaces());
			Map<String, List<NetworkView.HostsEntry>> hostsFile = new HashMap<>();
			for (HostsEntry entry : server.getHostsEntries()) {
				Ipv4Address address = single(entry.getAddress());
				if (address != null && entry.getHostName() != null) {
					hostsFile.computeIfAbsent(entry.getHostName().toLowerCase(Locale.ROOT), n -> new ArrayList<>())
							.add(new NetworkView.HostsEntry(entry.getHostName(), address, entry));
				}
			}
			builder.host(new NetworkView.Host(server.getName(), nics, routes(server.getGateways(), server.getRoutes()),
					hostsFile, hostModelOf(server, fallback), server));
		}
		for (org.ocs.topology.topology.Router router : all(org.ocs.topology.topology.Router.class)) {
			if (router.getName() == null) {
				continue;
			}
			List<Nic> nics = nics(router.getInterfaces());
			builder.router(new NetworkView.Router(router.getName(), nics, routes(router.getGateways(), router.getRoutes()),
					router));
		}
		for (LoadBalancer balancer : all(LoadBalancer.class)) {
			if (balancer.getName() == null) {
				continue;
			}
			List<Nic> selfIps = new ArrayList<>();
			for (SelfIp selfIp : balancer.getSelfIps()) {
				Nic converted = nic(null, selfIp.getAddress(), selfIp.getSubnet(), selfIp.isFloating(), selfIp);
				if (converted != null) {
					selfIps.add(converted);
				}
			}
			List<NetworkView.VirtualServer> virtualServers = new ArrayList<>();
			for (VirtualServer vs : balancer.getVirtualServers()) {
				NetworkView.VirtualServer converted = virtualServer(vs);
				if (converted != null) {
					virtualServers.add(converted);
				}
			}
			builder.balancer(new NetworkView.Balancer(balancer.getName(), selfIps,
					routes(balancer.getGateways(), balancer.getRoutes()), virtualServers, balancer));
		}
		for (ARecord record : all(ARecord.class)) {
			Ipv4Address address = single(record.getAddress());
			if (address != null && record.getHost() != null) {
				builder.dns(new NetworkView.DnsRecord(record.getHost(), address, record));
			}
		}
		return builder.build();
	}

	private static Nic nic(String label, String address, Subnet subnet, boolean floating, EObject source) {
		AddressText text = AddressText.parse(address);
		Cidr network = org.ocs.topology.rules.addressing.WrittenAddress.networkOf(address, subnet);
		if (!text.isValid() || network == null) {
			return null;
		}
		return new Nic(label, text.address(), network, floating, source);
	}

	private static List<Route> routes(List<DefaultGateway> gateways, List<StaticRoute> staticRoutes) {
		List<Route> routes = new ArrayList<>();
		for (DefaultGateway gateway : gateways) {
			Ipv4Address nextHop = single(gateway.getAddress());
			if (nextHop != null) {
				routes.add(new Route(new Cidr(Ipv4Address.of(0, 0, 0, 0), 0), nextHop, gateway));
			}
		}
		for (StaticRoute route : staticRoutes) {
			AddressText destination = AddressText.parse(route.getDestination());
			Ipv4Address nextHop = single(route.getNextHop());
			if (destination.cidr() != null && nextHop != null) {
				routes.add(new Route(destination.cidr().networkCidr(), nextHop, route));
			}
		}
		return routes;
	}

	private NetworkView.VirtualServer virtualServer(VirtualServer vs) {
		SourceTranslation translation = vs instanceof StandardVirtualServer standard ? standard.getTranslation()
				: ((ForwardingVirtualServer) vs).getTranslation();
		Translation kind = Translation.NONE;
		List<Ipv4Address> snatPool = new ArrayList<>();
		if (translation != null) {
			kind = switch (translation.getKind()) {
				case NONE -> Translation.NONE;
				case AUTOMAP -> Translation.AUTOMAP;
				case SNAT_POOL -> Translation.SNAT;
			};
			for (String address : translation.getSnatAddresses()) {
				Ipv4Address parsed = single(address);
				if (parsed != null) {
					snatPool.add(parsed);
				}
			}
		}
		// No "source translation" line: the BIG-IP default, none.
		Object translationSource = translation != null ? translation : vs;
		List<PortList> portLists = vs instanceof StandardVirtualServer standard ? standard.getPorts()
				: ((ForwardingVirtualServer) vs).getPorts();
		Set<Integer> tcpPorts = null;
		if (!portLists.isEmpty()) {
			tcpPorts = new LinkedHashSet<>();
			for (PortList ports : portLists) {
				if (ports.getProtocol() == Protocol.TCP) {
					tcpPorts.addAll(ports.getNumbers());
				}
			}
		}
		if (vs instanceof StandardVirtualServer standard) {
			Ipv4Address vip = single(standard.getAddress());
			if (vip == null) {
				return null;
			}
			List<String> members = new ArrayList<>();
			if (standard.getMemberPool() != null && !standard.getMemberPool().eIsProxy()) {
				standard.getMemberPool().getMembers().stream().filter(s -> !s.eIsProxy()).forEach(s -> members.add(s.getName()));
			}
			standard.getMemberServers().stream().filter(s -> !s.eIsProxy()).forEach(s -> members.add(s.getName()));
			return new NetworkView.VirtualServer(standard.getName(), false, vip, null, tcpPorts, members, kind, snatPool,
					vs, translationSource);
		}
		ForwardingVirtualServer forwarding = (ForwardingVirtualServer) vs;
		Cidr destination = null;
		if (forwarding.getDestination() != null) {
			destination = AddressText.parse(forwarding.getDestination()).cidr();
			if (destination == null) {
				return null;
			}
			destination = destination.networkCidr();
		}
		return new NetworkView.VirtualServer(forwarding.getName(), true, null, destination, tcpPorts, List.of(), kind,
				snatPool, vs, translationSource);
	}

	private static Ipv4Address single(String text) {
		AddressText parsed = AddressText.parse(text);
		return parsed.isValid() && parsed.prefixLength().isEmpty() ? parsed.address() : null;
	}

	// ------------------------------------------------------------ registrar

	public List<LookupRegistrations.Setting> registrarSettings() {
		List<LookupRegistrations.Setting> settings = new ArrayList<>();
		for (RegistrarSetting setting : all(RegistrarSetting.class)) {
			if (NodeModelUtils.findNodesForFeature(setting, P.getRegistrarSetting_MaxEndpointsPerUser()).isEmpty()) {
				continue;
			}
			int value = setting.getMaxEndpointsPerUser();
			if (setting.isGlobal()) {
				settings.add(new LookupRegistrations.Setting(LookupRegistrations.Scope.GLOBAL, null, value, setting));
			} else if (setting.getSite() != null && !setting.getSite().eIsProxy()) {
				settings.add(new LookupRegistrations.Setting(LookupRegistrations.Scope.SITE, setting.getSite().getName(),
						value, setting));
			} else if (setting.getPool() != null && !setting.getPool().eIsProxy()) {
				settings.add(new LookupRegistrations.Setting(LookupRegistrations.Scope.POOL, setting.getPool().getName(),
						value, setting));
			}
		}
		return settings;
	}

	public List<LookupRegistrations.Use> lookupUses() {
		List<LookupRegistrations.Use> uses = new ArrayList<>();
		for (GroupChatPool pool : all(GroupChatPool.class)) {
			var account = pool.getLookupAccount();
			if (account == null || account.getUri() == null || account.getHomePool() == null
					|| account.getHomePool().eIsProxy() || !(account.getHomePool() instanceof RegistrarPool)) {
				// A home that homes no users is lookup-home-not-registrar's finding; its limit means nothing.
				continue;
			}
			Pool home = account.getHomePool();
			Site site = EcoreUtil2.getContainerOfType(home, Site.class);
			List<String> servers = pool.getMembers().stream().filter(s -> !s.eIsProxy()).map(Server::getName).toList();
			uses.add(new LookupRegistrations.Use(account.getUri(), home.getName(), site == null ? null : site.getName(),
					servers, account.getOtherEndpoints(), account));
		}
		return uses;
	}
}
