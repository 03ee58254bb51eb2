package org.ocs.topology.tests;

import java.io.IOException;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the language server's partial parse: a file that parsed cleanly, edited, and parsed
 * again in part, equals the edited text parsed whole (see {@link InPlaceUpdate}).
 */
class InPlaceUpdateFuzzTest {

	@FuzzTest(maxDuration = "20s")
	void partOfAFileParsedAgainEqualsTheWholeParsedAgain(FuzzedDataProvider data) throws IOException {
		String before = FuzzInputs.mutated(data, FuzzInputs.seedTexts().get(data.consumeInt(0, FuzzInputs.seedTexts().size() - 1)), 2);
		InPlaceUpdate.updatedEqualsParsed(before, FuzzInputs.mutated(data, before, 3));
	}
}
