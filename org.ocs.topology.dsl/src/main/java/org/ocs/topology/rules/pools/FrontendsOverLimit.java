package org.ocs.topology.rules.pools;

import java.util.Locale;
import java.util.OptionalInt;

import org.ocs.topology.analysis.product.ProductGeneration;
import org.ocs.topology.rules.Findings;
import org.ocs.topology.rules.FolderRule;
import org.ocs.topology.topology.EnterprisePool;
import org.ocs.topology.topology.TopologyPackage;
import org.ocs.topology.validation.TopologyModel;

/** frontends-over-limit: more Front Ends in an Enterprise pool than the product supports. */
public final class FrontendsOverLimit extends FolderRule {

	@Override
	public void check(TopologyModel topology, Findings findings) {
		ProductGeneration product = topology.product();
		if (product == null || product.maxFrontEndsPerPool().isEmpty()) {
			return;
		}
		int max = product.maxFrontEndsPerPool().getAsInt();
		for (EnterprisePool pool : topology.all(EnterprisePool.class)) {
			int frontEnds = pool.getMembers().size();
			if (pool.getName() != null && frontEnds > max) {
				OptionalInt users = product.maxUsersPerPool();
				findings.report(pool, TopologyPackage.eINSTANCE.getPool_Name(), "Enterprise pool " + pool.getName() + " has "
						+ frontEnds + " Front Ends; " + product.displayName() + " supports up to " + max + " per pool"
						+ (users.isPresent() ? " (" + String.format(Locale.ROOT, "%,d", users.getAsInt()) + " users)" : "")
						+ ": split it into two pools.");
			}
		}
	}
}
