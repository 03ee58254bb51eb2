package org.ocs.topology.formatting2;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.formatting2.AbstractFormatter2;
import org.eclipse.xtext.formatting2.IFormattableDocument;
import org.eclipse.xtext.formatting2.regionaccess.IEObjectRegion;
import org.eclipse.xtext.formatting2.regionaccess.IHiddenRegion;
import org.eclipse.xtext.formatting2.regionaccess.ISemanticRegion;
import org.eclipse.xtext.formatting2.regionaccess.ISemanticRegionsFinder;
import org.eclipse.xtext.resource.XtextResource;
import org.ocs.topology.topology.TopologyPackage;

/**
 * One canonical layout: one declaration or setting per line, blocks indented by one level, at
 * most one blank line kept between lines, one space between words, none before a comma.
 * Each gap between two tokens is decided exactly once, so no two rules can conflict, and
 * comments stay where they are.
 */
public class TopologyFormatter extends AbstractFormatter2 {

	private static final TopologyPackage P = TopologyPackage.eINSTANCE;

	/**
	 * Settings that are not objects of their own but start a line inside their block, by the
	 * keyword that opens them.
	 */
	private static final Map<EClass, String[]> LINE_KEYWORDS = Map.of(
			P.getTopology(), new String[] { "product", "sip" },
			P.getEnterprisePool(), new String[] { "front", "back" },
			P.getStandardEditionPool(), new String[] { "server" },
			P.getDirectorPool(), new String[] { "servers" },
			P.getEdgePool(), new String[] { "servers" },
			P.getMediationPool(), new String[] { "servers" },
			P.getGroupChatPool(), new String[] { "servers", "database", "compliance" },
			P.getRegistrarSetting(), new String[] { "max" },
			P.getLoadBalancer(), new String[] { "tcp", "persistence" },
			P.getStandardVirtualServer(), new String[] { "members", "persistence" });

	@Override
	public void format(Object object, IFormattableDocument document) {
		if (object instanceof XtextResource resource && !resource.getContents().isEmpty()) {
			formatModel(resource.getContents().get(0), document);
		} else if (object instanceof EObject root && root.eContainer() == null) {
			formatModel(root, document);
		}
	}

	private void formatModel(EObject root, IFormattableDocument document) {
		IEObjectRegion rootRegion = textRegionExtensions.regionForEObject(root);
		if (rootRegion == null) {
			return;
		}
		Set<ISemanticRegion> lineStarts = new HashSet<>();
		root.eAllContents().forEachRemaining(object -> {
			IEObjectRegion region = textRegionExtensions.regionForEObject(object);
			if (region != null && region.getPreviousHiddenRegion() != null) {
				ISemanticRegion first = region.getPreviousHiddenRegion().getNextSemanticRegion();
				if (first != null) {
					lineStarts.add(first);
				}
			}
			ISemanticRegionsFinder own = textRegionExtensions.regionFor(object);
			String[] keywords = LINE_KEYWORDS.get(object.eClass());
			if (keywords != null) {
				lineStarts.addAll(own.keywords(keywords));
			}
			ISemanticRegion open = own.keyword("{");
			ISemanticRegion close = own.keyword("}");
			if (open != null && close != null) {
				document.interior(open, close, it -> it.indent());
			}
		});
		for (EObject top : root.eContents()) {
			IEObjectRegion region = textRegionExtensions.regionForEObject(top);
			if (region != null && region.getPreviousHiddenRegion() != null
					&& region.getPreviousHiddenRegion().getNextSemanticRegion() != null) {
				lineStarts.add(region.getPreviousHiddenRegion().getNextSemanticRegion());
			}
		}

		List<ISemanticRegion> tokens = com.google.common.collect.Lists.newArrayList(rootRegion.getAllSemanticRegions());
		if (tokens.isEmpty()) {
			return;
		}
		document.set(tokens.get(0).getPreviousHiddenRegion(), it -> it.setNewLines(0, 0, 0));
		for (int i = 1; i < tokens.size(); i++) {
			ISemanticRegion previous = tokens.get(i - 1);
			ISemanticRegion next = tokens.get(i);
			IHiddenRegion gap = next.getPreviousHiddenRegion();
			String before = previous.getText();
			String after = next.getText();
			if (after.equals("}")) {
				document.set(gap, it -> it.setNewLines(1));
			} else if (before.equals("{")) {
				document.set(gap, it -> it.setNewLines(1));
			} else if (after.equals(",")) {
				document.set(gap, it -> it.noSpace());
			} else if (after.equals("{")) {
				document.set(gap, it -> it.oneSpace());
			} else if (lineStarts.contains(next) || before.equals("}")) {
				// Keep one blank line where the author left one, never more.
				document.set(gap, it -> it.setNewLines(1, 1, 2));
			} else {
				document.set(gap, it -> it.oneSpace());
			}
		}
		document.set(tokens.get(tokens.size() - 1).getNextHiddenRegion(), it -> it.setNewLines(1));
	}
}
