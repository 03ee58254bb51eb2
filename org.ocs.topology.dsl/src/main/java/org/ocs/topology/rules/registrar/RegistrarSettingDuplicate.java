package org.ocs.topology.rules.registrar;

import java.util.List;
import java.util.stream.Collectors;

import org.ocs.topology.rules.Findings;
import org.ocs.topology.rules.FolderRule;
import org.ocs.topology.topology.RegistrarSetting;
import org.ocs.topology.topology.TopologyPackage;
import org.ocs.topology.validation.Describe;
import org.ocs.topology.validation.TopologyModel;

/**
 * registrar-setting-duplicate: one registrar scope (global, a site, a pool) configured twice. The
 * registrar has one configuration per scope; which value is meant is unclear, so every copy is
 * reported and no MPOP verdict rests on one of them.
 */
public final class RegistrarSettingDuplicate extends FolderRule {

	@Override
	public void check(TopologyModel topology, Findings findings) {
		for (List<RegistrarSetting> same : RegistrarScopes.repeatedScopes(topology)) {
			for (RegistrarSetting setting : same) {
				String others = same.stream().filter(s -> s != setting).map(Describe::location)
						.collect(Collectors.joining(", "));
				TopologyPackage p = TopologyPackage.eINSTANCE;
				findings.report(setting, setting.isGlobal() ? p.getRegistrarSetting_Global()
						: setting.getSite() != null ? p.getRegistrarSetting_Site() : p.getRegistrarSetting_Pool(),
						Describe.capitalize(Describe.of(setting)) + " is written more than once (also at " + others
								+ "): the registrar has one configuration per scope (Set-CsRegistrarConfiguration), so"
								+ " only one of these values can be in force. Keep one.");
			}
		}
	}
}
