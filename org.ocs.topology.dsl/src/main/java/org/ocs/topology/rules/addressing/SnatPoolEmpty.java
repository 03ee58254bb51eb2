package org.ocs.topology.rules.addressing;

import org.ocs.topology.rules.DeclarationRule;
import org.ocs.topology.rules.Findings;
import org.ocs.topology.topology.ForwardingVirtualServer;
import org.ocs.topology.topology.SourceTranslation;
import org.ocs.topology.topology.TopologyPackage;
import org.ocs.topology.topology.TranslationKind;
import org.ocs.topology.topology.VirtualServer;

/** snat-pool-empty: a virtual server translating to a SNAT pool that lists no address. */
public final class SnatPoolEmpty extends DeclarationRule<SourceTranslation> {

	public SnatPoolEmpty() {
		super(SourceTranslation.class);
	}

	@Override
	public void check(SourceTranslation translation, Findings findings) {
		if (translation.getKind() == TranslationKind.SNAT_POOL && translation.getSnatAddresses().isEmpty()
				&& translation.eContainer() instanceof VirtualServer vs) {
			String owner = (vs instanceof ForwardingVirtualServer ? "Forwarding virtual server " : "Virtual server ")
					+ vs.getName();
			findings.report(translation, TopologyPackage.eINSTANCE.getSourceTranslation_Kind(), owner
					+ " translates the source with a SNAT pool but lists no address: the BIG-IP has nothing to translate"
					+ " to, so its traffic is not sent. List the pool's addresses ('source translation snat 192.0.2.50,"
					+ " 192.0.2.51') or use automap.");
		}
	}
}
