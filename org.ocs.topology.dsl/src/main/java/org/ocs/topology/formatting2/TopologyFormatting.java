package org.ocs.topology.formatting2;

import java.util.List;

import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.formatting2.FormatterPreferences;
import org.eclipse.xtext.formatting2.FormatterRequest;
import org.eclipse.xtext.formatting2.IFormatter2;
import org.eclipse.xtext.formatting2.regionaccess.ITextRegionAccess;
import org.eclipse.xtext.formatting2.regionaccess.ITextReplacement;
import org.eclipse.xtext.formatting2.regionaccess.TextRegionAccessBuilder;
import org.eclipse.xtext.preferences.IPreferenceValuesProvider;
import org.eclipse.xtext.preferences.TypedPreferenceValues;
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

	/** Only text without syntax errors is formatted: guessing at broken text could lose the user's words. */
	public boolean canFormat(XtextResource resource) {
		return resource.getParseResult() != null && !resource.getParseResult().hasSyntaxErrors()
				&& EcoreUtil2.getAllContentsOfType(resource.getParseResult().getRootASTElement(), StrayText.class).isEmpty();
	}

	public String format(XtextResource resource) {
		ITextRegionAccess regionAccess = regionAccessBuilder.get().forNodeModel(resource).create();
		FormatterRequest request = new FormatterRequest();
		request.setTextRegionAccess(regionAccess);
		request.setPreferences(TypedPreferenceValues.castOrWrap(preferences.getPreferenceValues(resource)));
		List<ITextReplacement> replacements = formatter.get().format(request);
		return regionAccess.getRewriter().renderToString(replacements);
	}
}
