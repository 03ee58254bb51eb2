package org.ocs.topology.rules.dns;

import org.ocs.topology.analysis.product.ProductGeneration;
import org.ocs.topology.rules.Findings;
import org.ocs.topology.rules.FolderRule;
import org.ocs.topology.topology.DirectorPool;
import org.ocs.topology.topology.DnsLoadBalancing;
import org.ocs.topology.topology.EnterprisePool;
import org.ocs.topology.topology.Pool;
import org.ocs.topology.validation.Describe;
import org.ocs.topology.validation.TopologyModel;

/** dns-lb-web-services-missing: a DNS-balanced Lync 2010 pool whose web services are not on a VIP. */
public final class DnsLbWebServicesMissing extends FolderRule {

	@Override
	public void check(TopologyModel topology, Findings findings) {
		if (topology.product() != ProductGeneration.LYNC_2010) {
			return;
		}
		for (Pool pool : topology.all(Pool.class)) {
			if ((pool instanceof EnterprisePool || pool instanceof DirectorPool)
					&& pool.getLoadBalancing() instanceof DnsLoadBalancing
					&& (pool.getWebServices() == null || pool.getWebServices().getVip() == null)) {
				findings.report(pool.getLoadBalancing(), null, Describe.capitalize(Describe.of(pool))
						+ " is DNS load balanced but its internal web services FQDN is not on a hardware load balancer VIP"
						+ " ('web services <fqdn> on vip <name>'): DNS load balancing covers SIP only, so web traffic"
						+ " (address book, meetings, Response Group tab on 80/443) is not balanced and fails with a Front"
						+ " End.");
			}
		}
	}
}
