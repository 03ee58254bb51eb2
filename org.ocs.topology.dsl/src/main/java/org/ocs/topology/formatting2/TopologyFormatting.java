package org.ocs.topology.formatting2;

import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.formatting2.FormatterPreferenceKeys;
import org.eclipse.xtext.preferences.ITypedPreferenceValues;
import org.eclipse.xtext.preferences.MapBasedPreferenceValues;
import org.ocs.topology.resource.TopologyResource;
import org.eclipse.xtext.formatting2.FormatterPreferences;
import org.eclipse.xtext.formatting2.FormatterRequest;
import org.eclipse.xtext.formatting2.IFormatter2;
import org.eclipse.xtext.formatting2.regionaccess.ITextRegionAccess;
import org.eclipse.xtext.formatting2.regionaccess.ITextReplacement;
import org.eclipse.xtext.formatting2.regionaccess.TextRegionAccessBuilder;
import org.eclipse.xtext.preferences.IPreferenceValuesProvider;
import org.eclipse.xtext.resource.XtextResource;

import org.ocs.topology.topology.StrayText;

import com.google.inject.Inject;
import com.google.inject.Provider;

/** Formats a whole parsed file to text, the way the editor's "format document" does. */
public class TopologyFormatting {

	@Inject
	private Provider<IFormatter2> formatter;

	@Inject
	private Provider<TextRegionAccessBuilder> regionAccessBuilder;

	@Inject
	@FormatterPreferences
	private IPreferenceValuesProvider preferences;

	/**
	 * Only text without syntax errors is formatted: guessing at broken text could lose the user's
	 * words. Nor a file whose bytes were not all UTF-8: writing its text back would replace them.
	 * Nor text with a zero-width no-break space (U+FEFF) after its start: the grammar takes it for
	 * white space, the formatter for a word it cannot place (found by FormatFuzzTest).
	 */
	public boolean canFormat(XtextResource resource) {
		return whyNot(resource) == null;
	}

	/** Why the file is not formatted, in the user's words; null when it is. */
	public String whyNot(XtextResource resource) {
		if (resource.getParseResult() == null) {
			return "it could not be read";
		}
		if (resource instanceof TopologyResource file && file.isNotUtf8()) {
			return "it is not UTF-8 text";
		}
		String text = text(resource);
		int mark = text.indexOf(BYTE_ORDER_MARK);
		if (mark >= 0) {
			int line = (int) text.substring(0, mark).chars().filter(c -> c == '\n').count() + 1;
			return "it has an invisible zero-width no-break space (U+FEFF) on line " + line + "; delete it";
		}
		// A line a block takes once ('lookup account', 'back end'...) written twice: the second
		// replaces the first in the model, whose text then belongs to nothing (found by FormatFuzzTest).
		for (INode node : resource.getParseResult().getRootNode().getAsTreeIterable()) {
			if (node instanceof ICompositeNode composite && composite.hasDirectSemanticElement()
					&& composite.getSemanticElement().eResource() == null) {
				return "line " + node.getStartLine() + " repeats a line its block takes once; keep one";
			}
		}
		EObject root = resource.getParseResult().getRootASTElement();
		if (resource.getParseResult().hasSyntaxErrors()
				|| root != null && !EcoreUtil2.getAllContentsOfType(root, StrayText.class).isEmpty()) {
			return "it has syntax errors";
		}
		return null;
	}

	/** The file's text in the canonical layout; the file's own line breaks (CRLF or LF) and byte order mark kept. */
	public String format(XtextResource resource) {
		if (resource.getParseResult().getRootASTElement() == null) {
			return original(resource); // nothing but white space and comments
		}
		ITextRegionAccess regionAccess = regionAccessBuilder.get().forNodeModel(resource).create();
		FormatterRequest request = new FormatterRequest();
		request.setTextRegionAccess(regionAccess);
		request.setPreferences(preferences(resource));
		List<ITextReplacement> replacements = formatter.get().format(request);
		String formatted = regionAccess.getRewriter().renderToString(replacements);
		return resource instanceof TopologyResource file && file.hasByteOrderMark() ? BYTE_ORDER_MARK + formatted : formatted;
	}

	private static final String BYTE_ORDER_MARK = "\uFEFF";

	/** The file's text as its bytes have it: with its byte order mark, if it had one. */
	public static String original(XtextResource resource) {
		return (resource instanceof TopologyResource file && file.hasByteOrderMark() ? BYTE_ORDER_MARK : "") + text(resource);
	}

	/** The text of a parsed file, as read. */
	public static String text(XtextResource resource) {
		return resource.getParseResult() == null ? "" : resource.getParseResult().getRootNode().getText();
	}

	/** The canonical layout's preferences, with the line separator the file already uses. */
	public ITypedPreferenceValues preferences(XtextResource resource) {
		MapBasedPreferenceValues values = new MapBasedPreferenceValues(preferences.getPreferenceValues(resource),
				new java.util.HashMap<>());
		values.put(FormatterPreferenceKeys.lineSeparator, lineSeparator(text(resource)));
		return values;
	}

	/** CRLF when the file's first line break is one (Windows editors write them); LF otherwise. */
	public static String lineSeparator(String text) {
		int newline = text.indexOf('\n');
		return newline > 0 && text.charAt(newline - 1) == '\r' ? "\r\n" : "\n";
	}
}
