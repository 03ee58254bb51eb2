package org.ocs.topology.rules.addressing;

import org.eclipse.emf.ecore.EObject;
import org.ocs.topology.rules.DeclarationRule;
import org.ocs.topology.rules.Findings;
import org.ocs.topology.validation.Describe;

/** address-outside-subnet: an interface or self IP outside the subnet it is declared on. */
public final class AddressOutsideSubnet extends DeclarationRule<EObject> {

	public AddressOutsideSubnet() {
		super(EObject.class);
	}

	@Override
	public void check(EObject object, Findings findings) {
		HostAddressOnSubnet host = HostAddressOnSubnet.of(object);
		if (host != null && host.range() != null && !host.range().contains(host.text().address())) {
			findings.report(object, host.address().feature(), Describe.capitalize(Describe.of(object))
					+ " is declared on subnet " + host.subnet().getName() + " (" + host.range().networkCidr()
					+ ") but lies outside it: nothing on that subnet can reach it.");
		}
	}
}
