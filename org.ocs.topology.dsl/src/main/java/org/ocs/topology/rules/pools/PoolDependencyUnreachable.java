package org.ocs.topology.rules.pools;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.ocs.topology.analysis.product.Ports;
import org.ocs.topology.analysis.product.ProductGeneration;
import org.ocs.topology.analysis.routing.FlowTrace;
import org.ocs.topology.analysis.routing.PathSummary;
import org.ocs.topology.analysis.routing.PoolDependencies;
import org.ocs.topology.rules.Findings;
import org.ocs.topology.rules.FolderRule;
import org.ocs.topology.topology.EnterprisePool;
import org.ocs.topology.topology.GroupChatPool;
import org.ocs.topology.topology.LookupAccount;
import org.ocs.topology.topology.MediationPool;
import org.ocs.topology.topology.NextHop;
import org.ocs.topology.topology.Pool;
import org.ocs.topology.topology.RegistrarPool;
import org.ocs.topology.topology.Server;
import org.ocs.topology.topology.TopologyPackage;
import org.ocs.topology.validation.Describe;
import org.ocs.topology.validation.TopologyModel;

/**
 * pool-dependency-unreachable: a pool member cannot reach a server its role depends on (a Front End
 * its SQL back end, a Group Chat server its Lookup home pool or database, a Mediation or Director
 * server its next hop pool, a Front End its Mediation pool), or the reply takes another path.
 */
public final class PoolDependencyUnreachable extends FolderRule {

	private static final TopologyPackage P = TopologyPackage.eINSTANCE;

	private static final PoolDependencies.Dependency SQL_BACK_END = new PoolDependencies.Dependency(
			"the SQL back end (TCP " + Ports.SQL_DEFAULT_INSTANCE + ")", Ports.SQL_DEFAULT_INSTANCE);

	/** The Lookup service registers the shared account on its home pool, by SIP over TLS. */
	private static final PoolDependencies.Dependency LOOKUP_HOME_POOL = new PoolDependencies.Dependency(
			"its Lookup account's home pool (SIP over TLS, TCP " + Ports.SIP_TLS + ")",
			"their Lookup account's home pool (SIP over TLS, TCP " + Ports.SIP_TLS + ")", Ports.SIP_TLS);
	private static final PoolDependencies.Dependency GROUP_CHAT_DATABASE = new PoolDependencies.Dependency(
			"the Group Chat database (TCP " + Ports.SQL_DEFAULT_INSTANCE + ")", Ports.SQL_DEFAULT_INSTANCE);

	@Override
	public void check(TopologyModel topology, Findings findings) {
		PoolDependencies dependencies = new PoolDependencies(topology.network());
		for (EnterprisePool pool : topology.all(EnterprisePool.class)) {
			Server backEnd = pool.getBackEnd();
			if (pool.getName() == null || backEnd == null || backEnd.eIsProxy() || backEnd.getName() == null) {
				continue;
			}
			reportDependencies(findings, dependencies, pool, "Front End", backEnd.getName(), java.util.Set.of(backEnd.getName()),
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
				reportDependencies(findings, dependencies, pool, "Group Chat server", home.getName(), answeringFor(home),
						LOOKUP_HOME_POOL, pool, P.getGroupChatPool_LookupAccount(), "Its Lookup service cannot register, so"
								+ " Group Chat clients find no channel server and cannot join any chat room.");
			}
			Server database = pool.getDatabase();
			if (database != null && !database.eIsProxy() && database.getName() != null) {
				reportDependencies(findings, dependencies, pool, "Group Chat server", database.getName(),
						java.util.Set.of(database.getName()), GROUP_CHAT_DATABASE, pool,
						P.getGroupChatPool_Database(), "The Channel and Lookup services keep rooms and messages there: they"
								+ " do not start without it.");
			}
		}
		for (Pool pool : topology.all(Pool.class)) {
			if (pool instanceof NextHop hop && pool.getName() != null && hop.getNextHop() != null
					&& !hop.getNextHop().eIsProxy() && hop.getNextHop().getName() != null) {
				checkNextHop(topology, findings, dependencies, pool, hop.getNextHop());
			}
		}
	}

	/**
	 * A Mediation or Director pool and the pool it hands its SIP traffic to: each of its servers to the
	 * next hop pool's FQDN (SIP over MTLS, 5061; any Front End of that pool may answer, as its VIP or
	 * DNS sends it to one); for a Mediation pool also each Front End of the next hop to the Mediation
	 * pool's FQDN, on the port it takes the Front Ends' calls on (5070 on Lync 2010, 5061 on R2).
	 */
	private void checkNextHop(TopologyModel topology, Findings findings, PoolDependencies dependencies, Pool pool,
			RegistrarPool next) {
		boolean mediation = pool instanceof MediationPool;
		String role = mediation ? "Mediation Server" : "Director";
		reportDependencies(findings, dependencies, pool, role, next.getName(), answeringFor(next),
				new PoolDependencies.Dependency("its next hop pool (SIP over MTLS, TCP " + Ports.SIP_TLS + ")",
						"their next hop pool (SIP over MTLS, TCP " + Ports.SIP_TLS + ")", Ports.SIP_TLS),
				pool, P.getNextHop_NextHop(), mediation
						? "Calls between the PSTN gateways behind it and the users of that pool cannot be set up."
						: "Users who sign in or are routed through this Director cannot reach their home pool.");
		ProductGeneration product = topology.product();
		// Without the product the port is unknown (5070 or 5061): that direction is not judged.
		if (mediation && product != null) {
			int port = product.mediationPortForFrontEnds();
			reportDependencies(findings, dependencies, next, "Front End", pool.getName(), answeringFor(pool),
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
	private void reportDependencies(Findings findings, PoolDependencies dependencies, Pool pool, String role, String server,
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
					: new TracedFindings.Identity(finding.cause()), trace.problemRestsOnAssumption(), trace.assumption(),
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
			String message = role + (one ? " " : "s ") + Describe.andList(group.stream().map(PoolDependencies.DependencyFinding::from)
					.toList()) + " of pool " + finding.pool() + " cannot use "
					+ (one ? finding.dependency().what() : finding.dependency().whatOfSeveral()) + " on "
					+ finding.to() + ": " + why + ". " + consequence;
			EObject anchor = finding.cause() instanceof EObject cause ? cause : fallback;
			EStructuralFeature feature = anchor == fallback ? fallbackFeature : TracedFindings.anchorFeature(anchor);
			TracedFindings.report(findings, finding.trace(), message, anchor, feature, Findings.WHOLE_FEATURE, null,
					TracedFindings.hops(finding.trace().allHops()));
		}
	}

}
