package org.ocs.topology.rules.language;

import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.ocs.topology.rules.DeclarationRule;
import org.ocs.topology.rules.Findings;
import org.ocs.topology.validation.Describe;

/** setting-repeated: a single-valued setting written twice in one block; the parser keeps only the last. */
public final class SettingRepeated extends DeclarationRule<EObject> {

	public SettingRepeated() {
		super(EObject.class);
	}

	@Override
	public void check(EObject object, Findings findings) {
		for (EStructuralFeature feature : object.eClass().getEAllStructuralFeatures()) {
			if (feature.isMany() || feature.isDerived() || feature.isTransient()) {
				continue;
			}
			List<INode> nodes = NodeModelUtils.findNodesForFeature(object, feature);
			for (INode repeated : nodes.subList(Math.min(1, nodes.size()), nodes.size())) {
				findings.reportRange(object, repeated.getOffset(), repeated.getLength(),
						"'" + NodeModelUtils.getTokenText(nodes.get(0)) + "' and '" + NodeModelUtils.getTokenText(repeated)
								+ "' both set the " + Describe.words(feature.getName()) + " of " + Describe.of(object)
								+ "; only one may be written.", null);
			}
		}
	}
}
