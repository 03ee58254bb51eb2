package org.ocs.topology.rules.addressing;

import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.ocs.topology.analysis.net.AddressText;
import org.ocs.topology.rules.DeclarationRule;
import org.ocs.topology.rules.Findings;
import org.ocs.topology.rules.Remedy;
import org.ocs.topology.rules.RemedySite;

/** prefix-unexpected: a single address (gateway, VIP, record, next hop) written with a prefix length. */
public final class PrefixUnexpected extends DeclarationRule<EObject> {

	/** The address without its prefix length, as the remedy writes it. */
	public record Data(String address) {
	}

	public PrefixUnexpected() {
		super(EObject.class);
	}

	@Override
	public void check(EObject object, Findings findings) {
		for (WrittenAddress address : WrittenAddress.of(object)) {
			AddressText text = address.text();
			if (address.use() == WrittenAddress.Use.SINGLE && text.isValid() && text.prefixLength().isPresent()) {
				findings.report(address.owner(), address.feature(), address.index(), address.written() + " ("
						+ address.what() + ") is a single address, not a network: write " + text.address() + ".",
						new Data(text.address().toString()));
			}
		}
	}

	/** Same meaning, canonical text: nothing to choose. */
	@Override
	public List<Remedy> remedies(RemedySite site) {
		Data data = site.data(Data.class);
		return data == null ? List.of()
				: List.of(Remedy.safe("Write " + data.address(), new Remedy.ReplaceFinding(data.address())));
	}
}
