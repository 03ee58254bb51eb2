package org.ocs.topology.tests;

import java.io.IOException;

import org.eclipse.xtext.resource.XtextResource;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** Fuzzes parsing and every check (issue 11, item 5; see {@link FuzzInputs}). */
class ParseFuzzTest {

	/**
	 * Whatever the text, parsing and every check finish without an exception, and no object repeats
	 * a setting where the grammar analysis that spares setting-repeated most objects says it cannot.
	 */
	@FuzzTest(maxDuration = "20s")
	void parseAndValidate(FuzzedDataProvider data) throws IOException {
		XtextResource resource = FuzzInputs.parse(FuzzInputs.mutated(data));
		FuzzInputs.validate(resource);
		FuzzInputs.assertRepeatsOnlyWhereTheGrammarAllows(resource);
	}
}
