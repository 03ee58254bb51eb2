package org.ocs.topology.rules.addressing;

import java.util.List;

import org.ocs.topology.analysis.net.AddressText;
import org.ocs.topology.analysis.net.Cidr;
import org.ocs.topology.rules.DeclarationRule;
import org.ocs.topology.rules.Findings;
import org.ocs.topology.rules.Remedy;
import org.ocs.topology.rules.RemedySite;
import org.ocs.topology.topology.Subnet;
import org.ocs.topology.topology.TopologyPackage;

/** subnet-host-bits: a subnet written with host bits set, e.g. 10.0.1.5/24 for 10.0.1.0/24. */
public final class SubnetHostBits extends DeclarationRule<Subnet> {

	/** The subnet's network, as the remedy writes it. */
	public record Data(String network) {
	}

	public SubnetHostBits() {
		super(Subnet.class);
	}

	@Override
	public void check(Subnet subnet, Findings findings) {
		AddressText range = subnet.getRange() == null ? null : AddressText.parse(subnet.getRange());
		if (range != null && range.isValid() && range.cidr() != null && range.cidr().hasHostBits()) {
			Cidr network = range.cidr().networkCidr();
			findings.report(subnet, TopologyPackage.eINSTANCE.getSubnet_Range(), "Subnet " + subnet.getName()
					+ " is written " + subnet.getRange() + ", which has host bits set; its network is " + network + ".",
					new Data(network.toString()));
		}
	}

	/** Same meaning, canonical text: nothing to choose. */
	@Override
	public List<Remedy> remedies(RemedySite site) {
		Data data = site.data(Data.class);
		return data == null ? List.of()
				: List.of(Remedy.safe("Write " + data.network(), new Remedy.ReplaceFinding(data.network())));
	}
}
