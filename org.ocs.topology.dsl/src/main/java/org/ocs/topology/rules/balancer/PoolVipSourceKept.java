package org.ocs.topology.rules.balancer;

import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.EcoreUtil2;
import org.ocs.topology.rules.Findings;
import org.ocs.topology.rules.FolderRule;
import org.ocs.topology.rules.Remedy;
import org.ocs.topology.rules.RemedySite;
import org.ocs.topology.topology.SourceTranslation;
import org.ocs.topology.topology.StandardVirtualServer;
import org.ocs.topology.topology.TopologyPackage;
import org.ocs.topology.topology.TranslationKind;
import org.ocs.topology.validation.TopologyModel;

/** pool-vip-source-kept: an OCS 2007 R2 pool VIP without SNAT, which Microsoft does not support. */
public final class PoolVipSourceKept extends FolderRule {

	private static final TopologyPackage P = TopologyPackage.eINSTANCE;

	@Override
	public void check(TopologyModel topology, Findings findings) {
		for (R2PoolVips pair : R2PoolVips.of(topology)) {
			StandardVirtualServer vip = pair.vip();
			SourceTranslation translation = vip.getTranslation();
			if (translation == null || translation.getKind() == null || translation.getKind() == TranslationKind.NONE) {
				EObject on = translation != null ? translation : vip;
				findings.report(on, translation != null ? P.getSourceTranslation_Kind() : P.getVirtualServer_Name(),
						"Virtual server " + vip.getName() + " of pool " + pair.pool().getName() + " keeps the client's"
								+ " source address: for OCS 2007 R2 internal pools Microsoft supports only SNAT on the pool"
								+ " VIP, because servers of the pool fail to reach their own VIP otherwise; use 'source"
								+ " translation automap' or a SNAT pool.");
			}
		}
	}

	@Override
	public List<Remedy> remedies(RemedySite site) {
		if (site.object() instanceof SourceTranslation translation) {
			return List.of(Remedy.of("Translate the source with automap (SNAT)",
					new Remedy.ReplaceFeature(translation, P.getSourceTranslation_Kind(), "automap")));
		}
		StandardVirtualServer vs = EcoreUtil2.getContainerOfType(site.object(), StandardVirtualServer.class);
		if (vs != null) {
			return List.of(Remedy.of("Add 'source translation automap' (SNAT) to " + vs.getName(),
					new Remedy.InsertIntoBlock(vs, List.of("source translation automap"))));
		}
		return List.of();
	}
}
