package org.ocs.topology.rules.roles;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.ocs.topology.analysis.product.ProductGeneration;
import org.ocs.topology.rules.Findings;
import org.ocs.topology.rules.FolderRule;
import org.ocs.topology.topology.DirectorPool;
import org.ocs.topology.topology.EdgePool;
import org.ocs.topology.topology.EnterprisePool;
import org.ocs.topology.topology.GroupChatPool;
import org.ocs.topology.topology.MediationPool;
import org.ocs.topology.topology.Pool;
import org.ocs.topology.topology.Server;
import org.ocs.topology.topology.StandardEditionPool;
import org.ocs.topology.topology.TopologyPackage;
import org.ocs.topology.validation.TopologyModel;

/**
 * server-roles-collocated: one computer in two pools, that is in two roles (or twice in one) that
 * Microsoft does not support on one computer. Lync Server 2010 lets a Front End carry the Mediation
 * Server role and nothing else; a Director, an Edge Server and a Group Chat server share their
 * computer with no other role. OCS 2007 R2 collocates none of Front End (Enterprise), Director,
 * Edge, Mediation and Group Chat. A computer is a member of one pool of a role.
 */
public final class ServerRolesCollocated extends FolderRule {

	/** One pool a server is a member of, and its place in the pool's member list. */
	private record Membership(Pool pool, int index) {
	}

	@Override
	public void check(TopologyModel topology, Findings findings) {
		Map<Server, List<Membership>> byServer = new IdentityHashMap<>();
		List<Server> order = new ArrayList<>();
		for (Pool pool : topology.all(Pool.class)) {
			for (int i = 0; i < pool.getMembers().size(); i++) {
				Server server = pool.getMembers().get(i);
				if (server == null || server.eIsProxy()) {
					continue;
				}
				List<Membership> memberships = byServer.computeIfAbsent(server, s -> {
					order.add(s);
					return new ArrayList<>();
				});
				// Listed twice in one pool is setting or list business, not a second role.
				int index = i;
				if (memberships.stream().noneMatch(m -> m.pool() == pool)) {
					memberships.add(new Membership(pool, index));
				}
			}
		}
		ProductGeneration product = topology.product();
		for (Server server : order) {
			List<Membership> memberships = byServer.get(server);
			if (memberships.size() < 2) {
				continue;
			}
			boolean lync = supportedTogether(memberships, ProductGeneration.LYNC_2010);
			boolean r2 = supportedTogether(memberships, ProductGeneration.OCS_2007_R2);
			boolean supported = product == ProductGeneration.LYNC_2010 ? lync
					: product == ProductGeneration.OCS_2007_R2 ? r2 : lync && r2;
			if (supported) {
				continue;
			}
			// Without the product, a pair only Lync 2010 supports (Front End and Mediation) rests on it.
			boolean restsOnProduct = product == null && lync != r2;
			String roles = memberships.stream().map(m -> role(m.pool()) + " of " + m.pool().getName())
					.collect(Collectors.joining(" and "));
			String message = "Server " + server.getName() + " is " + roles + ": " + why(memberships, product)
					+ (restsOnProduct ? " This holds for OCS 2007 R2; Lync Server 2010 lets a Front End carry the"
							+ " Mediation Server role. Say the product in the topology header." : "");
			for (Membership membership : memberships) {
				findings.report(membership.pool(), TopologyPackage.eINSTANCE.getPool_Members(), membership.index(), message,
						null, List.of(), restsOnProduct);
			}
		}
	}

	private static boolean supportedTogether(List<Membership> memberships, ProductGeneration product) {
		if (memberships.size() != 2) {
			return false;
		}
		Pool a = memberships.get(0).pool();
		Pool b = memberships.get(1).pool();
		// The one collocation of these roles either product supports: Lync 2010's Mediation on a Front End.
		return product == ProductGeneration.LYNC_2010
				&& (isFrontEnd(a) && b instanceof MediationPool || isFrontEnd(b) && a instanceof MediationPool);
	}

	private static boolean isFrontEnd(Pool pool) {
		return pool instanceof EnterprisePool || pool instanceof StandardEditionPool;
	}

	private static String why(List<Membership> memberships, ProductGeneration product) {
		List<Pool> pools = memberships.stream().map(Membership::pool).toList();
		if (pools.stream().anyMatch(DirectorPool.class::isInstance)) {
			return "a Director shares its computer with no other role, and a computer is in one pool, so these"
					+ " pools cannot both have it; each would count on a server the other one uses.";
		}
		if (pools.stream().anyMatch(GroupChatPool.class::isInstance)) {
			return "a Group Chat server shares its computer with no other server role, so these pools cannot both"
					+ " have it; each would count on a server the other one uses.";
		}
		if (pools.stream().anyMatch(EdgePool.class::isInstance)) {
			return "an Edge Server shares its computer with no other role, so these pools cannot both have it.";
		}
		if (pools.stream().map(ServerRolesCollocated::role).distinct().count() < pools.size()) {
			return "a computer is a member of one pool of a role, so these pools cannot both have it; each would"
					+ " count on a server the other one uses.";
		}
		return product == ProductGeneration.LYNC_2010
				? "Lync Server 2010 lets a Front End carry the Mediation Server role and nothing else, so these pools"
						+ " cannot both have it."
				: "OCS 2007 R2 collocates none of the Front End, Director, Edge, Mediation and Group Chat roles, so"
						+ " these pools cannot both have it.";
	}

	private static String role(Pool pool) {
		if (pool instanceof EnterprisePool || pool instanceof StandardEditionPool) return "a Front End";
		if (pool instanceof DirectorPool) return "a Director";
		if (pool instanceof EdgePool) return "an Edge Server";
		if (pool instanceof MediationPool) return "a Mediation Server";
		if (pool instanceof GroupChatPool) return "a Group Chat server";
		return "a member";
	}
}
