package org.ocs.topology.rules.addressing;

import org.eclipse.emf.ecore.EObject;
import org.ocs.topology.analysis.net.AddressText;
import org.ocs.topology.analysis.net.Cidr;
import org.ocs.topology.topology.Subnet;

/** An interface or self IP address checked against the subnet it is declared on. */
record HostAddressOnSubnet(WrittenAddress address, AddressText text, Subnet subnet, Cidr range) {

	/** The host address of an interface or self IP, when it is usable; its subnet's range if it has one. */
	static HostAddressOnSubnet of(EObject object) {
		for (WrittenAddress address : WrittenAddress.of(object)) {
			if (address.use() == WrittenAddress.Use.HOST) {
				AddressText text = address.usable();
				if (text == null) {
					return null;
				}
				Subnet subnet = PrefixMissing.subnetOf(object);
				return new HostAddressOnSubnet(address, text, subnet, WrittenAddress.rangeOf(subnet));
			}
		}
		return null;
	}
}
