package org.ocs.topology.rules.addressing;

import org.eclipse.emf.ecore.EObject;
import org.ocs.topology.analysis.net.AddressText;
import org.ocs.topology.rules.DeclarationRule;
import org.ocs.topology.rules.Findings;

/** prefix-out-of-range: a prefix length that is not 0 to 32. */
public final class PrefixOutOfRange extends DeclarationRule<EObject> {

	public PrefixOutOfRange() {
		super(EObject.class);
	}

	@Override
	public void check(EObject object, Findings findings) {
		for (WrittenAddress address : WrittenAddress.of(object)) {
			AddressText text = address.text();
			if (text.problem() == AddressText.Problem.PREFIX_OUT_OF_RANGE) {
				findings.report(address.owner(), address.feature(), address.index(),
						address.written() + " (" + address.what() + ") " + text.reason() + ".", null);
			}
		}
	}
}
