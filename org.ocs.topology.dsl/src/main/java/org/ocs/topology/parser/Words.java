package org.ocs.topology.parser;

import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

/**
 * The words (leaves that are not white space or comments) next to a position of a parsed file,
 * found by walking the node tree from there: the cost does not grow with the file's length, which
 * matters where a file has thousands of syntax errors.
 */
public final class Words {

	private Words() {
	}

	/** The last word that ends at or before an offset, if any. */
	public static ILeafNode before(ICompositeNode root, int offset) {
		INode node = offset == 0 ? null : NodeModelUtils.findLeafNodeAtOffset(root, offset - 1);
		while (node != null) {
			if (node instanceof ILeafNode leaf && !leaf.isHidden() && leaf.getEndOffset() <= offset) {
				return leaf;
			}
			node = previousLeaf(node);
		}
		return null;
	}

	/** The first word that starts at or after an offset, if any. */
	public static ILeafNode after(ICompositeNode root, int offset) {
		INode node = NodeModelUtils.findLeafNodeAtOffset(root, offset);
		while (node != null) {
			if (node instanceof ILeafNode leaf && !leaf.isHidden() && leaf.getOffset() >= offset) {
				return leaf;
			}
			node = nextLeaf(node);
		}
		return null;
	}

	private static INode previousLeaf(INode node) {
		INode current = node;
		while (current != null && !current.hasPreviousSibling()) {
			current = current.getParent();
		}
		if (current == null) {
			return null;
		}
		INode previous = current.getPreviousSibling();
		while (previous instanceof ICompositeNode composite && composite.getLastChild() != null) {
			previous = composite.getLastChild();
		}
		return previous;
	}

	private static INode nextLeaf(INode node) {
		INode current = node;
		while (current != null && !current.hasNextSibling()) {
			current = current.getParent();
		}
		if (current == null) {
			return null;
		}
		INode next = current.getNextSibling();
		while (next instanceof ICompositeNode composite && composite.getFirstChild() != null) {
			next = composite.getFirstChild();
		}
		return next;
	}

	/**
	 * A word as a message may show it: control characters and what was not text (random bytes, a
	 * binary file) escaped as backslash-u and four hex digits; at most 40 characters.
	 */
	public static String printable(String word) {
		String shown = escaped(word.length() > 40 ? word.substring(0, 40) : word);
		return word.length() > 40 ? shown + "..." : shown;
	}

	/** A text with its control characters, and what was not text, escaped. */
	public static String escaped(String text) {
		StringBuilder shown = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
			if (pair) {
				shown.append(c).append(text.charAt(++i));
			} else if (Character.isISOControl(c) || Character.isSurrogate(c) || c == '\uFFFD' || c == '\uFEFF'
					|| !Character.isDefined(c)) {
				shown.append(String.format("\\u%04X", (int) c));
			} else {
				shown.append(c);
			}
		}
		return shown.toString();
	}
}
