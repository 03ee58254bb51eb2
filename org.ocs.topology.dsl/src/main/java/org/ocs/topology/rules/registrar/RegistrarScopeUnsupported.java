package org.ocs.topology.rules.registrar;

import org.ocs.topology.analysis.product.ProductGeneration;
import org.ocs.topology.rules.Findings;
import org.ocs.topology.rules.FolderRule;
import org.ocs.topology.topology.RegistrarSetting;
import org.ocs.topology.topology.TopologyPackage;
import org.ocs.topology.validation.Describe;
import org.ocs.topology.validation.TopologyModel;

/** registrar-scope-unsupported: a site or pool registrar setting where the product has only the global one. */
public final class RegistrarScopeUnsupported extends FolderRule {

	private static final TopologyPackage P = TopologyPackage.eINSTANCE;

	@Override
	public void check(TopologyModel topology, Findings findings) {
		ProductGeneration product = topology.product();
		if (product == null || product.hasScopedRegistrarSettings()) {
			return;
		}
		for (RegistrarSetting setting : topology.all(RegistrarSetting.class)) {
			if (!setting.isGlobal()) {
				findings.report(setting, setting.getSite() != null ? P.getRegistrarSetting_Site() : P.getRegistrarSetting_Pool(),
						Describe.capitalize(Describe.of(setting)) + " cannot be configured in " + product.displayName()
								+ ": its only setting is the forest-wide 'Maximum devices per user' (registrar global).");
			}
		}
	}
}
