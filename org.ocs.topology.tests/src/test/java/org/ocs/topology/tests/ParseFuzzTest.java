package org.ocs.topology.tests;

import java.io.IOException;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** Fuzzes parsing and every check (issue 11, item 5; see {@link FuzzInputs}). */
class ParseFuzzTest {

	/** Whatever the text, parsing and every check finish without an exception. */
	@FuzzTest(maxDuration = "20s")
	void parseAndValidate(FuzzedDataProvider data) throws IOException {
		FuzzInputs.validate(FuzzInputs.parse(FuzzInputs.mutated(data)));
	}
}
