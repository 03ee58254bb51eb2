package org.ocs.topology.rules.pools;

import org.ocs.topology.analysis.product.ProductGeneration;
import org.ocs.topology.rules.Findings;
import org.ocs.topology.rules.FolderRule;
import org.ocs.topology.topology.EnterprisePool;
import org.ocs.topology.topology.HardwareLoadBalancing;
import org.ocs.topology.topology.TopologyPackage;
import org.ocs.topology.validation.TopologyModel;

/** hardware-lb-required: an OCS 2007 R2 Enterprise pool of several Front Ends without a hardware balancer. */
public final class HardwareLbRequired extends FolderRule {

	@Override
	public void check(TopologyModel topology, Findings findings) {
		if (topology.product() != ProductGeneration.OCS_2007_R2) {
			return;
		}
		for (EnterprisePool pool : topology.all(EnterprisePool.class)) {
			int frontEnds = pool.getMembers().size();
			if (pool.getName() != null && frontEnds > 1 && !(pool.getLoadBalancing() instanceof HardwareLoadBalancing)) {
				findings.report(pool, TopologyPackage.eINSTANCE.getPool_Name(), "Enterprise pool " + pool.getName() + " has "
						+ frontEnds + " Front Ends but no hardware load balancer ('load balanced by vip ...'): OCS 2007 R2"
						+ " supports only a hardware load balancer for a pool of more than one Front End (DNS or Windows"
						+ " NLB are not supported), so clients reach one Front End or none.");
			}
		}
	}
}
