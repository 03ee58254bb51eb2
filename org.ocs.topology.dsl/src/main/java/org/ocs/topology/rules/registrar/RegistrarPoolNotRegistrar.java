package org.ocs.topology.rules.registrar;

import org.ocs.topology.rules.DeclarationRule;
import org.ocs.topology.rules.Findings;
import org.ocs.topology.topology.DirectorPool;
import org.ocs.topology.topology.Pool;
import org.ocs.topology.topology.RegistrarPool;
import org.ocs.topology.topology.RegistrarSetting;
import org.ocs.topology.topology.TopologyPackage;
import org.ocs.topology.validation.Describe;

/**
 * registrar-pool-not-registrar: a pool-scoped registrar setting is the configuration of one
 * Registrar service (Set-CsRegistrarConfiguration -Identity service:Registrar:POOL): Enterprise,
 * Standard Edition and Director pools run one; Edge, Mediation and Group Chat pools do not.
 */
public final class RegistrarPoolNotRegistrar extends DeclarationRule<RegistrarSetting> {

	public RegistrarPoolNotRegistrar() {
		super(RegistrarSetting.class);
	}

	@Override
	public void check(RegistrarSetting setting, Findings findings) {
		Pool pool = setting.getPool();
		if (pool == null || pool.eIsProxy() || pool instanceof RegistrarPool || pool instanceof DirectorPool) {
			return;
		}
		findings.report(setting, TopologyPackage.eINSTANCE.getRegistrarSetting_Pool(), Describe.capitalize(Describe.of(pool))
				+ " runs no Registrar, so there is no registrar configuration for it (service:Registrar:"
				+ pool.getName() + "): this setting applies to nothing, and the limit of the users' home pools is"
				+ " another one. Write it for their Enterprise, Standard Edition or Director pool.");
	}
}
