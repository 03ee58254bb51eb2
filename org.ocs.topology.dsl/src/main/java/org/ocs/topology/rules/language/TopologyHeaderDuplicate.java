package org.ocs.topology.rules.language;

import java.util.List;

import org.ocs.topology.rules.Findings;
import org.ocs.topology.rules.FolderRule;
import org.ocs.topology.topology.Topology;
import org.ocs.topology.topology.TopologyPackage;
import org.ocs.topology.validation.Describe;
import org.ocs.topology.validation.TopologyModel;

/** topology-header-duplicate: a folder holds one topology, so one header. */
public final class TopologyHeaderDuplicate extends FolderRule {

	@Override
	public void check(TopologyModel topology, Findings findings) {
		List<Topology> headers = Headers.of(topology);
		for (Topology header : headers.subList(Math.min(1, headers.size()), headers.size())) {
			findings.report(header, TopologyPackage.eINSTANCE.getTopology_Name(), "Topology " + header.getName()
					+ " is a second topology header in this folder (the first is " + headers.get(0).getName() + " at "
					+ Describe.location(headers.get(0)) + "): a folder holds one topology.");
		}
	}
}
