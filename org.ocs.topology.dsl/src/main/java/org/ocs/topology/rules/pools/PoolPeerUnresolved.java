package org.ocs.topology.rules.pools;

import org.ocs.topology.analysis.routing.FlowTrace;
import org.ocs.topology.rules.Findings;
import org.ocs.topology.rules.FolderRule;
import org.ocs.topology.validation.TopologyModel;

/** pool-peer-unresolved: a Front End's FQDN resolves to nothing for a peer, so their traffic cannot be checked. */
public final class PoolPeerUnresolved extends FolderRule {

	@Override
	public void check(TopologyModel topology, Findings findings) {
		PoolTrafficFindings.report(topology, findings, FlowTrace.Verdict.UNRESOLVED);
	}
}
