package org.ocs.topology.rules.pools;

import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.EcoreUtil2;
import org.ocs.topology.analysis.routing.FlowTrace;
import org.ocs.topology.rules.Findings;
import org.ocs.topology.rules.FolderRule;
import org.ocs.topology.rules.Remedy;
import org.ocs.topology.rules.RemedySite;
import org.ocs.topology.topology.Dns;
import org.ocs.topology.topology.Model;
import org.ocs.topology.validation.TopologyModel;

/** pool-peer-unresolved: a Front End's FQDN resolves to nothing for a peer, so their traffic cannot be checked. */
public final class PoolPeerUnresolved extends FolderRule {

	@Override
	public void check(TopologyModel topology, Findings findings) {
		PoolTrafficFindings.report(topology, findings, FlowTrace.Verdict.UNRESOLVED);
	}

	/**
	 * The A record the message asks for, with the peer's address on the senders' subnet (the one
	 * they reach it by directly); in the folder's dns block, or a new one after the declaration.
	 * Not safe: a peer with several interfaces could be published by another of its addresses.
	 */
	@Override
	public List<Remedy> remedies(RemedySite site) {
		PoolTrafficData data = site.data(PoolTrafficData.class);
		if (data == null || data.peer() == null || data.peerSameSubnetAddress() == null || site.object() == null) {
			return List.of();
		}
		String record = "A " + data.peer() + " -> " + data.peerSameSubnetAddress();
		String label = "Add an A record: " + data.peer() + " -> " + data.peerSameSubnetAddress();
		for (Model model : site.folder()) {
			for (Dns dns : EcoreUtil2.getAllContentsOfType(model, Dns.class)) {
				return List.of(Remedy.of(label, new Remedy.InsertIntoBlock(dns, List.of(record))));
			}
		}
		EObject topLevel = site.object();
		while (topLevel.eContainer() != null && !(topLevel.eContainer() instanceof Model)) {
			topLevel = topLevel.eContainer();
		}
		return List.of(Remedy.of(label, new Remedy.InsertAfter(topLevel, List.of("dns {", "    " + record, "}"))));
	}
}
