package org.ocs.topology.validation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.validation.ValidationMessageAcceptor;
import org.ocs.topology.analysis.net.AddressOwnership;
import org.ocs.topology.analysis.net.AddressText;
import org.ocs.topology.analysis.net.Ipv4Address;
import org.ocs.topology.analysis.product.DomainLimits;
import org.ocs.topology.analysis.product.Ports;
import org.ocs.topology.analysis.product.ProductGeneration;
import org.ocs.topology.analysis.registrar.LookupRegistrations;
import org.ocs.topology.analysis.routing.FlowTrace;
import org.ocs.topology.analysis.routing.Hop;
import org.ocs.topology.analysis.routing.IntraPoolService;
import org.ocs.topology.analysis.routing.NetworkView;
import org.ocs.topology.analysis.routing.PathSummary;
import org.ocs.topology.analysis.routing.FloatingGateways;
import org.ocs.topology.analysis.routing.PoolDependencies;
import org.ocs.topology.analysis.routing.PoolTraffic;
import org.ocs.topology.analysis.routing.TraceText;
import org.ocs.topology.analysis.routing.UndeclaredGateways;
import org.ocs.topology.rules.Findings;
import org.ocs.topology.rules.FolderRule;
import org.ocs.topology.rules.IssueData;
import org.ocs.topology.rules.Rule;
import org.ocs.topology.topology.ARecord;
import org.ocs.topology.topology.DefaultGateway;
import org.ocs.topology.topology.DirectorPool;
import org.ocs.topology.topology.DnsLoadBalancing;
import org.ocs.topology.topology.EnterprisePool;
import org.ocs.topology.topology.GroupChatPool;
import org.ocs.topology.topology.HardwareLoadBalancing;
import org.ocs.topology.topology.HostsEntry;
import org.ocs.topology.topology.LookupAccount;
import org.ocs.topology.topology.MediationPool;
import org.ocs.topology.topology.Model;
import org.ocs.topology.topology.NetworkInterface;
import org.ocs.topology.topology.NextHop;
import org.ocs.topology.topology.Pool;
import org.ocs.topology.topology.Protocol;
import org.ocs.topology.topology.RegistrarPool;
import org.ocs.topology.topology.RegistrarSetting;
import org.ocs.topology.topology.SelfIp;
import org.ocs.topology.topology.Server;
import org.ocs.topology.topology.SourceTranslation;
import org.ocs.topology.topology.SrvRecord;
import org.ocs.topology.topology.StandardVirtualServer;
import org.ocs.topology.topology.StaticRoute;
import org.ocs.topology.topology.Topology;
import org.ocs.topology.topology.TopologyPackage;
import org.ocs.topology.topology.TranslationKind;

/**
 * The checks that need the whole folder (names and addresses across files, the topology header,
 * the MPOP arithmetic, Front End pair traffic, DNS): run once per state of the folder, producing
 * findings for every file; each file's validation then reports its own.
 */
public final class FolderChecks {

	private static final TopologyPackage P = TopologyPackage.eINSTANCE;

	private final TopologyModel topology;
	private final List<FolderFinding> findings = new ArrayList<>();

	private FolderChecks(TopologyModel topology) {
		this.topology = topology;
	}

	public static List<FolderFinding> run(TopologyModel topology) {
		FolderChecks checks = new FolderChecks(topology);
		checks.guarded("checkDuplicateNames", checks::checkDuplicateNames);
		checks.guarded("checkDuplicateAddresses", checks::checkDuplicateAddresses);
		checks.guarded("checkTopologyHeader", checks::checkTopologyHeader);
		checks.guarded("checkLookupRegistrations", checks::checkLookupRegistrations);
		checks.guarded("checkPoolTraffic", checks::checkPoolTraffic);
		checks.guarded("checkFloatingGateways", checks::checkFloatingGateways);
		checks.guarded("checkUndeclaredGateways", checks::checkUndeclaredGateways);
		checks.guarded("checkPoolDependencies", checks::checkPoolDependencies);
		checks.guarded("checkSipInternalTlsRecords", checks::checkSipInternalTlsRecords);
		checks.guarded("checkEnterprisePool", () -> {
			for (EnterprisePool pool : topology.all(EnterprisePool.class)) {
				checks.checkEnterprisePool(pool, topology.product());
			}
		});
		checks.guarded("checkDnsLoadBalancedPool", checks::checkDnsLoadBalancedPool);
		for (FolderRule rule : Rule.folderRules()) {
			checks.guarded(rule.rule().id(), () -> rule.check(topology, checks.new RuleFindings(rule.rule())));
		}
		return List.copyOf(checks.findings);
	}

	/**
	 * Fail closed: a folder check that throws becomes a finding of every file of the folder, and
	 * the other folder checks still run. Without this, one crash dropped the findings of all the
	 * checks after it, and the cache kept nothing to report.
	 */
	private void guarded(String check, Runnable body) {
		try {
			CheckFailures.injectFault(check);
			body.run();
		} catch (RuntimeException | Error failure) {
			if (!CheckFailures.isCheckFailure(failure)) {
				throw failure;
			}
			CheckFailures.log(check, topology.models().isEmpty() ? null : topology.models().get(0).eResource(), failure);
			findings.add(FolderFinding.failure(check, failure));
		}
	}

	/** Exactly one header per folder: it names the product, which sets the limits. */
	private void checkTopologyHeader() {
		List<Topology> headers = new ArrayList<>();
		// In file order, so that every file agrees on which header is the first.
		for (Model m : topology.models()) {
			m.getDeclarations().stream().filter(Topology.class::isInstance).map(Topology.class::cast).forEach(headers::add);
		}
		if (headers.isEmpty()) {
			// Product-dependent rules are skipped: a snippet or a partial topology is not an error.
			return;
		}
		for (Topology header : headers.subList(1, headers.size())) {
			report(Rule.TOPOLOGY_HEADER_DUPLICATE, "Topology " + header.getName() + " is a second topology header in"
					+ " this folder (the first is " + headers.get(0).getName() + " at "
					+ Describe.location(headers.get(0)) + "): a folder holds one topology.", header,
					P.getTopology_Name());
		}
		Topology header = headers.get(0);
		if (NodeModelUtils.findNodesForFeature(header, P.getTopology_Product()).isEmpty()) {
			report(Rule.PRODUCT_MISSING, "Topology " + header.getName() + " does not say its product"
					+ " ('product ocs2007r2' or 'product lync2010'): the product's own rules (OCS 2007 R2's single"
					+ " registrar scope and hardware load balancing, Lync 2010's Front End limit and DNS load"
					+ " balancing) are not checked, and MPOP scopes are read the Lync 2010 way.",
					header, P.getTopology_Name());
			return;
		}
		ProductGeneration product = topology.product();
		if (product != null && !product.hasScopedRegistrarSettings()) {
			for (RegistrarSetting setting : topology.all(RegistrarSetting.class)) {
				if (!setting.isGlobal()) {
					report(Rule.REGISTRAR_SCOPE_UNSUPPORTED, Describe.capitalize(Describe.of(setting)) + " cannot be configured"
							+ " in " + product.displayName() + ": its only setting is the forest-wide 'Maximum devices"
							+ " per user' (registrar global).", setting,
							setting.getSite() != null ? P.getRegistrarSetting_Site() : P.getRegistrarSetting_Pool());
				}
			}
		}
	}

	private void checkDuplicateNames() {
		Map<String, List<EObject>> byName = new LinkedHashMap<>();
		for (Model m : topology.models()) {
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
				String others = sameName.stream().filter(o -> o != object).map(Describe::location)
						.collect(Collectors.joining(", "));
				report(Rule.NAME_DUPLICATE, Describe.capitalize(Describe.of(object)) + " is declared more than once (also at "
						+ others + "): references to it cannot tell which one is meant.", object,
						object.eClass().getEStructuralFeature("name"));
			}
		}
	}

	private void checkDuplicateAddresses() {
		AddressOwnership<EObject> ownership = new AddressOwnership<>();
		for (Model m : topology.models()) {
			m.eAllContents().forEachRemaining(object -> {
				if (object instanceof NetworkInterface nic) {
					addOwner(ownership, nic.getAddress(), nic, nic);
				} else if (object instanceof SelfIp selfIp) {
					addOwner(ownership, selfIp.getAddress(), selfIp, selfIp);
				} else if (object instanceof StandardVirtualServer vs) {
					// Virtual servers of one balancer share a VIP, one per port.
					addOwner(ownership, vs.getAddress(), vs.eContainer(), vs);
				} else if (object instanceof SourceTranslation translation) {
					// A SNAT address answers ARP on the balancer: its own virtual servers may share it.
					EObject balancer = translation.eContainer() == null ? null : translation.eContainer().eContainer();
					for (String address : translation.getSnatAddresses()) {
						addOwner(ownership, address, balancer, translation);
					}
				}
			});
		}
		for (AddressOwnership.Conflict<EObject> conflict : ownership.conflicts()) {
			for (AddressOwnership.Owner<EObject> owner : conflict.owners()) {
				EObject object = owner.source();
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
		if (object instanceof SourceTranslation) return P.getSourceTranslation_SnatAddresses();
		return P.getStandardVirtualServer_Address();
	}

	// ------------------------------------------------------------ the outages: MPOP and pool traffic


	private void checkLookupRegistrations() {
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
					+ " 5282/5283 repeat on every Group Chat server. "
					+ (over.registrations() <= DomainLimits.MAX_ENDPOINTS_PER_USER
							? "Raise it to at least " + over.registrations() + "."
							: "No limit can be that high (the registrar accepts at most "
									+ DomainLimits.MAX_ENDPOINTS_PER_USER
									+ "): share the account among fewer Lookup services and other endpoints.");
			ProductGeneration product = topology.product();
			String[] data = { over.uri(), String.valueOf(over.registrations()), limit.scope().name(),
					limit.scopeName() == null ? "" : limit.scopeName(), over.homePool(),
					product == null ? "" : product == ProductGeneration.OCS_2007_R2 ? "ocs2007r2" : "lync2010" };
			if (limit.source() instanceof RegistrarSetting setting) {
				report(Rule.LOOKUP_OVER_MPOP, message, setting, P.getRegistrarSetting_MaxEndpointsPerUser(), data);
			} else {
				for (Object use : over.uses()) {
					if (use instanceof LookupAccount account) {
						report(Rule.LOOKUP_OVER_MPOP, message, account, P.getLookupAccount_Uri(), data);
					}
				}
			}
		}
	}

	private static final PoolDependencies.Dependency SQL_BACK_END = new PoolDependencies.Dependency(
			"the SQL back end (TCP " + Ports.SQL_DEFAULT_INSTANCE + ")", Ports.SQL_DEFAULT_INSTANCE);

	/** The Lookup service registers the shared account on its home pool, by SIP over TLS. */
	private static final PoolDependencies.Dependency LOOKUP_HOME_POOL = new PoolDependencies.Dependency(
			"its Lookup account's home pool (SIP over TLS, TCP " + Ports.SIP_TLS + ")",
			"their Lookup account's home pool (SIP over TLS, TCP " + Ports.SIP_TLS + ")", Ports.SIP_TLS);
	private static final PoolDependencies.Dependency GROUP_CHAT_DATABASE = new PoolDependencies.Dependency(
			"the Group Chat database (TCP " + Ports.SQL_DEFAULT_INSTANCE + ")", Ports.SQL_DEFAULT_INSTANCE);

	private void checkPoolDependencies() {
		PoolDependencies dependencies = new PoolDependencies(topology.network());
		for (EnterprisePool pool : topology.all(EnterprisePool.class)) {
			Server backEnd = pool.getBackEnd();
			if (pool.getName() == null || backEnd == null || backEnd.eIsProxy() || backEnd.getName() == null) {
				continue;
			}
			reportDependencies(dependencies, pool, "Front End", backEnd.getName(), java.util.Set.of(backEnd.getName()),
					SQL_BACK_END, pool, P.getEnterprisePool_BackEnd(), "A Front End that cannot reach its back end database does not start,"
							+ " and the pool stops serving its users.");
		}
		for (GroupChatPool pool : topology.all(GroupChatPool.class)) {
			if (pool.getName() == null) {
				continue;
			}
			LookupAccount account = pool.getLookupAccount();
			if (account != null && account.getHomePool() != null && !account.getHomePool().eIsProxy()
					&& account.getHomePool().getName() != null) {
				Pool home = account.getHomePool();
				reportDependencies(dependencies, pool, "Group Chat server", home.getName(), answeringFor(home),
						LOOKUP_HOME_POOL, pool, P.getGroupChatPool_LookupAccount(), "Its Lookup service cannot register, so"
								+ " Group Chat clients find no channel server and cannot join any chat room.");
			}
			Server database = pool.getDatabase();
			if (database != null && !database.eIsProxy() && database.getName() != null) {
				reportDependencies(dependencies, pool, "Group Chat server", database.getName(),
						java.util.Set.of(database.getName()), GROUP_CHAT_DATABASE, pool,
						P.getGroupChatPool_Database(), "The Channel and Lookup services keep rooms and messages there: they"
								+ " do not start without it.");
			}
		}
		for (Pool pool : topology.all(Pool.class)) {
			if (pool instanceof NextHop hop && pool.getName() != null && hop.getNextHop() != null
					&& !hop.getNextHop().eIsProxy() && hop.getNextHop().getName() != null) {
				checkNextHop(dependencies, pool, hop.getNextHop());
			}
		}
	}

	/**
	 * A Mediation or Director pool and the pool it hands its SIP traffic to: each of its servers to the
	 * next hop pool's FQDN (SIP over MTLS, 5061; any Front End of that pool may answer, as its VIP or
	 * DNS sends it to one); for a Mediation pool also each Front End of the next hop to the Mediation
	 * pool's FQDN, on the port it takes the Front Ends' calls on (5070 on Lync 2010, 5061 on R2).
	 */
	private void checkNextHop(PoolDependencies dependencies, Pool pool, RegistrarPool next) {
		boolean mediation = pool instanceof MediationPool;
		String role = mediation ? "Mediation Server" : "Director";
		reportDependencies(dependencies, pool, role, next.getName(), answeringFor(next),
				new PoolDependencies.Dependency("its next hop pool (SIP over MTLS, TCP " + Ports.SIP_TLS + ")",
						"their next hop pool (SIP over MTLS, TCP " + Ports.SIP_TLS + ")", Ports.SIP_TLS),
				pool, P.getNextHop_NextHop(), mediation
						? "Calls between the PSTN gateways behind it and the users of that pool cannot be set up."
						: "Users who sign in or are routed through this Director cannot reach their home pool.");
		ProductGeneration product = topology.product();
		// Without the product the port is unknown (5070 or 5061): that direction is not judged.
		if (mediation && product != null) {
			int port = product.mediationPortForFrontEnds();
			reportDependencies(dependencies, next, "Front End", pool.getName(), answeringFor(pool),
					new PoolDependencies.Dependency("the Mediation Server it sends calls to (SIP over MTLS, TCP " + port + ")",
							"the Mediation Server they send calls to (SIP over MTLS, TCP " + port + ")", port),
					pool, P.getNextHop_NextHop(), "Calls from the users of that pool to the PSTN through this Mediation pool"
							+ " fail.");
		}
	}

	/** A pool's FQDN and its servers' names: whoever of them answers a flow to the pool's FQDN serves it. */
	private static java.util.Set<String> answeringFor(Pool pool) {
		java.util.Set<String> answering = new java.util.LinkedHashSet<>();
		answering.add(pool.getName());
		pool.getMembers().stream().filter(s -> !s.eIsProxy() && s.getName() != null).forEach(s -> answering.add(s.getName()));
		return answering;
	}

	/**
	 * Every member of {@code pool} (as {@code role}) to {@code server}, which any of {@code answering}
	 * may answer; a finding with no declaration to blame goes on {@code fallback}'s {@code fallbackFeature}.
	 */
	private void reportDependencies(PoolDependencies dependencies, Pool pool, String role, String server,
			java.util.Set<String> answering, PoolDependencies.Dependency dependency, EObject fallback,
			EStructuralFeature fallbackFeature, String consequence) {
		List<String> members = pool.getMembers().stream().filter(s -> !s.eIsProxy()).map(Server::getName).toList();
		// One finding per cause and place: the members one declaration cuts off the same way are told together.
		Map<List<Object>, List<PoolDependencies.DependencyFinding>> byCause = new LinkedHashMap<>();
		List<PoolDependencies.DependencyFinding> all = new ArrayList<>(dependencies.check(pool.getName(), members, server,
				answering, dependency));
		all.sort(Comparator.comparing(PoolDependencies.DependencyFinding::from));
		for (PoolDependencies.DependencyFinding finding : all) {
			FlowTrace trace = finding.trace();
			byCause.computeIfAbsent(Arrays.asList(finding.verdict(), finding.cause() == null ? null
					: new Identity(finding.cause()), trace.problemRestsOnAssumption(), trace.assumption(),
					trace.assumedRouters()), k -> new ArrayList<>()).add(finding);
		}
		for (List<PoolDependencies.DependencyFinding> group : byCause.values()) {
			PoolDependencies.DependencyFinding finding = group.get(0);
			boolean one = group.size() == 1;
			String path = PathSummary.of(finding.trace()) + (one ? "" : " (the first of " + group.size() + ")");
			String why = switch (finding.verdict()) {
				case ASYMMETRIC -> (one ? "its request and the reply take" : "their requests and the replies take")
						+ " different paths: " + path;
				// The path ends with the drop and its reason: said once.
				default -> (one ? "it cannot" : "they cannot") + " get through: " + path;
			};
			String message = role + (one ? " " : "s ") + andList(group.stream().map(PoolDependencies.DependencyFinding::from)
					.toList()) + " of pool " + finding.pool() + " cannot use "
					+ (one ? finding.dependency().what() : finding.dependency().whatOfSeveral()) + " on "
					+ finding.to() + ": " + why + ". " + consequence;
			List<String> data = new ArrayList<>();
			addHops(data, finding.trace().allHops());
			EObject anchor = finding.cause() instanceof EObject cause ? cause : fallback;
			EStructuralFeature feature = anchor == fallback ? fallbackFeature : anchorFeature(anchor);
			addTraced(finding.trace(), Rule.POOL_DEPENDENCY_UNREACHABLE, message, anchor, feature,
					ValidationMessageAcceptor.INSIGNIFICANT_INDEX, data);
		}
	}

	private void checkFloatingGateways() {
		for (FloatingGateways.UnitGateway gateway : FloatingGateways.check(topology.network())) {
			if (!(gateway.route().source() instanceof EObject declaration)) {
				continue;
			}
			String what = gateway.route().isDefault() ? "default gateway " + gateway.route().nextHop()
					: "route " + gateway.route().destination() + " via " + gateway.route().nextHop();
			report(Rule.GATEWAY_NOT_FLOATING, "The " + what + " of server " + gateway.server().name() + " is a unit self IP"
					+ " of " + gateway.balancer().name() + ", which has the floating self IP " + gateway.floating().address()
					+ " on " + gateway.unit().network().networkCidr() + ": when the pair fails over, the unit address stays"
					+ " with the failed unit and what " + gateway.server().name() + " sends through it stops. Use "
					+ gateway.floating().address() + ".", declaration,
					declaration instanceof DefaultGateway ? P.getDefaultGateway_Address() : P.getStaticRoute_NextHop(),
					gateway.floating().address().toString());
		}
	}

	private void checkUndeclaredGateways() {
		for (UndeclaredGateways.Suspect suspect : UndeclaredGateways.check(topology.network())) {
			if (!(suspect.route().source() instanceof EObject declaration)) {
				continue;
			}
			Ipv4Address hop = suspect.route().nextHop();
			String what = suspect.route().isDefault() ? "default gateway " + hop
					: "route " + suspect.route().destination() + " via " + hop;
			UndeclaredGateways.Used meant = suspect.usedInstead().get(0);
			String instead;
			if (meant.servers().isEmpty()) {
				instead = ", no other server uses it, and on " + suspect.subnet() + " " + suspect.usedInstead().stream()
						.map(u -> u.device() + " routes at " + u.address()).collect(Collectors.joining(", ")) + ".";
			} else {
				instead = ", while on " + suspect.subnet() + " " + suspect.usedInstead().stream().map(u -> andList(u.servers())
						+ (u.servers().size() == 1 ? " uses " : " use ") + u.address() + " (" + u.device() + ")")
						.collect(Collectors.joining("; ")) + " for the same traffic.";
			}
			report(Rule.GATEWAY_UNDECLARED, "The " + what + " of server " + suspect.server().name()
					+ " is no declared device's address" + instead + " If it is a typo, " + suspect.server().name()
					+ " reaches no other subnet, yet ocstopo takes it for a router that reaches them all. Use "
					+ meant.address() + ", or declare the router ('router NAME { interface " + hop + " on SUBNET }').",
					declaration,
					declaration instanceof DefaultGateway ? P.getDefaultGateway_Address() : P.getStaticRoute_NextHop(),
					suspect.usedInstead().stream().map(u -> u.address() + " " + u.device()).toArray(String[]::new));
		}
	}

	private void checkPoolTraffic() {
		PoolTraffic traffic = new PoolTraffic(topology.network());
		for (EnterprisePool pool : topology.all(EnterprisePool.class)) {
			if (pool.getName() == null) {
				continue;
			}
			List<String> members = pool.getMembers().stream().filter(s -> !s.eIsProxy()).map(Server::getName).toList();
			// One finding per cause and place: the pairs one declaration breaks the same way are told together.
			Map<List<Object>, List<PoolTraffic.PairFinding>> byCause = new LinkedHashMap<>();
			List<PoolTraffic.PairFinding> pairs = new ArrayList<>(traffic.check(pool.getName(), members,
					IntraPoolService.FRONT_END_TO_FRONT_END));
			pairs.sort(Comparator.comparing(PoolTraffic.PairFinding::from).thenComparing(PoolTraffic.PairFinding::to));
			for (PoolTraffic.PairFinding finding : pairs) {
				byCause.computeIfAbsent(causeKey(finding), k -> new ArrayList<>()).add(finding);
			}
			for (List<PoolTraffic.PairFinding> group : byCause.values()) {
				PoolTraffic.PairFinding first = group.get(0);
				reportPoolTraffic(group, first.cause() instanceof EObject cause ? cause : pool, pool);
			}
		}
	}

	/**
	 * What makes two pairs' findings one: the same verdict on the same services, caused by the same
	 * declaration, resting on the same assumptions; where the finding's quick fixes act on the peer
	 * (a hosts entry, an A record), the same peer and remedy too, and where no declaration is the
	 * cause, the same peer (the finding then sits on it in the pool's member list).
	 */
	private static List<Object> causeKey(PoolTraffic.PairFinding finding) {
		FlowTrace trace = finding.trace();
		boolean perPeer = finding.cause() == null || finding.verdict() != FlowTrace.Verdict.UNREACHABLE;
		return Arrays.asList(finding.verdict(), finding.cause() == null ? null : new Identity(finding.cause()),
				finding.services(), perPeer ? finding.to() : null,
				perPeer ? String.valueOf(finding.peerSameSubnetAddress()) : null,
				trace.resolution() == null ? null : trace.resolution().method(), trace.problemRestsOnAssumption(),
				trace.assumption(), trace.assumedRouters());
	}

	/** A declaration compared by identity (model objects have no value equality). */
	private record Identity(Object object) {
		@Override
		public boolean equals(Object other) {
			return other instanceof Identity identity && identity.object == object;
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(object);
		}
	}

	/** "from fe1 to fe2", "from fe1 and fe3 to fe2", "from fe1 to fe2, from fe2 to fe1". */
	private static String pairsText(List<PoolTraffic.PairFinding> group) {
		Map<String, List<String>> sendersByPeer = new LinkedHashMap<>();
		group.forEach(f -> sendersByPeer.computeIfAbsent(f.to(), t -> new ArrayList<>()).add(f.from()));
		List<String> parts = new ArrayList<>();
		sendersByPeer.forEach((to, senders) -> parts.add("from " + andList(senders) + " to " + to));
		return String.join(", ", parts);
	}

	private static String andList(List<String> names) {
		if (names.size() == 1) {
			return names.get(0);
		}
		return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
	}

	private void reportPoolTraffic(List<PoolTraffic.PairFinding> group, EObject anchor, EnterprisePool pool) {
		PoolTraffic.PairFinding finding = group.get(0);
		boolean one = group.size() == 1;
		String services = finding.services().stream().map(IntraPoolService::label).collect(Collectors.joining(", "));
		String pair = services + " " + pairsText(group) + " (pool " + finding.pool() + ")";
		String path = PathSummary.of(finding.trace()) + (one ? "" : " (the first of " + group.size() + ")");
		String between = one ? "between the two Front Ends" : "between these Front Ends";
		Rule rule;
		String message;
		switch (finding.verdict()) {
			case HAIRPIN -> {
				rule = Rule.POOL_TRAFFIC_HAIRPIN;
				message = pair + (one ? " goes" : " go") + " through the load balancer, which replaces the sender's address: "
						+ path + ". "
						+ (finding.breaksSourceCheckedService()
								? "Response Group rejects it as an unauthorized host: clients see \"This service is"
										+ " temporarily unavailable\"."
								: "The peer cannot tell which Front End is calling.");
			}
			case ASYMMETRIC -> {
				rule = Rule.POOL_TRAFFIC_ASYMMETRIC;
				// Said once: where the path already tells of the half connection (a balancer dropped the
				// reply for want of a connection entry), the consequence alone follows.
				FlowTrace trace = finding.trace();
				boolean told = trace.cause() == FlowTrace.Cause.REPLY_DROPPED
						&& trace.reply().drop().dropReason() == Hop.DropReason.NO_CONNECTION_ENTRY;
				message = pair + (one ? " and its reply take" : " and their replies take") + " different paths: " + path
						+ (told ? ". So these services fail " + between + "."
								: ". A balancer that sees half a connection drops it, so these services fail " + between + ".");
			}
			case UNRESOLVED -> {
				rule = Rule.POOL_PEER_UNRESOLVED;
				message = finding.to() + " resolves to nothing for " + andList(group.stream().map(PoolTraffic.PairFinding::from)
						.toList()) + " (pool " + finding.pool()
						+ "): no hosts-file entry and no DNS A record, so the Front Ends cannot reach each other by"
						+ " name and their traffic is not checked. Add an A record for " + finding.to() + ".";
			}
			default -> {
				rule = Rule.POOL_TRAFFIC_UNREACHABLE;
				// The one-line path says why: a drop ends it with its reason, a failed reply is told after it.
				// A request delivered elsewhere than to the peer gets its explanation here.
				boolean delivered = finding.trace().request() != null && finding.trace().request().delivered();
				message = pair + " cannot get through: " + path
						+ (delivered && finding.trace().reply() == null ? "; " + TraceText.explanation(finding.trace()) : "")
						+ ". These services fail " + between + ".";
			}
		}
		// The senders, comma-separated: a hosts-file fix goes to each of them.
		String senders = group.stream().map(PoolTraffic.PairFinding::from).distinct().collect(Collectors.joining(","));
		List<String> data = new ArrayList<>(List.of(finding.verdict().name(), senders, finding.to(),
				finding.peerSameSubnetAddress() == null ? "" : finding.peerSameSubnetAddress().toString(),
				finding.trace().resolution() == null ? "" : finding.trace().resolution().method().name()));
		// The trace travels with the finding, one entry per hop that has a declaration; the reply's
		// hops only where the reply is the problem (a hairpin's reply is the request's way back).
		List<Hop> hops = finding.verdict() == FlowTrace.Verdict.HAIRPIN ? finding.trace().request().hops()
				: finding.trace().allHops();
		addHops(data, hops);
		EStructuralFeature feature = anchorFeature(anchor);
		int index = ValidationMessageAcceptor.INSIGNIFICANT_INDEX;
		if (anchor == pool) {
			index = indexOfMember(pool, finding.to());
			feature = index >= 0 ? P.getPool_Members() : feature;
			index = index >= 0 ? index : ValidationMessageAcceptor.INSIGNIFICANT_INDEX;
		}
		addTraced(finding.trace(), rule, message, anchor, feature, index, data);
	}

	/** The trace travels with the finding: one entry per hop that has a declaration. */
	private static void addHops(List<String> data, List<Hop> hops) {
		for (Hop hop : hops) {
			if (hop.declaration() instanceof EObject declaration && declaration.eResource() != null) {
				data.add(HopData.encode(declaration, TraceText.why(hop)));
			}
		}
	}

	/** A finding from a trace: what its verdict assumed is said, and no error rests on it alone (only a warning). */
	private void addTraced(FlowTrace trace, Rule rule, String message, EObject anchor, EStructuralFeature feature,
			int index, List<String> data) {
		FlowTrace.Assumption assumption = trace.assumption();
		String told = assumption == null ? message : message + " " + assumptionText(assumption);
		List<String> routers = trace.assumedRouters();
		if (!routers.isEmpty()) {
			told += " " + assumedRoutersText(routers);
		}
		FolderFinding reported = new FolderFinding(rule, told, anchor, feature, index, data.toArray(String[]::new));
		findings.add(trace.problemRestsOnAssumption() ? reported.restingOnAssumption() : reported);
	}

	private static String assumedRoutersText(List<String> routers) {
		boolean one = routers.size() == 1;
		return "This rests on " + (one ? "router " : "routers ") + String.join(", ", routers) + ", which no declaration owns"
				+ (one ? " and is" : " and are") + " assumed to reach every declared subnet directly; declare "
				+ (one ? "it" : "them") + " ('router NAME { interface " + routers.get(0) + " on SUBNET ... }', with "
				+ (one ? "its" : "their") + " routes) to check the real path.";
	}

	private static String assumptionText(FlowTrace.Assumption assumption) {
		String servers = String.join(", ", assumption.servers());
		String otherwise = switch (assumption.otherwise()) {
			case DIRECT, THROUGH_BALANCER_SOURCE_KEPT -> "the flow would work";
			case HAIRPIN -> "it would hairpin instead";
			case ASYMMETRIC -> "it would be asymmetric instead";
			case UNREACHABLE -> "it would not get through instead";
			case UNRESOLVED -> "the name would not resolve";
		};
		String say = " Say which with 'windows ws2003|ws2008|ws2008r2' (or 'host model strong|weak') in the server or"
				+ " the topology header.";
		if (assumption.problemEitherWay()) {
			return "The topology does not state the host model of " + servers + ": this is under "
					+ TraceText.hostModel(assumption.assumed()) + "; under the other " + otherwise + ", so it fails either way." + say;
		}
		return "This assumes " + TraceText.hostModel(assumption.assumed()) + " for " + servers + ", which the topology does not"
				+ " state; under the other model " + otherwise + "." + say;
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
	private void checkSipInternalTlsRecords() {
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
				report(Rule.SIPINTERNALTLS_SRV_MULTIPLE, "SIP domain " + domain.getKey() + " has " + records.size()
						+ " _sipinternaltls._tcp SRV records (" + targets + "): automatic sign-in must lead to one"
						+ " designated pool, so clients may sign in to a pool that is not meant for them.", record,
						P.getSrvRecord_Service());
			}
		}
	}

	private static final String SIP_INTERNAL_TLS = "_sipinternaltls._tcp.";

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
		}
		OptionalInt maxFrontEnds = product.maxFrontEndsPerPool();
		if (maxFrontEnds.isPresent() && frontEnds > maxFrontEnds.getAsInt()) {
			OptionalInt users = product.maxUsersPerPool();
			report(Rule.FRONTENDS_OVER_LIMIT, "Enterprise pool " + pool.getName() + " has " + frontEnds
					+ " Front Ends; " + product.displayName() + " supports up to " + maxFrontEnds.getAsInt() + " per pool"
					+ (users.isPresent() ? " (" + String.format(Locale.ROOT, "%,d", users.getAsInt()) + " users)" : "")
					+ ": split it into two pools.", pool, P.getPool_Name());
		}
	}

	private void checkR2PoolVip(EnterprisePool pool, StandardVirtualServer vip) {
		NetworkView.Translation translation = vip.getTranslation() == null || vip.getTranslation().getKind() == null
				|| vip.getTranslation().getKind() == TranslationKind.NONE ? NetworkView.Translation.NONE
						: NetworkView.Translation.AUTOMAP;
		if (translation == NetworkView.Translation.NONE) {
			EObject on = vip.getTranslation() != null ? vip.getTranslation() : vip;
			report(Rule.POOL_VIP_SOURCE_KEPT, "Virtual server " + vip.getName() + " of pool " + pool.getName()
					+ " keeps the client's source address: for OCS 2007 R2 internal pools Microsoft supports only SNAT"
					+ " on the pool VIP, because servers of the pool fail to reach their own VIP otherwise; use"
					+ " 'source translation automap' or a SNAT pool.", on,
					vip.getTranslation() != null ? P.getSourceTranslation_Kind() : P.getVirtualServer_Name());
		}
		if (vip.getPorts().isEmpty()) {
			return;
		}
		Set<Integer> tcp = new LinkedHashSet<>();
		vip.getPorts().stream().filter(p -> p.getProtocol() == Protocol.TCP).forEach(p -> tcp.addAll(p.getNumbers()));
		List<String> missing = new ArrayList<>();
		for (Ports.Port port : ProductGeneration.OCS_2007_R2.requiredPoolVipPorts()) {
			if (!tcp.contains(port.number())) {
				missing.add(port.number() + " (" + port.what() + ")");
			}
		}
		if (!missing.isEmpty()) {
			report(Rule.VIP_PORTS_MISSING, "Virtual server " + vip.getName() + " of OCS 2007 R2 pool " + pool.getName()
					+ " does not carry TCP " + String.join(", ", missing) + ": what reaches the pool on those ports is"
					+ " dropped by the balancer.", vip, P.getVirtualServer_Name(),
					missing.stream().map(m -> m.substring(0, m.indexOf(' '))).toArray(String[]::new));
		}
	}

	private void checkDnsLoadBalancedPool() {
		if (topology.product() != ProductGeneration.LYNC_2010) {
			return;
		}
		for (Pool pool : topology.all(Pool.class)) {
			if ((pool instanceof EnterprisePool || pool instanceof DirectorPool)
					&& pool.getLoadBalancing() instanceof DnsLoadBalancing) {
				if (pool.getWebServices() == null || pool.getWebServices().getVip() == null) {
					report(Rule.DNS_LB_WEB_SERVICES_MISSING, Describe.capitalize(Describe.of(pool)) + " is DNS load balanced but"
							+ " its internal web services FQDN is not on a hardware load balancer VIP ('web services"
							+ " <fqdn> on vip <name>'): DNS load balancing covers SIP only, so web traffic (address"
							+ " book, meetings, Response Group tab on 80/443) is not balanced and fails with a Front End.",
							pool.getLoadBalancing(), null);
				}
			}
		}
	}

	/** A folder rule's findings, at the catalogue's severity (a warning where it rests on an assumption). */
	private final class RuleFindings implements Findings {
		private final Rule rule;

		RuleFindings(Rule rule) {
			this.rule = rule;
		}

		@Override
		public void report(EObject object, EStructuralFeature feature, int index, String message, Record data,
				List<String> hops, boolean restsOnAssumption) {
			FolderFinding finding = new FolderFinding(rule, message, object, feature,
					index < 0 ? ValidationMessageAcceptor.INSIGNIFICANT_INDEX : index, IssueData.encode(data, hops));
			findings.add(restsOnAssumption ? finding.restingOnAssumption() : finding);
		}

		@Override
		public void reportRange(EObject object, int offset, int length, String message, Record data) {
			throw new UnsupportedOperationException("a folder rule reports on features, not text ranges: " + rule.id());
		}
	}

	private void report(Rule rule, String message, EObject object, EStructuralFeature feature, String... data) {
		reportAt(rule, message, object, feature, ValidationMessageAcceptor.INSIGNIFICANT_INDEX, data);
	}

	private void reportAt(Rule rule, String message, EObject object, EStructuralFeature feature, int index,
			String... data) {
		findings.add(new FolderFinding(rule, message, object, feature, index, data));
	}

}
