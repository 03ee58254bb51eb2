package org.ocs.topology.rules.addressing;

import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.ocs.topology.rules.DeclarationRule;
import org.ocs.topology.rules.Findings;
import org.ocs.topology.rules.Remedy;
import org.ocs.topology.rules.RemedySite;
import org.ocs.topology.validation.Describe;

/** prefix-mismatch: an interface written with a prefix length its subnet does not have. */
public final class PrefixMismatch extends DeclarationRule<EObject> {

	/** The address without the prefix length, which the subnet then gives. */
	public record Data(String address) {
	}

	public PrefixMismatch() {
		super(EObject.class);
	}

	@Override
	public void check(EObject object, Findings findings) {
		HostAddressOnSubnet host = HostAddressOnSubnet.of(object);
		if (host != null && host.range() != null && host.range().contains(host.text().address())
				&& host.text().prefixLength().isPresent()
				&& host.text().prefixLength().getAsInt() != host.range().prefixLength()) {
			findings.report(object, host.address().feature(), Findings.WHOLE_FEATURE,
					Describe.capitalize(Describe.of(object)) + " is written with /" + host.text().prefixLength().getAsInt()
							+ " but subnet " + host.subnet().getName() + " is " + host.range().networkCidr()
							+ ": the server's on-link range would differ from its neighbours'.",
					new Data(host.text().address().toString()));
		}
	}

	@Override
	public List<Remedy> remedies(RemedySite site) {
		Data data = site.data(Data.class);
		return data == null ? List.of()
				: List.of(Remedy.of("Take the prefix length from the subnet: write " + data.address(),
						new Remedy.ReplaceFinding(data.address())));
	}
}
