package org.ocs.topology.rules.addressing;

import org.eclipse.emf.ecore.EObject;
import org.ocs.topology.analysis.net.AddressText;
import org.ocs.topology.rules.DeclarationRule;
import org.ocs.topology.rules.Findings;

/** address-malformed: an IPv4 address that is not four numbers 0 to 255. */
public final class AddressMalformed extends DeclarationRule<EObject> {

	public AddressMalformed() {
		super(EObject.class);
	}

	@Override
	public void check(EObject object, Findings findings) {
		for (WrittenAddress address : WrittenAddress.of(object)) {
			AddressText text = address.text();
			if (text.problem() == AddressText.Problem.MALFORMED_ADDRESS) {
				findings.report(address.owner(), address.feature(), address.index(),
						address.written() + " (" + address.what() + ") " + text.reason() + ".", null);
			}
		}
	}
}
