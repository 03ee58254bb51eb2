package org.ocs.topology.rules.registrar;

import java.util.List;

import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.ocs.topology.analysis.product.DomainLimits;
import org.ocs.topology.rules.DeclarationRule;
import org.ocs.topology.rules.Findings;
import org.ocs.topology.rules.Remedy;
import org.ocs.topology.rules.RemedySite;
import org.ocs.topology.topology.RegistrarSetting;
import org.ocs.topology.topology.TopologyPackage;

/** mpop-out-of-range: a maximum-endpoints-per-user value the registrar does not accept. */
public final class MpopOutOfRange extends DeclarationRule<RegistrarSetting> {

	private static final TopologyPackage P = TopologyPackage.eINSTANCE;

	public MpopOutOfRange() {
		super(RegistrarSetting.class);
	}

	@Override
	public void check(RegistrarSetting setting, Findings findings) {
		// Written or not is read from the text: EMF calls an int of 0 "not set".
		var nodes = NodeModelUtils.findNodesForFeature(setting, P.getRegistrarSetting_MaxEndpointsPerUser());
		if (!nodes.isEmpty()) {
			int value = setting.getMaxEndpointsPerUser();
			if (!DomainLimits.isValidEndpointsPerUser(value)) {
				// The text as written: a number too large for an int is held as the largest one.
				String written = NodeModelUtils.getTokenText(nodes.get(nodes.size() - 1));
				findings.report(setting, P.getRegistrarSetting_MaxEndpointsPerUser(), "Maximum endpoints per user " + written
						+ " is not accepted by the registrar: the range is " + DomainLimits.MIN_ENDPOINTS_PER_USER + " to "
						+ DomainLimits.MAX_ENDPOINTS_PER_USER + " (default " + DomainLimits.DEFAULT_ENDPOINTS_PER_USER
						+ ").");
			}
		}
	}

	@Override
	public List<Remedy> remedies(RemedySite site) {
		String value = String.valueOf(DomainLimits.DEFAULT_ENDPOINTS_PER_USER);
		return List.of(Remedy.of("Set to the default, " + value, new Remedy.ReplaceFinding(value)));
	}
}
