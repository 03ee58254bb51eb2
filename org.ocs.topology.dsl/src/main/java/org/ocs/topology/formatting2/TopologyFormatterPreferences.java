package org.ocs.topology.formatting2;

import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.formatting2.FormatterPreferenceKeys;
import org.eclipse.xtext.preferences.IPreferenceValues;
import org.eclipse.xtext.preferences.IPreferenceValuesProvider;
import org.eclipse.xtext.preferences.MapBasedPreferenceValues;

/** The canonical layout indents by four spaces; an editor's own request (LSP tab size) still wins. */
public class TopologyFormatterPreferences implements IPreferenceValuesProvider {

	@Override
	public IPreferenceValues getPreferenceValues(Resource context) {
		MapBasedPreferenceValues values = new MapBasedPreferenceValues();
		values.put(FormatterPreferenceKeys.indentation, "    ");
		values.put(FormatterPreferenceKeys.lineSeparator, "\n");
		return values;
	}
}
