package org.ocs.topology.rules.pools;

import java.util.List;

import org.ocs.topology.analysis.routing.FlowTrace;
import org.ocs.topology.rules.Findings;
import org.ocs.topology.rules.FolderRule;
import org.ocs.topology.rules.Remedy;
import org.ocs.topology.rules.RemedySite;
import org.ocs.topology.validation.TopologyModel;

/** pool-traffic-unreachable: a Front End cannot reach a peer of its pool by the peer's FQDN. */
public final class PoolTrafficUnreachable extends FolderRule {

	@Override
	public void check(TopologyModel topology, Findings findings) {
		PoolTrafficFindings.report(topology, findings, FlowTrace.Verdict.UNREACHABLE);
	}

	/** A forwarding virtual server (or a port on one) where a balancer dropped the traffic, when proven to mend it. */
	@Override
	public List<Remedy> remedies(RemedySite site) {
		return PoolTrafficFindings.pathRemedies(site);
	}
}
