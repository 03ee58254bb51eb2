package org.ocs.topology.rules.addressing;

import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.ocs.topology.analysis.net.AddressText;
import org.ocs.topology.rules.DeclarationRule;
import org.ocs.topology.rules.Findings;
import org.ocs.topology.rules.Remedy;
import org.ocs.topology.rules.RemedySite;

/**
 * prefix-out-of-range: a prefix length that is not 0 to 32, or a netmask written where the prefix
 * length belongs ({@code /255.255.255.0}), which is said as the prefix length it means.
 */
public final class PrefixOutOfRange extends DeclarationRule<EObject> {

	/** For a netmask: the same network with its prefix length, as the remedy writes it. */
	public record Data(String rewritten) {
	}

	public PrefixOutOfRange() {
		super(EObject.class);
	}

	@Override
	public void check(EObject object, Findings findings) {
		for (WrittenAddress address : WrittenAddress.of(object)) {
			AddressText text = address.text();
			if (text.problem() == AddressText.Problem.PREFIX_OUT_OF_RANGE) {
				Data data = text.netmaskPrefix().isPresent()
						? new Data(address.written().substring(0, address.written().indexOf('/')) + "/"
								+ text.netmaskPrefix().getAsInt())
						: null;
				findings.report(address.owner(), address.feature(), address.index(),
						address.written() + " (" + address.what() + ") " + text.reason() + ".", data);
			}
		}
	}

	/** A netmask is the same network written the other way: nothing to choose. */
	@Override
	public List<Remedy> remedies(RemedySite site) {
		Data data = site.data(Data.class);
		return data == null ? List.of()
				: List.of(Remedy.safe("Write " + data.rewritten(), new Remedy.ReplaceFinding(data.rewritten())));
	}
}
