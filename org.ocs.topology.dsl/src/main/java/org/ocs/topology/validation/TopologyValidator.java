package org.ocs.topology.validation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.log4j.Logger;
import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.validation.Check;
import org.eclipse.xtext.validation.CheckType;
import org.eclipse.xtext.validation.ValidationMessageAcceptor;
import org.ocs.topology.analysis.net.AddressOwnership;
import org.ocs.topology.analysis.net.AddressText;
import org.ocs.topology.analysis.net.Cidr;
import org.ocs.topology.rules.Rule;
import org.ocs.topology.rules.Severity;
import org.ocs.topology.scoping.TopologyFolder;
import org.ocs.topology.analysis.product.ProductGeneration;
import org.ocs.topology.analysis.registrar.LookupRegistrations;
import org.ocs.topology.analysis.routing.Hop;
import org.ocs.topology.analysis.routing.IntraPoolService;
import org.ocs.topology.analysis.routing.NetworkView;
import org.ocs.topology.analysis.routing.PathSummary;
import org.ocs.topology.analysis.routing.PoolTraffic;
import org.ocs.topology.topology.DirectorPool;
import org.ocs.topology.topology.DnsLoadBalancing;
import org.ocs.topology.topology.EnterprisePool;
import org.ocs.topology.topology.GroupChatPool;
import org.ocs.topology.topology.HardwareLoadBalancing;
import org.ocs.topology.topology.LoadBalancer;
import org.ocs.topology.topology.LookupAccount;
import org.ocs.topology.topology.Pool;
import org.ocs.topology.topology.Protocol;
import org.ocs.topology.topology.SourceTranslation;
import org.ocs.topology.topology.SrvRecord;
import org.ocs.topology.topology.TranslationKind;
import org.ocs.topology.topology.ARecord;
import org.ocs.topology.topology.Declaration;
import org.ocs.topology.topology.DefaultGateway;
import org.ocs.topology.topology.ForwardingVirtualServer;
import org.ocs.topology.topology.HostsEntry;
import org.ocs.topology.topology.Model;
import org.ocs.topology.topology.NetworkInterface;
import org.ocs.topology.topology.RegistrarSetting;
import org.ocs.topology.topology.SelfIp;
import org.ocs.topology.topology.Server;
import org.ocs.topology.topology.StandardVirtualServer;
import org.ocs.topology.topology.StaticRoute;
import org.ocs.topology.topology.StrayText;
import org.ocs.topology.topology.Subnet;
import org.ocs.topology.topology.Product;
import org.ocs.topology.topology.Topology;
import org.ocs.topology.topology.TopologyPackage;

import com.google.inject.Inject;

/**
 * Translates the model into the analysis core's terms and the core's findings into diagnostics.
 * Every check tolerates a half-typed model: missing values and unresolved references are skipped,
 * since the parser and linker already report them.
 */
public class TopologyValidator extends AbstractTopologyValidator {

	private static final TopologyPackage P = TopologyPackage.eINSTANCE;

	/** How a written address may carry a prefix length. */
	private enum AddressUse {
		/** A host on a network: the prefix is optional (a subnet may give it). */
		HOST,
		/** A single address (gateway, VIP, record): a prefix is wrong. */
		SINGLE,
		/** A network (subnet, route destination): the prefix is required. */
		NETWORK
	}

	private static final Logger LOG = Logger.getLogger(TopologyValidator.class);

	@Inject
	private TopologyFolder folder;

	/**
	 * A failing check must not take the other checks down with it (the editor validates half-typed
	 * text all the time), but it must be seen: the default silently drops NullPointerExceptions.
	 */
	@Override
	protected void handleExceptionDuringValidation(Throwable failure) {
		LOG.error("A check failed; the other checks go on", failure);
	}

	// ------------------------------------------------------------ addresses as written

	@Check
	public void checkSubnet(Subnet subnet) {
		AddressText range = checkAddress(subnet, P.getSubnet_Range(), AddressUse.NETWORK,
				"subnet " + subnet.getName());
		if (range != null && range.cidr() != null && range.cidr().hasHostBits()) {
			Cidr network = range.cidr().networkCidr();
			report(Rule.SUBNET_HOST_BITS, "Subnet " + subnet.getName() + " is written " + subnet.getRange()
					+ ", which has host bits set; its network is " + network + ".", subnet, P.getSubnet_Range(),
					network.toString());
		}
	}

	@Check
	public void checkInterface(NetworkInterface nic) {
		checkHostAddress(nic, P.getNetworkInterface_Address(), nic.getAddress(), nic.getSubnet());
	}

	@Check
	public void checkSelfIp(SelfIp selfIp) {
		checkHostAddress(selfIp, P.getSelfIp_Address(), selfIp.getAddress(), selfIp.getSubnet());
	}

	@Check
	public void checkHostsEntry(HostsEntry entry) {
		checkAddress(entry, P.getHostsEntry_Address(), AddressUse.SINGLE, "hosts entry " + entry.getHostName() + " of " + Describe.of(entry.eContainer()));
	}

	@Check
	public void checkARecord(ARecord record) {
		checkAddress(record, P.getARecord_Address(), AddressUse.SINGLE, "A record " + record.getHost());
	}

	@Check
	public void checkVirtualServer(StandardVirtualServer vs) {
		checkAddress(vs, P.getStandardVirtualServer_Address(), AddressUse.SINGLE, "virtual server " + vs.getName());
		if (vs.getTranslation() != null) {
			List<String> snat = vs.getTranslation().getSnatAddresses();
			for (int i = 0; i < snat.size(); i++) {
				checkAddressAt(vs.getTranslation(), P.getSourceTranslation_SnatAddresses(), i, snat.get(i),
						AddressUse.SINGLE, "SNAT pool address of virtual server " + vs.getName());
			}
		}
	}

	@Check
	public void checkForwardingVirtualServer(ForwardingVirtualServer vs) {
		if (vs.getDestination() != null) {
			checkAddress(vs, P.getForwardingVirtualServer_Destination(), AddressUse.NETWORK,
					"forwarding virtual server " + vs.getName());
		}
	}

	/** One finding per run of stray tokens, on its first token. */
	@Check
	public void checkStrayText(StrayText stray) {
		if (!(stray.eContainer() instanceof Model model)) {
			return;
		}
		List<Declaration> declarations = model.getDeclarations();
		int index = declarations.indexOf(stray);
		if (index > 0 && declarations.get(index - 1) instanceof StrayText) {
			return;
		}
		List<String> run = new ArrayList<>();
		for (int i = index; i < declarations.size() && declarations.get(i) instanceof StrayText next && run.size() < 6; i++) {
			run.add(next.getToken());
		}
		getMessageAcceptor().acceptError("Unexpected '" + String.join(" ", run) + "': a declaration starts with"
				+ " topology, site, subnet, server, a pool (enterprise, standard edition, director, edge, mediation,"
				+ " group chat), load balancer, registrar or dns.", stray, P.getStrayText_Token(),
				ValidationMessageAcceptor.INSIGNIFICANT_INDEX, Rule.SYNTAX_ERROR.id());
	}

	// ------------------------------------------------------------ a server's own routing

	@Check
	public void checkServerRouting(Server server) {
		List<Cidr> onLink = new ArrayList<>();
		for (NetworkInterface nic : server.getInterfaces()) {
			Cidr network = networkOf(nic.getAddress(), nic.getSubnet());
			if (network != null) {
				onLink.add(network);
			}
		}
		checkRouting("server " + server.getName(), "Windows", onLink, server.getGateways(), server.getRoutes());
	}

	@Check
	public void checkBalancerRouting(LoadBalancer balancer) {
		List<Cidr> onLink = new ArrayList<>();
		for (SelfIp selfIp : balancer.getSelfIps()) {
			Cidr network = networkOf(selfIp.getAddress(), selfIp.getSubnet());
			if (network != null) {
				onLink.add(network);
			}
		}
		checkRouting("load balancer " + balancer.getName(), "the balancer", onLink, balancer.getGateways(),
				balancer.getRoutes());
	}

	/** Gateways and route next hops must be on one of the device's own subnets. */
	private void checkRouting(String owner, String system, List<Cidr> onLink, List<DefaultGateway> gateways,
			List<StaticRoute> routes) {
		for (DefaultGateway gateway : gateways) {
			AddressText text = checkAddress(gateway, P.getDefaultGateway_Address(), AddressUse.SINGLE,
					"default gateway of " + owner);
			if (text != null && !onLink.isEmpty() && onLink.stream().noneMatch(n -> n.contains(text.address()))) {
				report(Rule.GATEWAY_NOT_ON_LINK, "Default gateway " + gateway.getAddress() + " of " + owner
						+ " is on none of its subnets (" + list(onLink) + "): " + system
						+ " cannot reach it, so nothing off-subnet is reachable.", gateway, P.getDefaultGateway_Address());
			}
		}
		if (gateways.size() > 1) {
			String all = gateways.stream().map(DefaultGateway::getAddress).collect(Collectors.joining(", "));
			for (DefaultGateway extra : gateways.subList(1, gateways.size())) {
				report(Rule.GATEWAY_MULTIPLE, capitalize(owner) + " has " + gateways.size() + " default gateways (" + all
						+ "): " + system + " sends through one of them at a time, so off-subnet traffic may leave by"
						+ " either; keep one and add static routes.", extra, P.getDefaultGateway_Address());
			}
		}
		for (StaticRoute route : routes) {
			checkAddress(route, P.getStaticRoute_Destination(), AddressUse.NETWORK, "route destination of " + owner);
			AddressText nextHop = checkAddress(route, P.getStaticRoute_NextHop(), AddressUse.SINGLE,
					"route next hop of " + owner);
			if (nextHop != null && !onLink.isEmpty() && onLink.stream().noneMatch(n -> n.contains(nextHop.address()))) {
				report(Rule.GATEWAY_NOT_ON_LINK, "Next hop " + route.getNextHop() + " of route " + route.getDestination()
						+ " on " + owner + " is on none of its subnets (" + list(onLink) + "): the route cannot be used.",
						route, P.getStaticRoute_NextHop());
			}
		}
	}

	/** The network of an interface or self IP: its subnet's range, else its own prefix. */
	static Cidr networkOf(String address, Subnet subnet) {
		AddressText own = AddressText.parse(address);
		if (!own.isValid()) {
			return null;
		}
		Cidr subnetRange = rangeOf(subnet);
		if (subnetRange != null) {
			return subnetRange.networkCidr();
		}
		return own.cidr() == null ? null : own.cidr().networkCidr();
	}

	private static Cidr rangeOf(Subnet subnet) {
		if (subnet == null || subnet.eIsProxy() || subnet.getRange() == null) {
			return null;
		}
		return AddressText.parse(subnet.getRange()).cidr();
	}

	// ------------------------------------------------------------ registrar

	@Check
	public void checkRegistrar(RegistrarSetting setting) {
		// Written or not is read from the text: EMF calls an int of 0 "not set".
		if (!NodeModelUtils.findNodesForFeature(setting, P.getRegistrarSetting_MaxEndpointsPerUser()).isEmpty()) {
			int value = setting.getMaxEndpointsPerUser();
			if (!ProductGeneration.isValidEndpointsPerUser(value)) {
				report(Rule.MPOP_OUT_OF_RANGE, "Maximum endpoints per user " + value
						+ " is not accepted by the registrar: the range is " + ProductGeneration.MIN_ENDPOINTS_PER_USER
						+ " to " + ProductGeneration.MAX_ENDPOINTS_PER_USER + " (default "
						+ ProductGeneration.DEFAULT_ENDPOINTS_PER_USER + ").", setting,
						P.getRegistrarSetting_MaxEndpointsPerUser());
			}
		}
	}

	// ------------------------------------------------------------ settings written twice

	/** A single-valued setting written twice in one block: the parser keeps only the last one. */
	@Check
	public void checkSettingRepeated(EObject object) {
		for (EStructuralFeature feature : object.eClass().getEAllStructuralFeatures()) {
			if (feature.isMany() || feature.isDerived() || feature.isTransient()) {
				continue;
			}
			List<INode> nodes = NodeModelUtils.findNodesForFeature(object, feature);
			for (INode repeated : nodes.subList(Math.min(1, nodes.size()), nodes.size())) {
				String what = Describe.words(feature.getName());
				getMessageAcceptor().acceptError(
						"'" + NodeModelUtils.getTokenText(nodes.get(0)) + "' and '"
								+ NodeModelUtils.getTokenText(repeated) + "' both set the " + what + " of "
								+ Describe.of(object) + "; only one may be written.",
						object, repeated.getOffset(), repeated.getLength(), Rule.SETTING_REPEATED.id());
			}
		}
	}

	// ------------------------------------------------------------ across the folder

	@Check(CheckType.NORMAL)
	public void checkFolderWide(Model model) {
		List<Model> models = folder.modelsOf(model.eResource());
		checkDuplicateNames(model, models);
		checkDuplicateAddresses(model, models);
		checkTopologyHeader(model, models);
		TopologyModel topology = TopologyModel.of(models);
		checkOutageRules(model, topology);
		checkDnsLoadBalancedPool(model, topology);
	}

	/** Exactly one header per folder: it names the product, which sets the limits. */
	private void checkTopologyHeader(Model model, List<Model> models) {
		List<Topology> headers = new ArrayList<>();
		// In file order, so that every file agrees on which header is the first.
		List<Model> inFileOrder = new ArrayList<>(models);
		inFileOrder.sort((a, b) -> a.eResource().getURI().toString().compareTo(b.eResource().getURI().toString()));
		for (Model m : inFileOrder) {
			m.getDeclarations().stream().filter(Topology.class::isInstance).map(Topology.class::cast).forEach(headers::add);
		}
		if (headers.isEmpty()) {
			// Product-dependent rules are skipped: a snippet or a partial topology is not an error.
			return;
		}
		for (Topology header : headers.subList(1, headers.size())) {
			if (header.eResource() == model.eResource()) {
				report(Rule.TOPOLOGY_HEADER_DUPLICATE, "Topology " + header.getName() + " is a second topology header in"
						+ " this folder (the first is " + headers.get(0).getName() + " at "
						+ Describe.location(headers.get(0)) + "): a folder holds one topology.", header,
						P.getTopology_Name());
			}
		}
		Topology header = headers.get(0);
		if (NodeModelUtils.findNodesForFeature(header, P.getTopology_Product()).isEmpty()) {
			if (header.eResource() == model.eResource()) {
				report(Rule.PRODUCT_MISSING, "Topology " + header.getName() + " does not say its product"
						+ " ('product ocs2007r2' or 'product lync2010'): limits that depend on it are not checked.",
						header, P.getTopology_Name());
			}
			return;
		}
		ProductGeneration product = header.getProduct() == Product.OCS2007R2 ? ProductGeneration.OCS_2007_R2
				: ProductGeneration.LYNC_2010;
		if (!product.hasScopedRegistrarSettings()) {
			for (RegistrarSetting setting : EcoreUtil2.getAllContentsOfType(model, RegistrarSetting.class)) {
				if (!setting.isGlobal()) {
					report(Rule.REGISTRAR_SCOPE_UNSUPPORTED, capitalize(Describe.of(setting)) + " cannot be configured"
							+ " in " + product.displayName() + ": its only setting is the forest-wide 'Maximum devices"
							+ " per user' (registrar global).", setting,
							setting.getSite() != null ? P.getRegistrarSetting_Site() : P.getRegistrarSetting_Pool());
				}
			}
		}
	}

	private void checkDuplicateNames(Model model, List<Model> models) {
		Map<String, List<EObject>> byName = new LinkedHashMap<>();
		for (Model m : models) {
			m.eAllContents().forEachRemaining(object -> {
				String name = Describe.nameOf(object);
				EStructuralFeature nameFeature = object.eClass().getEStructuralFeature("name");
				if (name != null && nameFeature instanceof EAttribute) {
					EClass group = Describe.nameGroupOf(object.eClass());
					// Case-insensitive, like DNS names and like reference resolution.
					byName.computeIfAbsent(group.getName() + "\u0000" + name.toLowerCase(Locale.ROOT),
							k -> new ArrayList<>()).add(object);
				}
			});
		}
		for (List<EObject> sameName : byName.values()) {
			if (sameName.size() < 2) {
				continue;
			}
			for (EObject object : sameName) {
				if (object.eResource() != model.eResource()) {
					continue;
				}
				String others = sameName.stream().filter(o -> o != object).map(Describe::location)
						.collect(Collectors.joining(", "));
				report(Rule.NAME_DUPLICATE, capitalize(Describe.of(object)) + " is declared more than once (also at "
						+ others + "): references to it cannot tell which one is meant.", object,
						object.eClass().getEStructuralFeature("name"));
			}
		}
	}

	private void checkDuplicateAddresses(Model model, List<Model> models) {
		AddressOwnership<EObject> ownership = new AddressOwnership<>();
		for (Model m : models) {
			m.eAllContents().forEachRemaining(object -> {
				if (object instanceof NetworkInterface nic) {
					addOwner(ownership, nic.getAddress(), nic, nic);
				} else if (object instanceof SelfIp selfIp) {
					addOwner(ownership, selfIp.getAddress(), selfIp, selfIp);
				} else if (object instanceof StandardVirtualServer vs) {
					// Virtual servers of one balancer share a VIP, one per port.
					addOwner(ownership, vs.getAddress(), vs.eContainer(), vs);
				}
			});
		}
		for (AddressOwnership.Conflict<EObject> conflict : ownership.conflicts()) {
			for (AddressOwnership.Owner<EObject> owner : conflict.owners()) {
				EObject object = owner.source();
				if (object.eResource() != model.eResource()) {
					continue;
				}
				String others = conflict.owners().stream().filter(o -> o.sharingKey() != owner.sharingKey())
						.map(o -> Describe.of(o.source()) + " (" + Describe.location(o.source()) + ")")
						.collect(Collectors.joining(", "));
				report(Rule.ADDRESS_DUPLICATE, "Address " + conflict.address() + " is owned by "
						+ Describe.of(object) + " and by " + others
						+ ": both answer ARP for it, so traffic for one reaches the other.", object,
						addressFeatureOf(object));
			}
		}
	}

	private static void addOwner(AddressOwnership<EObject> ownership, String address, Object sharingKey,
			EObject source) {
		AddressText text = AddressText.parse(address);
		if (text.isValid()) {
			ownership.add(text.address(), sharingKey, source);
		}
	}

	private static EStructuralFeature addressFeatureOf(EObject object) {
		if (object instanceof NetworkInterface) return P.getNetworkInterface_Address();
		if (object instanceof SelfIp) return P.getSelfIp_Address();
		return P.getStandardVirtualServer_Address();
	}

	// ------------------------------------------------------------ the outages: MPOP and pool traffic

	private void checkOutageRules(Model model, TopologyModel topology) {
		checkLookupRegistrations(model, topology);
		checkPoolTraffic(model, topology);
		checkSipInternalTlsRecords(model, topology);
		ProductGeneration product = topology.product();
		for (EnterprisePool pool : EcoreUtil2.getAllContentsOfType(model, EnterprisePool.class)) {
			checkEnterprisePool(pool, product);
		}
	}

	private void checkLookupRegistrations(Model model, TopologyModel topology) {
		for (LookupRegistrations.OverLimit over : LookupRegistrations.check(topology.lookupUses(),
				topology.registrarSettings(), topology.product())) {
			LookupRegistrations.Limit limit = over.limit();
			String servers = String.join(", ", over.servers());
			String count = over.registrations() + " registrations (" + over.servers().size() + " Lookup services: "
					+ servers + (over.otherEndpoints() > 0 ? ", plus " + over.otherEndpoints() + " other" : "") + ")";
			String message = "Lookup account " + over.uri() + " has " + count + " but the limit for its home pool "
					+ over.homePool() + " is " + limit.value() + (limit.value() == 1 ? " endpoint" : " endpoints")
					+ " per user (" + limit.describe()
					+ "): the registrar closes the surplus connections (\"Connection was closed because the limit on"
					+ " number of incoming connections per user was exceeded\"), the Lookup services flap and events"
					+ " 5282/5283 repeat on every Group Chat server. Raise it to at least " + over.registrations() + ".";
			String[] data = { over.uri(), String.valueOf(over.registrations()), limit.scope().name(),
					limit.scopeName() == null ? "" : limit.scopeName(), over.homePool() };
			if (limit.source() instanceof RegistrarSetting setting) {
				if (setting.eResource() == model.eResource()) {
					report(Rule.LOOKUP_OVER_MPOP, message, setting, P.getRegistrarSetting_MaxEndpointsPerUser(), data);
				}
			} else {
				for (Object use : over.uses()) {
					if (use instanceof LookupAccount account && account.eResource() == model.eResource()) {
						report(Rule.LOOKUP_OVER_MPOP, message, account, P.getLookupAccount_Uri(), data);
					}
				}
			}
		}
	}

	private void checkPoolTraffic(Model model, TopologyModel topology) {
		PoolTraffic traffic = new PoolTraffic(topology.network());
		for (EnterprisePool pool : topology.all(EnterprisePool.class)) {
			if (pool.getName() == null) {
				continue;
			}
			List<String> members = pool.getMembers().stream().filter(s -> !s.eIsProxy()).map(Server::getName).toList();
			for (PoolTraffic.PairFinding finding : traffic.check(pool.getName(), members,
					IntraPoolService.FRONT_END_TO_FRONT_END)) {
				EObject anchor = finding.cause() instanceof EObject cause ? cause : pool;
				if (anchor.eResource() != model.eResource()) {
					continue;
				}
				reportPoolTraffic(finding, anchor, pool);
			}
		}
	}

	private void reportPoolTraffic(PoolTraffic.PairFinding finding, EObject anchor, EnterprisePool pool) {
		String services = finding.services().stream().map(IntraPoolService::label).collect(Collectors.joining(", "));
		String pair = services + " from " + finding.from() + " to " + finding.to() + " (pool " + finding.pool() + ")";
		String path = PathSummary.of(finding.trace());
		Rule rule;
		String message;
		switch (finding.verdict()) {
			case HAIRPIN -> {
				rule = Rule.POOL_TRAFFIC_HAIRPIN;
				message = pair + " goes through the load balancer, which replaces the sender's address: " + path + ". "
						+ (finding.breaksSourceCheckedService()
								? "Response Group rejects it as an unauthorized host: clients see \"This service is"
										+ " temporarily unavailable\"."
								: "The peer cannot tell which Front End is calling.");
			}
			case ASYMMETRIC -> {
				rule = Rule.POOL_TRAFFIC_ASYMMETRIC;
				message = pair + " and its reply take different paths: " + path + ". A balancer that sees half a"
						+ " connection drops it, so these services fail between the two Front Ends.";
			}
			case UNRESOLVED -> {
				rule = Rule.POOL_PEER_UNRESOLVED;
				message = finding.to() + " resolves to nothing for " + finding.from() + " (pool " + finding.pool()
						+ "): no hosts-file entry and no DNS A record, so the Front Ends cannot reach each other by"
						+ " name and their traffic is not checked. Add an A record for " + finding.to() + ".";
			}
			default -> {
				rule = Rule.POOL_TRAFFIC_UNREACHABLE;
				message = pair + " cannot get through: " + path
						+ (finding.trace().request() == null ? "" : " (" + finding.trace().explanation() + ")")
						+ ". These services fail between the two Front Ends.";
			}
		}
		List<String> data = new ArrayList<>(List.of(finding.verdict().name(), finding.from(), finding.to(),
				finding.peerSameSubnetAddress() == null ? "" : finding.peerSameSubnetAddress().toString(),
				finding.trace().resolution() == null ? "" : finding.trace().resolution().method().name()));
		// The trace travels with the finding: one "uri<TAB>why" per hop that has a declaration.
		for (Hop hop : finding.trace().allHops()) {
			if (hop.declaration() instanceof EObject declaration && declaration.eResource() != null) {
				data.add(EcoreUtil.getURI(declaration) + "\t" + hop.why());
			}
		}
		EStructuralFeature feature = anchorFeature(anchor);
		if (anchor == pool) {
			int index = indexOfMember(pool, finding.to());
			if (index >= 0) {
				reportAt(rule, message, pool, P.getPool_Members(), index, data.toArray(String[]::new));
				return;
			}
		}
		report(rule, message, anchor, feature, data.toArray(String[]::new));
	}

	private static int indexOfMember(EnterprisePool pool, String name) {
		for (int i = 0; i < pool.getMembers().size(); i++) {
			Server member = pool.getMembers().get(i);
			if (!member.eIsProxy() && name.equalsIgnoreCase(member.getName())) {
				return i;
			}
		}
		return -1;
	}

	/** The part of a declaration a path finding is underlined on. */
	private static EStructuralFeature anchorFeature(EObject anchor) {
		if (anchor instanceof ARecord) return P.getARecord_Address();
		if (anchor instanceof HostsEntry) return P.getHostsEntry_Address();
		if (anchor instanceof DefaultGateway) return P.getDefaultGateway_Address();
		if (anchor instanceof StaticRoute) return P.getStaticRoute_NextHop();
		if (anchor instanceof SourceTranslation) return P.getSourceTranslation_Kind();
		if (anchor instanceof NetworkInterface) return P.getNetworkInterface_Address();
		if (anchor instanceof SelfIp) return P.getSelfIp_Address();
		return anchor.eClass().getEStructuralFeature("name");
	}

	/** Exactly one _sipinternaltls._tcp SRV record per SIP domain (bb663700). */
	private void checkSipInternalTlsRecords(Model model, TopologyModel topology) {
		Map<String, List<SrvRecord>> byDomain = new LinkedHashMap<>();
		for (SrvRecord record : topology.all(SrvRecord.class)) {
			String service = record.getService() == null ? "" : record.getService().toLowerCase(Locale.ROOT);
			if (service.startsWith(SIP_INTERNAL_TLS)) {
				byDomain.computeIfAbsent(service.substring(SIP_INTERNAL_TLS.length()), d -> new ArrayList<>()).add(record);
			}
		}
		for (Map.Entry<String, List<SrvRecord>> domain : byDomain.entrySet()) {
			List<SrvRecord> records = domain.getValue();
			if (records.size() < 2) {
				continue;
			}
			String targets = records.stream().map(SrvRecord::getTarget).collect(Collectors.joining(", "));
			for (SrvRecord record : records) {
				if (record.eResource() == model.eResource()) {
					report(Rule.SIPINTERNALTLS_SRV_MULTIPLE, "SIP domain " + domain.getKey() + " has " + records.size()
							+ " _sipinternaltls._tcp SRV records (" + targets + "): automatic sign-in must lead to one"
							+ " designated pool, so clients may sign in to a pool that is not meant for them.", record,
							P.getSrvRecord_Service());
				}
			}
		}
	}

	private static final String SIP_INTERNAL_TLS = "_sipinternaltls._tcp.";

	/** R2 ports every Enterprise pool VIP needs (dd572362); the others are per feature. */
	private static final Map<Integer, String> R2_VIP_PORTS = new LinkedHashMap<>();
	static {
		R2_VIP_PORTS.put(5061, "SIP over TLS");
		R2_VIP_PORTS.put(135, "DCOM");
		R2_VIP_PORTS.put(443, "HTTPS");
		R2_VIP_PORTS.put(444, "focus to conferencing servers");
	}

	private void checkEnterprisePool(EnterprisePool pool, ProductGeneration product) {
		if (product == null || pool.getName() == null) {
			return;
		}
		int frontEnds = pool.getMembers().size();
		StandardVirtualServer vip = pool.getLoadBalancing() instanceof HardwareLoadBalancing hardware
				&& hardware.getVip() instanceof StandardVirtualServer standard && !standard.eIsProxy() ? standard : null;
		if (product == ProductGeneration.OCS_2007_R2) {
			if (frontEnds > 1 && !(pool.getLoadBalancing() instanceof HardwareLoadBalancing)) {
				report(Rule.HARDWARE_LB_REQUIRED, "Enterprise pool " + pool.getName() + " has " + frontEnds
						+ " Front Ends but no hardware load balancer ('load balanced by vip ...'): OCS 2007 R2 supports"
						+ " only a hardware load balancer for a pool of more than one Front End (DNS or Windows NLB"
						+ " are not supported), so clients reach one Front End or none.", pool, P.getPool_Name());
			}
			if (vip != null) {
				checkR2PoolVip(pool, vip);
			}
		} else if (product == ProductGeneration.LYNC_2010) {
			if (frontEnds > 10) {
				report(Rule.FRONTENDS_OVER_LIMIT, "Enterprise pool " + pool.getName() + " has " + frontEnds
						+ " Front Ends; Lync Server 2010 supports up to 10 per pool (80,000 users): split it into two"
						+ " pools.", pool, P.getPool_Name());
			}
		}
	}

	private void checkR2PoolVip(EnterprisePool pool, StandardVirtualServer vip) {
		NetworkView.Translation translation = vip.getTranslation() == null || vip.getTranslation().getKind() == null
				|| vip.getTranslation().getKind() == TranslationKind.NONE ? NetworkView.Translation.NONE
						: NetworkView.Translation.AUTOMAP;
		if (translation == NetworkView.Translation.NONE && vip.eResource() == pool.eResource()) {
			EObject on = vip.getTranslation() != null ? vip.getTranslation() : vip;
			report(Rule.POOL_VIP_SOURCE_KEPT, "Virtual server " + vip.getName() + " of pool " + pool.getName()
					+ " keeps the client's source address: for OCS 2007 R2 internal pools Microsoft supports only SNAT"
					+ " on the pool VIP, because servers of the pool fail to reach their own VIP otherwise; use"
					+ " 'source translation automap' or a SNAT pool.", on,
					vip.getTranslation() != null ? P.getSourceTranslation_Kind() : P.getVirtualServer_Name());
		}
		if (vip.getPorts().isEmpty() || vip.eResource() != pool.eResource()) {
			return;
		}
		Set<Integer> tcp = new LinkedHashSet<>();
		vip.getPorts().stream().filter(p -> p.getProtocol() == Protocol.TCP).forEach(p -> tcp.addAll(p.getNumbers()));
		List<String> missing = new ArrayList<>();
		R2_VIP_PORTS.forEach((port, what) -> {
			if (!tcp.contains(port)) {
				missing.add(port + " (" + what + ")");
			}
		});
		if (!missing.isEmpty()) {
			report(Rule.VIP_PORTS_MISSING, "Virtual server " + vip.getName() + " of OCS 2007 R2 pool " + pool.getName()
					+ " does not carry TCP " + String.join(", ", missing) + ": what reaches the pool on those ports is"
					+ " dropped by the balancer.", vip, P.getVirtualServer_Name(),
					missing.stream().map(m -> m.substring(0, m.indexOf(' '))).toArray(String[]::new));
		}
	}

	// ------------------------------------------------------------ per declaration

	@Check
	public void checkGroupChatPool(GroupChatPool pool) {
		if (pool.getMembers().size() > 3) {
			reportAt(Rule.GROUPCHAT_SERVERS_OVER_LIMIT, "Group Chat pool " + pool.getName() + " has "
					+ pool.getMembers().size() + " Group Chat servers; at most 3 are supported (one, plus up to two"
					+ " more).", pool, P.getPool_Members(), 3);
		}
		Server database = pool.getDatabase();
		if (database != null && !database.eIsProxy() && pool.getMembers().contains(database)) {
			report(Rule.GROUPCHAT_DATABASE_COLOCATED, "The Group Chat database of pool " + pool.getName()
					+ " is on " + database.getName() + ", one of its Group Chat servers: the database must be on"
					+ " another computer.", pool, P.getGroupChatPool_Database());
		}
	}

	@Check
	public void checkIdleTimeout(LoadBalancer balancer) {
		if (!NodeModelUtils.findNodesForFeature(balancer, P.getLoadBalancer_IdleTimeout()).isEmpty()
				&& balancer.getIdleTimeout() < 1800) {
			report(Rule.LB_IDLE_TIMEOUT_SHORT, "Load balancer " + balancer.getName() + " closes idle TCP connections"
					+ " after " + balancer.getIdleTimeout() + " s; SIP connections idle longer between keep-alives"
					+ " and REGISTER refreshes, so clients are disconnected and sign in again. Use at least 1800 s.",
					balancer, P.getLoadBalancer_IdleTimeout());
		}
	}

	private void checkDnsLoadBalancedPool(Model model, TopologyModel topology) {
		if (topology.product() != ProductGeneration.LYNC_2010) {
			return;
		}
		for (Pool pool : EcoreUtil2.getAllContentsOfType(model, Pool.class)) {
			if ((pool instanceof EnterprisePool || pool instanceof DirectorPool)
					&& pool.getLoadBalancing() instanceof DnsLoadBalancing) {
				if (pool.getWebServices() == null || pool.getWebServices().getVip() == null) {
					report(Rule.DNS_LB_WEB_SERVICES_MISSING, capitalize(Describe.of(pool)) + " is DNS load balanced but"
							+ " its internal web services FQDN is not on a hardware load balancer VIP ('web services"
							+ " <fqdn> on vip <name>'): DNS load balancing covers SIP only, so web traffic (address"
							+ " book, meetings, Response Group tab on 80/443) is not balanced and fails with a Front End.",
							pool.getLoadBalancing(), null);
				}
			}
		}
	}

	// ------------------------------------------------------------ helpers

	/**
	 * Checks an interface or self IP address against its subnet (or its own prefix when it has no
	 * subnet).
	 */
	private void checkHostAddress(EObject owner, EAttribute feature, String address, Subnet subnet) {
		AddressText text = checkAddress(owner, feature, AddressUse.HOST, Describe.roleOf(owner));
		String what = Describe.of(owner);
		if (text == null) {
			return;
		}
		Cidr subnetRange = rangeOf(subnet);
		if (subnetRange != null) {
			if (!subnetRange.contains(text.address())) {
				report(Rule.ADDRESS_OUTSIDE_SUBNET, capitalize(what) + " is declared on subnet " + subnet.getName()
						+ " (" + subnetRange.networkCidr() + ") but lies outside it: nothing on that subnet can reach it.",
						owner, feature, subnet.getName(), subnetRange.networkCidr().toString());
			} else if (text.prefixLength().isPresent() && text.prefixLength().getAsInt() != subnetRange.prefixLength()) {
				report(Rule.PREFIX_MISMATCH, capitalize(what) + " is written with /" + text.prefixLength().getAsInt()
						+ " but subnet " + subnet.getName() + " is " + subnetRange.networkCidr()
						+ ": the server's on-link range would differ from its neighbours'.", owner, feature,
						subnet.getName(), subnetRange.networkCidr().toString());
			} else if (subnetRange.isNetworkOrBroadcast(text.address())) {
				report(Rule.ADDRESS_NOT_HOST, capitalize(what) + " is the network or broadcast address of subnet "
						+ subnet.getName() + " (" + subnetRange.networkCidr() + ") and cannot be assigned to a host.",
						owner, feature);
			}
		} else if (subnet == null) {
			if (text.prefixLength().isEmpty()) {
				report(Rule.PREFIX_MISSING, capitalize(what) + " has no prefix length and no subnet, so the networks it"
						+ " reaches directly are unknown: write " + text.address() + "/<prefix> or add 'on <subnet>'.",
						owner, feature);
			} else if (text.cidr().isNetworkOrBroadcast(text.address())) {
				report(Rule.ADDRESS_NOT_HOST, capitalize(what) + " is the network or broadcast address of "
						+ text.cidr().networkCidr() + " and cannot be assigned to a host.", owner, feature);
			}
		}
	}

	/** Reports malformed text; returns the parsed address when it is usable for further checks. */
	private AddressText checkAddress(EObject owner, EAttribute feature, AddressUse use, String what) {
		return checkAddressAt(owner, feature, ValidationMessageAcceptor.INSIGNIFICANT_INDEX,
				(String) owner.eGet(feature), use, what);
	}

	private AddressText checkAddressAt(EObject owner, EAttribute feature, int index, String written, AddressUse use,
			String what) {
		if (written == null) {
			return null;
		}
		AddressText text = AddressText.parse(written);
		switch (text.problem()) {
			case MALFORMED_ADDRESS -> {
				report(Rule.ADDRESS_MALFORMED, written + " (" + what + ") " + text.reason() + ".", owner, feature, index);
				return null;
			}
			case PREFIX_OUT_OF_RANGE -> {
				report(Rule.PREFIX_OUT_OF_RANGE, written + " (" + what + ") " + text.reason() + ".", owner, feature,
						index);
				return null;
			}
			case NONE -> {
			}
		}
		if (use == AddressUse.NETWORK && text.prefixLength().isEmpty()) {
			report(Rule.PREFIX_MISSING, written + " (" + what + ") is a network and needs a prefix length, e.g. "
					+ written + "/24.", owner, feature, index);
			return null;
		}
		if (use == AddressUse.SINGLE && text.prefixLength().isPresent()) {
			report(Rule.PREFIX_UNEXPECTED, written + " (" + what + ") is a single address, not a network: write "
					+ text.address() + ".", owner, feature, index,
					text.address().toString());
			return null;
		}
		return text;
	}

	private void reportAt(Rule rule, String message, EObject object, EStructuralFeature feature, int index,
			String... data) {
		report(rule, message, object, feature, index, data);
	}

	private void report(Rule rule, String message, EObject object, EStructuralFeature feature, String... data) {
		report(rule, message, object, feature, ValidationMessageAcceptor.INSIGNIFICANT_INDEX, data);
	}

	private void report(Rule rule, String message, EObject object, EStructuralFeature feature, int index,
			String... data) {
		if (rule.severity() == Severity.ERROR) {
			error(message, object, feature, index, rule.id(), data);
		} else if (rule.severity() == Severity.WARNING) {
			warning(message, object, feature, index, rule.id(), data);
		} else {
			info(message, object, feature, index, rule.id(), data);
		}
	}

	private static String list(List<Cidr> networks) {
		return networks.stream().map(Cidr::toString).distinct().collect(Collectors.joining(", "));
	}

	private static String capitalize(String s) {
		return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
	}
}
