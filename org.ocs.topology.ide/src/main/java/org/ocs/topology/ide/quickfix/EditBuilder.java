package org.ocs.topology.ide.quickfix;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.ILanguageServerAccess;
import org.eclipse.xtext.ide.server.TextEditAcceptor;
import org.eclipse.xtext.ide.server.UriExtensions;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;

/**
 * Minimal text edits against the text of any file of the topology, located through the node
 * model: only the tokens that change are touched, so comments and layout stay.
 */
final class EditBuilder {

	private final UriExtensions uris;
	private final Map<String, List<TextEdit>> changes = new LinkedHashMap<>();

	EditBuilder(UriExtensions uris) {
		this.uris = uris;
	}

	/** Replaces the text of a feature's value (the first node of it). */
	EditBuilder replaceFeature(EObject object, EStructuralFeature feature, String text) {
		List<INode> nodes = NodeModelUtils.findNodesForFeature(object, feature);
		if (!nodes.isEmpty()) {
			INode node = nodes.get(0);
			replace(object.eResource(), node.getOffset(), node.getEndOffset(), text);
		}
		return this;
	}

	/** Inserts text right after the last value of a feature (", 444" after a port list's last number). */
	EditBuilder appendToFeature(EObject object, EStructuralFeature feature, String text) {
		List<INode> nodes = NodeModelUtils.findNodesForFeature(object, feature);
		if (!nodes.isEmpty()) {
			int end = nodes.get(nodes.size() - 1).getEndOffset();
			replace(object.eResource(), end, end, text);
		}
		return this;
	}

	/** Inserts lines before the closing brace of a declaration's block, indented one level deeper. */
	EditBuilder insertIntoBlock(EObject declaration, List<String> lines) {
		ICompositeNode node = NodeModelUtils.getNode(declaration);
		if (node == null) {
			return this;
		}
		String text = node.getText();
		int close = text.lastIndexOf('}');
		String indent = indentationOf(declaration);
		StringBuilder inserted = new StringBuilder();
		if (close < 0) {
			// A one-line declaration ("server fe1.contoso.com"): give it a block.
			inserted.append(" {\n");
			for (String line : lines) {
				inserted.append(indent).append("    ").append(line).append('\n');
			}
			inserted.append(indent).append('}');
			int end = node.getEndOffset();
			replace(declaration.eResource(), end, end, inserted.toString());
			return this;
		}
		int closeOffset = node.getTotalOffset() + close;
		for (String line : lines) {
			inserted.append("    ").append(line).append('\n').append(indent);
		}
		replace(declaration.eResource(), closeOffset, closeOffset, inserted.toString());
		return this;
	}

	/** Inserts a whole declaration after another, at the same indentation. */
	EditBuilder insertAfter(EObject declaration, List<String> lines) {
		ICompositeNode node = NodeModelUtils.getNode(declaration);
		if (node == null) {
			return this;
		}
		String indent = indentationOf(declaration);
		StringBuilder inserted = new StringBuilder("\n");
		for (String line : lines) {
			inserted.append('\n').append(line.isEmpty() ? "" : indent + line);
		}
		replace(declaration.eResource(), node.getEndOffset(), node.getEndOffset(), inserted.toString());
		return this;
	}

	/**
	 * Deletes a declaration (or a comment): with its whole line when it stands alone on it,
	 * otherwise only its own text and the blanks before it, so that nothing else on the line goes.
	 */
	EditBuilder delete(Resource resource, int offset, int endOffset) {
		String text = textOf(resource);
		int lineStart = text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
		int lineEnd = text.indexOf('\n', endOffset);
		lineEnd = lineEnd < 0 ? text.length() : lineEnd;
		boolean aloneOnLine = text.substring(lineStart, offset).isBlank() && text.substring(endOffset, lineEnd).isBlank();
		if (aloneOnLine) {
			replace(resource, lineStart, Math.min(text.length(), lineEnd + 1), "");
			return this;
		}
		int start = offset;
		while (start > lineStart && (text.charAt(start - 1) == ' ' || text.charAt(start - 1) == '\t')) {
			start--;
		}
		replace(resource, start, endOffset, "");
		return this;
	}

	EditBuilder replace(Resource resource, int offset, int endOffset, String text) {
		String current = textOf(resource);
		Document document = new Document(1, current);
		Range range = new Range(position(document, offset), position(document, endOffset));
		// Lines inserted in a file written with CRLF (Windows editors) get CRLF too.
		String inserted = "\r\n".equals(org.ocs.topology.formatting2.TopologyFormatting.lineSeparator(current))
				? text.replaceAll("(?<!\r)\n", "\r\n") : text;
		changes.computeIfAbsent(uris.toUriString(resource.getURI()), u -> new ArrayList<>()).add(new TextEdit(range, inserted));
		return this;
	}

	boolean isEmpty() {
		return changes.isEmpty();
	}

	/**
	 * The edit in the form the client asked for: versioned document changes if it takes them, each
	 * with the version the client gave the file (none for a file that is not open), else changes.
	 */
	WorkspaceEdit build(ILanguageServerAccess access) {
		WorkspaceEdit edit = new WorkspaceEdit();
		TextEditAcceptor acceptor = new TextEditAcceptor(edit, access);
		changes.forEach((uri, edits) -> acceptor.accept(uri, documentOf(access, uri), edits));
		if (edit.getDocumentChanges() != null) {
			edit.setChanges(null);
		}
		return edit;
	}

	private static Document documentOf(ILanguageServerAccess access, String uri) {
		Document document = null;
		if (access != null) {
			try {
				document = access.doSyncRead(uri, ILanguageServerAccess.Context::getDocument);
			} catch (RuntimeException gone) {
				// not in the workspace (any more): no version to claim
			}
		}
		return document != null ? document : new Document(null, "");
	}

	private static Position position(Document document, int offset) {
		return document.getPosition(offset);
	}

	static String textOf(Resource resource) {
		return resource instanceof XtextResource xtext && xtext.getParseResult() != null
				? xtext.getParseResult().getRootNode().getText()
				: "";
	}

	/** The whitespace that starts the declaration's first line. */
	static String indentationOf(EObject declaration) {
		ICompositeNode node = NodeModelUtils.getNode(declaration);
		String text = textOf(declaration.eResource());
		int lineStart = text.lastIndexOf('\n', Math.max(0, node.getOffset() - 1)) + 1;
		int i = lineStart;
		while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
			i++;
		}
		return text.substring(lineStart, i);
	}
}
