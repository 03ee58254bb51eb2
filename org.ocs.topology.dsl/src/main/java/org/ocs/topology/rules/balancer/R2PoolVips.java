package org.ocs.topology.rules.balancer;

import java.util.ArrayList;
import java.util.List;

import org.ocs.topology.analysis.product.ProductGeneration;
import org.ocs.topology.topology.EnterprisePool;
import org.ocs.topology.topology.HardwareLoadBalancing;
import org.ocs.topology.topology.StandardVirtualServer;
import org.ocs.topology.validation.TopologyModel;

/** The VIPs of an OCS 2007 R2 topology's Enterprise pools, with their pools. */
record R2PoolVips(EnterprisePool pool, StandardVirtualServer vip) {

	static List<R2PoolVips> of(TopologyModel topology) {
		List<R2PoolVips> all = new ArrayList<>();
		if (topology.product() != ProductGeneration.OCS_2007_R2) {
			return all;
		}
		for (EnterprisePool pool : topology.all(EnterprisePool.class)) {
			if (pool.getName() != null && pool.getLoadBalancing() instanceof HardwareLoadBalancing hardware
					&& hardware.getVip() instanceof StandardVirtualServer vip && !vip.eIsProxy()) {
				all.add(new R2PoolVips(pool, vip));
			}
		}
		return all;
	}
}
