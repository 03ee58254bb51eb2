package org.ocs.topology.rules.language;

import java.util.List;

import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.ocs.topology.rules.Findings;
import org.ocs.topology.rules.FolderRule;
import org.ocs.topology.topology.Topology;
import org.ocs.topology.topology.TopologyPackage;
import org.ocs.topology.validation.TopologyModel;

/**
 * product-missing: a header that does not say its product. Without a header at all nothing is said:
 * a snippet or a partial topology is not an error; the product's own rules are skipped.
 */
public final class ProductMissing extends FolderRule {

	private static final TopologyPackage P = TopologyPackage.eINSTANCE;

	@Override
	public void check(TopologyModel topology, Findings findings) {
		List<Topology> headers = Headers.of(topology);
		if (!headers.isEmpty() && NodeModelUtils.findNodesForFeature(headers.get(0), P.getTopology_Product()).isEmpty()) {
			Topology header = headers.get(0);
			findings.report(header, P.getTopology_Name(), "Topology " + header.getName() + " does not say its product"
					+ " ('product ocs2007r2' or 'product lync2010'): the product's own rules (OCS 2007 R2's single"
					+ " registrar scope and hardware load balancing, Lync 2010's Front End limit and DNS load"
					+ " balancing) are not checked, and MPOP scopes are read the Lync 2010 way.");
		}
	}
}
