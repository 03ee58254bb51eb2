package org.ocs.topology.rules.language;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.Action;
import org.eclipse.xtext.Assignment;
import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.nodemodel.BidiTreeIterator;
import org.eclipse.xtext.nodemodel.ICompositeNode;
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
		Map<String, Integer> written = null;
		for (EStructuralFeature feature : object.eClass().getEAllStructuralFeatures()) {
			if (feature.isMany() || feature.isDerived() || feature.isTransient()) {
				continue;
			}
			// The text of an object whose class may repeat a setting is read once for all its
			// features, and only a feature written twice is looked up again for the nodes to report.
			if (written == null) {
				ICompositeNode node = NodeModelUtils.findActualNodeFor(object);
				if (node == null || node.getGrammarElement() != null
						&& !RepeatableSettings.mayRepeat(object.eClass(), node.getGrammarElement())) {
					return;
				}
				written = timesWritten(object, node);
			}
			if (written.getOrDefault(feature.getName(), 0) < 2) {
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

	/**
	 * How many nodes of the object's text each feature has: the walk of
	 * {@link NodeModelUtils#findNodesForFeature(EObject, EStructuralFeature)}, which does not depend on
	 * the feature, made once, counting for every feature at once.
	 */
	public static Map<String, Integer> timesWritten(EObject object) {
		return timesWritten(object, NodeModelUtils.findActualNodeFor(object));
	}

	private static Map<String, Integer> timesWritten(EObject object, ICompositeNode node) {
		Map<String, Integer> written = new HashMap<>();
		if (node == null) {
			return written;
		}
		BidiTreeIterator<INode> iterator = node.getAsTreeIterable().iterator();
		while (iterator.hasNext()) {
			INode child = iterator.next();
			EObject grammarElement = child.getGrammarElement();
			if (grammarElement == null) {
				continue;
			}
			if (grammarElement instanceof Action action) {
				if (child.getSemanticElement() == object) {
					iterator.next();
					written.merge(String.valueOf(action.getFeature()), 1, Integer::sum);
				} else {
					INode first = ((ICompositeNode) child).getFirstChild();
					while (first.getGrammarElement() instanceof Action) {
						first = ((ICompositeNode) first).getFirstChild();
					}
					Assignment assignment = GrammarUtil.containingAssignment(first.getGrammarElement());
					if (assignment != null) {
						written.merge(String.valueOf(assignment.getFeature()), 1, Integer::sum);
					}
				}
				iterator.prune();
			} else if (child != node) {
				Assignment assignment = GrammarUtil.containingAssignment(grammarElement);
				if (assignment != null) {
					written.merge(String.valueOf(assignment.getFeature()), 1, Integer::sum);
					iterator.prune();
				}
			}
		}
		return written;
	}
}
