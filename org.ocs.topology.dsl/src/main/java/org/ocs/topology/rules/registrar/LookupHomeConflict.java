package org.ocs.topology.rules.registrar;

import java.util.List;
import java.util.stream.Collectors;

import org.eclipse.xtext.EcoreUtil2;
import org.ocs.topology.rules.Findings;
import org.ocs.topology.rules.FolderRule;
import org.ocs.topology.topology.GroupChatPool;
import org.ocs.topology.topology.LookupAccount;
import org.ocs.topology.topology.TopologyPackage;
import org.ocs.topology.validation.Describe;
import org.ocs.topology.validation.TopologyModel;

/**
 * lookup-home-conflict: one Lookup account homed on different pools by different Group Chat pools.
 * A user account has one home pool; which is right is unknown, so every use is reported and the
 * account's MPOP count is not judged.
 */
public final class LookupHomeConflict extends FolderRule {

	@Override
	public void check(TopologyModel topology, Findings findings) {
		for (List<LookupAccount> uses : RegistrarScopes.conflictingHomes(topology)) {
			for (LookupAccount use : uses) {
				String others = uses.stream().filter(u -> u != use)
						.map(u -> u.getHomePool().getName() + " (" + poolOf(u) + ", " + Describe.location(u) + ")")
						.collect(Collectors.joining(", "));
				findings.report(use, TopologyPackage.eINSTANCE.getLookupAccount_HomePool(), "Lookup account " + use.getUri()
						+ " is homed on " + use.getHomePool().getName() + " here but on " + others + ": a user account"
						+ " has one home pool, so the Lookup services of one of these Group Chat pools register where the"
						+ " account does not live and fail to sign in. Home every use on the same pool.");
			}
		}
	}

	private static String poolOf(LookupAccount account) {
		GroupChatPool pool = EcoreUtil2.getContainerOfType(account, GroupChatPool.class);
		return pool == null ? "?" : "Group Chat pool " + pool.getName();
	}
}
