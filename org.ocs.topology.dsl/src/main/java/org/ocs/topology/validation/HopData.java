package org.ocs.topology.validation;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.util.LineAndColumn;

/**
 * One hop of a trace as issue data, so that the language server can point at every declaration on
 * the path (related information) and quick fixes can find them, without re-running the analysis:
 * {@code <object URI> TAB <startLine>:<startColumn>:<endLine>:<endColumn> TAB <why>}, positions
 * 0-based as in LSP.
 */
public record HopData(String objectUri, int startLine, int startColumn, int endLine, int endColumn, String why) {

	public static String encode(EObject declaration, String why) {
		ICompositeNode node = NodeModelUtils.getNode(declaration);
		String range = "0:0:0:0";
		if (node != null) {
			LineAndColumn start = NodeModelUtils.getLineAndColumn(node, node.getOffset());
			LineAndColumn end = NodeModelUtils.getLineAndColumn(node, node.getEndOffset());
			range = (start.getLine() - 1) + ":" + (start.getColumn() - 1) + ":" + (end.getLine() - 1) + ":"
					+ (end.getColumn() - 1);
		}
		return uriOf(declaration) + "\t" + range + "\t" + why;
	}

	/**
	 * EcoreUtil.getURI's text, without the URI object: appending a fragment made a URI, a weak
	 * reference and an entry in EMF's string pool for every hop of every finding (a tenth of the
	 * checks of a 100,000-line folder, whose hairpins have thousands of hops).
	 */
	private static String uriOf(EObject declaration) {
		org.eclipse.emf.ecore.resource.Resource resource = declaration.eResource();
		if (resource == null || declaration.eIsProxy()) {
			return EcoreUtil.getURI(declaration).toString();
		}
		return resource.getURI().toString() + "#" + resource.getURIFragment(declaration);
	}

	/** Null when the text is not a hop entry (the leading fields of the data are not). */
	public static HopData decode(String text) {
		String[] parts = text == null ? new String[0] : text.split("\t", 3);
		if (parts.length != 3 || !parts[0].contains("#")) {
			return null;
		}
		String[] range = parts[1].split(":");
		if (range.length != 4) {
			return null;
		}
		try {
			return new HopData(parts[0], Integer.parseInt(range[0]), Integer.parseInt(range[1]),
					Integer.parseInt(range[2]), Integer.parseInt(range[3]), parts[2]);
		} catch (NumberFormatException e) {
			return null;
		}
	}

	/** The file part of the object URI. */
	public String fileUri() {
		int hash = objectUri.indexOf('#');
		return hash < 0 ? objectUri : objectUri.substring(0, hash);
	}
}
