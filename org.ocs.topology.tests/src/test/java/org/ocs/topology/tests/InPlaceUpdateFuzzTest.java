package org.ocs.topology.tests;

import java.io.IOException;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the language server's partial parse: a file that parsed cleanly, edited, and parsed
 * again in part (or taken from a parse made ahead, as for a large file), equals the edited text
 * parsed whole (see {@link InPlaceUpdate}).
 */
class InPlaceUpdateFuzzTest {

	@FuzzTest(maxDuration = "20s")
	void partOfAFileParsedAgainEqualsTheWholeParsedAgain(FuzzedDataProvider data) throws IOException {
		String before = FuzzInputs.mutated(data, FuzzInputs.seedTexts().get(data.consumeInt(0, FuzzInputs.seedTexts().size() - 1)), 2);
		boolean parsedAhead = data.consumeBoolean();
		String after = FuzzInputs.mutated(data, before, 3);
		if (parsedAhead) {
			// The language server's path for a large file: the new text parsed, linked and named ahead.
			InPlaceUpdate.updateParsedAhead(before, after);
		} else {
			InPlaceUpdate.updatedEqualsParsed(before, after);
		}
	}
}
