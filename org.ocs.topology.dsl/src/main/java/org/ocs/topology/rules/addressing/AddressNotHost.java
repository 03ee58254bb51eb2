package org.ocs.topology.rules.addressing;

import org.eclipse.emf.ecore.EObject;
import org.ocs.topology.analysis.net.Cidr;
import org.ocs.topology.rules.DeclarationRule;
import org.ocs.topology.rules.Findings;
import org.ocs.topology.validation.Describe;

/** address-not-host: an interface or self IP on its network's network or broadcast address. */
public final class AddressNotHost extends DeclarationRule<EObject> {

	public AddressNotHost() {
		super(EObject.class);
	}

	@Override
	public void check(EObject object, Findings findings) {
		HostAddressOnSubnet host = HostAddressOnSubnet.of(object);
		if (host == null) {
			return;
		}
		if (host.range() != null) {
			boolean inside = host.range().contains(host.text().address());
			boolean samePrefix = host.text().prefixLength().isEmpty()
					|| host.text().prefixLength().getAsInt() == host.range().prefixLength();
			// Outside the subnet or with another prefix, the other rules speak first.
			if (inside && samePrefix && host.range().isNetworkOrBroadcast(host.text().address())) {
				findings.report(object, host.address().feature(), what(object) + " is the network or broadcast address of subnet "
						+ host.subnet().getName() + " (" + host.range().networkCidr() + ") and cannot be assigned to a host.");
			}
		} else if (host.subnet() == null && host.text().cidr() != null) {
			Cidr own = host.text().cidr();
			if (own.isNetworkOrBroadcast(host.text().address())) {
				findings.report(object, host.address().feature(), what(object) + " is the network or broadcast address of "
						+ own.networkCidr() + " and cannot be assigned to a host.");
			}
		}
	}

	/** The object in the message's words: made only for a finding (every interface and self IP is checked). */
	private static String what(EObject object) {
		return Describe.capitalize(Describe.of(object));
	}
}
