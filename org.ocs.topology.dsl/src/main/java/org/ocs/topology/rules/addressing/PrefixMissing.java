package org.ocs.topology.rules.addressing;

import org.eclipse.emf.ecore.EObject;
import org.ocs.topology.analysis.net.AddressText;
import org.ocs.topology.rules.DeclarationRule;
import org.ocs.topology.rules.Findings;
import org.ocs.topology.topology.NetworkInterface;
import org.ocs.topology.topology.SelfIp;
import org.ocs.topology.topology.Subnet;
import org.ocs.topology.validation.Describe;

/**
 * prefix-missing: a network written without its prefix length, or a host address with neither a
 * prefix length nor a subnet to give it: the networks it reaches directly are unknown.
 */
public final class PrefixMissing extends DeclarationRule<EObject> {

	public PrefixMissing() {
		super(EObject.class);
	}

	@Override
	public void check(EObject object, Findings findings) {
		for (WrittenAddress address : WrittenAddress.of(object)) {
			AddressText text = address.text();
			if (!text.isValid() || text.prefixLength().isPresent()) {
				continue;
			}
			if (address.use() == WrittenAddress.Use.NETWORK) {
				findings.report(address.owner(), address.feature(), address.index(), address.written() + " ("
						+ address.what() + ") is a network and needs a prefix length, e.g. " + address.written() + "/24.",
						null);
			} else if (address.use() == WrittenAddress.Use.HOST && subnetOf(object) == null) {
				findings.report(address.owner(), address.feature(), Describe.capitalize(Describe.of(object))
						+ " has no prefix length and no subnet, so the networks it reaches directly are unknown: write "
						+ text.address() + "/<prefix> or add 'on <subnet>'.");
			}
		}
	}

	static Subnet subnetOf(EObject object) {
		if (object instanceof NetworkInterface nic) {
			return nic.getSubnet();
		}
		return object instanceof SelfIp selfIp ? selfIp.getSubnet() : null;
	}
}
