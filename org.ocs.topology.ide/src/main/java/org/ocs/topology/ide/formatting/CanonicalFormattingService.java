package org.ocs.topology.ide.formatting;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.xtext.formatting2.regionaccess.ITextReplacement;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.formatting.FormattingService;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.TextRegion;
import org.ocs.topology.formatting2.TopologyFormatting;

import com.google.inject.Inject;

/**
 * "Format document" and "format selection" give the canonical layout, the one {@code ocstopo format}
 * writes and {@code --check} expects, whatever tab settings the client sends: Xtext's service
 * indents with the client's {@link FormattingOptions} (a tab for Neovim's and Emacs's defaults) and
 * drops the language's own preferences. Text with syntax errors is left alone, as the CLI leaves it.
 */
public class CanonicalFormattingService extends FormattingService {

	@Inject
	private TopologyFormatting formatting;

	@Override
	public List<TextEdit> format(XtextResource resource, Document document, int offset, int length,
			FormattingOptions ignored) {
		if (!formatting.canFormat(resource)) {
			return List.of();
		}
		List<TextEdit> edits = new ArrayList<>();
		List<ITextReplacement> replacements = format2(resource, new TextRegion(offset, length),
				formatting.preferences(resource));
		String text = document.getContents();
		for (ITextReplacement replacement : replacements) {
			if (text.regionMatches(replacement.getOffset(), replacement.getReplacementText(), 0, replacement.getLength())
					&& replacement.getReplacementText().length() == replacement.getLength()) {
				continue; // an edit that changes nothing would still mark the file modified
			}
			edits.add(toTextEdit(document, replacement.getReplacementText(), replacement.getOffset(), replacement.getLength()));
		}
		return edits;
	}
}
