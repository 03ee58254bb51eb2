package org.ocs.topology.rules;

import org.ocs.topology.validation.TopologyModel;

/**
 * A rule that needs the whole folder (names and addresses across files, the topology header, the
 * MPOP arithmetic, traced paths): run once per state of the folder; each file then reports the
 * findings placed on its own objects. Analyses several rules share (the network, the pool traffic
 * traces) are computed once by {@link TopologyModel}.
 */
public abstract class FolderRule extends RuleLogic {

	public abstract void check(TopologyModel topology, Findings findings);
}
