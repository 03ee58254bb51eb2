package org.ocs.topology.rules.pools;

import java.util.List;

import org.ocs.topology.analysis.routing.FlowTrace;
import org.ocs.topology.rules.Findings;
import org.ocs.topology.rules.FolderRule;
import org.ocs.topology.rules.Remedy;
import org.ocs.topology.rules.RemedySite;
import org.ocs.topology.validation.TopologyModel;

/** pool-traffic-asymmetric: a Front End pair's traffic and its reply cross different stateful devices. */
public final class PoolTrafficAsymmetric extends FolderRule {

	@Override
	public void check(TopologyModel topology, Findings findings) {
		PoolTrafficFindings.report(topology, findings, FlowTrace.Verdict.ASYMMETRIC);
	}

	/** A hosts entry on the senders (safe), the A record, or keeping the source address where the trace shows it translated. */
	@Override
	public List<Remedy> remedies(RemedySite site) {
		return PoolTrafficFindings.remedies(site);
	}
}
