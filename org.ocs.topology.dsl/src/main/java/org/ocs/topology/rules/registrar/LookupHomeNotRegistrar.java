package org.ocs.topology.rules.registrar;

import org.ocs.topology.rules.DeclarationRule;
import org.ocs.topology.rules.Findings;
import org.ocs.topology.topology.DirectorPool;
import org.ocs.topology.topology.LookupAccount;
import org.ocs.topology.topology.Pool;
import org.ocs.topology.topology.RegistrarPool;
import org.ocs.topology.topology.TopologyPackage;
import org.ocs.topology.validation.Describe;

/**
 * lookup-home-not-registrar: the Group Chat Lookup account is a user account, homed on a pool that
 * homes users (Enterprise or Standard Edition); a Director authenticates and redirects users but
 * homes none, and Edge, Mediation and Group Chat pools have no Registrar at all.
 */
public final class LookupHomeNotRegistrar extends DeclarationRule<LookupAccount> {

	public LookupHomeNotRegistrar() {
		super(LookupAccount.class);
	}

	@Override
	public void check(LookupAccount account, Findings findings) {
		Pool home = account.getHomePool();
		if (home == null || home.eIsProxy() || home instanceof RegistrarPool) {
			return;
		}
		String why = home instanceof DirectorPool
				? "a Director authenticates users and sends them on to their home pool, but homes none"
				: "it runs no Registrar and homes no users";
		findings.report(account, TopologyPackage.eINSTANCE.getLookupAccount_HomePool(), "Lookup account "
				+ account.getUri() + " is homed on " + Describe.of(home) + ": " + why + ", so the Lookup services"
				+ " cannot sign in with the account and Group Chat clients find no channel server. Home it on an"
				+ " Enterprise or Standard Edition pool.");
	}
}
