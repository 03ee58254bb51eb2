package org.ocs.topology.ide.highlighting;

import java.util.HashSet;
import java.util.Set;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.Keyword;
import org.eclipse.xtext.RuleCall;
import org.eclipse.xtext.TerminalRule;
import org.eclipse.xtext.ide.editor.syntaxcoloring.IHighlightedPositionAcceptor;
import org.eclipse.xtext.ide.editor.syntaxcoloring.ISemanticHighlightingCalculator;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;
import org.ocs.topology.topology.TopologyPackage;

/**
 * Semantic tokens (LSP token type names as style IDs): declarations and references by what they
 * name (site = namespace, server = class, pool = type, balancer = struct, virtual server =
 * property, subnet = variable), keywords, addresses and numbers, SIP URIs, comments.
 */
public class TopologySemanticHighlighting implements ISemanticHighlightingCalculator {

	private static final TopologyPackage P = TopologyPackage.eINSTANCE;

	@Override
	public void provideHighlightingFor(XtextResource resource, IHighlightedPositionAcceptor acceptor,
			CancelIndicator cancelIndicator) {
		if (resource == null || resource.getParseResult() == null) {
			return;
		}
		Set<Integer> covered = new HashSet<>();
		for (var contents = resource.getAllContents(); contents.hasNext();) {
			EObject object = contents.next();
			String type = typeOf(object.eClass());
			EStructuralFeature name = object.eClass().getEStructuralFeature("name");
			if (type != null && name != null) {
				for (INode node : NodeModelUtils.findNodesForFeature(object, name)) {
					accept(acceptor, covered, node, type, "declaration");
				}
			}
			for (EReference reference : object.eClass().getEAllReferences()) {
				if (reference.isContainment()) {
					continue;
				}
				String target = typeOf(reference.getEReferenceType());
				for (INode node : NodeModelUtils.findNodesForFeature(object, reference)) {
					accept(acceptor, covered, node, target == null ? "variable" : target);
				}
			}
		}
		for (ILeafNode leaf : resource.getParseResult().getRootNode().getLeafNodes()) {
			if (covered.contains(leaf.getOffset()) || leaf.getLength() == 0) {
				continue;
			}
			String type = null;
			if (leaf.isHidden()) {
				type = leaf.getText().startsWith("//") || leaf.getText().startsWith("/*") ? "comment" : null;
			} else if (leaf.getGrammarElement() instanceof Keyword keyword && Character.isLetter(keyword.getValue().charAt(0))) {
				type = "keyword";
			} else if (leaf.getGrammarElement() instanceof RuleCall call && call.getRule() instanceof TerminalRule terminal) {
				type = switch (terminal.getName()) {
					case "ADDRESS", "INT" -> "number";
					case "SIP_URI" -> "string";
					default -> null;
				};
			}
			if (type != null) {
				acceptor.addPosition(leaf.getOffset(), leaf.getLength(), type);
			}
		}
	}

	private static void accept(IHighlightedPositionAcceptor acceptor, Set<Integer> covered, INode node, String... styles) {
		for (ILeafNode leaf : node.getLeafNodes()) {
			if (!leaf.isHidden()) {
				covered.add(leaf.getOffset());
			}
		}
		acceptor.addPosition(node.getOffset(), node.getLength(), styles);
	}

	private static String typeOf(EClass type) {
		if (P.getSite().isSuperTypeOf(type)) return "namespace";
		if (P.getServer().isSuperTypeOf(type)) return "class";
		if (P.getPool().isSuperTypeOf(type)) return "type";
		if (P.getLoadBalancer().isSuperTypeOf(type)) return "struct";
		if (P.getVirtualServer().isSuperTypeOf(type)) return "property";
		if (P.getSubnet().isSuperTypeOf(type)) return "variable";
		if (P.getTopology().isSuperTypeOf(type)) return "namespace";
		return null;
	}
}
