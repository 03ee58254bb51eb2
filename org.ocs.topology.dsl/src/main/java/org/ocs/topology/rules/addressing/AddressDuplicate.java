package org.ocs.topology.rules.addressing;

import java.util.stream.Collectors;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.ocs.topology.analysis.net.AddressOwnership;
import org.ocs.topology.analysis.net.AddressText;
import org.ocs.topology.rules.Findings;
import org.ocs.topology.rules.FolderRule;
import org.ocs.topology.topology.NetworkInterface;
import org.ocs.topology.topology.SelfIp;
import org.ocs.topology.topology.SourceTranslation;
import org.ocs.topology.topology.StandardVirtualServer;
import org.ocs.topology.topology.TopologyPackage;
import org.ocs.topology.validation.Describe;
import org.ocs.topology.validation.TopologyModel;

/** address-duplicate: one address owned twice (interfaces, self IPs, VIPs, SNAT addresses). */
public final class AddressDuplicate extends FolderRule {

	private static final TopologyPackage P = TopologyPackage.eINSTANCE;

	@Override
	public void check(TopologyModel topology, Findings findings) {
		AddressOwnership<EObject> ownership = new AddressOwnership<>();
		topology.contents().forEach(object -> {
			if (object instanceof NetworkInterface nic) {
				addOwner(ownership, nic.getAddress(), nic, nic);
			} else if (object instanceof SelfIp selfIp) {
				addOwner(ownership, selfIp.getAddress(), selfIp, selfIp);
			} else if (object instanceof StandardVirtualServer vs) {
				// Virtual servers of one balancer share a VIP, one per port.
				addOwner(ownership, vs.getAddress(), vs.eContainer(), vs);
			} else if (object instanceof SourceTranslation translation) {
				// A SNAT address answers ARP on the balancer: its own virtual servers may share it.
				EObject balancer = translation.eContainer() == null ? null : translation.eContainer().eContainer();
				for (String address : translation.getSnatAddresses()) {
					addOwner(ownership, address, balancer, translation);
				}
			}
		});
		for (AddressOwnership.Conflict<EObject> conflict : ownership.conflicts()) {
			for (AddressOwnership.Owner<EObject> owner : conflict.owners()) {
				EObject object = owner.source();
				String others = conflict.owners().stream().filter(o -> o.sharingKey() != owner.sharingKey())
						.map(o -> Describe.of(o.source()) + " (" + Describe.location(o.source()) + ")")
						.collect(Collectors.joining(", "));
				findings.report(object, addressFeatureOf(object), "Address " + conflict.address() + " is owned by "
						+ Describe.of(object) + " and by " + others
						+ ": both answer ARP for it, so traffic for one reaches the other.");
			}
		}
	}

	private static void addOwner(AddressOwnership<EObject> ownership, String address, Object sharingKey, EObject source) {
		AddressText text = AddressText.parse(address);
		if (text.isValid()) {
			ownership.add(text.address(), sharingKey, source);
		}
	}

	private static EStructuralFeature addressFeatureOf(EObject object) {
		if (object instanceof NetworkInterface) return P.getNetworkInterface_Address();
		if (object instanceof SelfIp) return P.getSelfIp_Address();
		if (object instanceof SourceTranslation) return P.getSourceTranslation_SnatAddresses();
		return P.getStandardVirtualServer_Address();
	}
}
