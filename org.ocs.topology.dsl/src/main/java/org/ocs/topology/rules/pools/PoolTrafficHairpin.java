package org.ocs.topology.rules.pools;

import java.util.List;

import org.ocs.topology.analysis.routing.FlowTrace;
import org.ocs.topology.rules.Findings;
import org.ocs.topology.rules.FolderRule;
import org.ocs.topology.rules.Remedy;
import org.ocs.topology.rules.RemedySite;
import org.ocs.topology.validation.TopologyModel;

/** pool-traffic-hairpin: Front End to Front End traffic through a balancer that replaces the sender's address. */
public final class PoolTrafficHairpin extends FolderRule {

	@Override
	public void check(TopologyModel topology, Findings findings) {
		PoolTrafficFindings.report(topology, findings, FlowTrace.Verdict.HAIRPIN);
	}

	/** A hosts entry on the senders (safe), the A record, or keeping the source address where the trace shows it translated. */
	@Override
	public List<Remedy> remedies(RemedySite site) {
		return PoolTrafficFindings.remedies(site);
	}
}
