package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.eclipse.xtext.resource.XtextResource;
import org.ocs.topology.formatting2.TopologyFormatting;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** Fuzzes the formatter (issue 11, item 5; see {@link FuzzInputs}). */
class FormatFuzzTest {

	/** Formatting text that parses gives text that parses, keeps every comment, and formats to itself. */
	@FuzzTest(maxDuration = "20s")
	void format(FuzzedDataProvider data) throws IOException {
		XtextResource resource = FuzzInputs.parse(FuzzInputs.mutated(data));
		TopologyFormatting formatting = FuzzInputs.INJECTOR.getInstance(TopologyFormatting.class);
		if (!formatting.canFormat(resource)) {
			return;
		}
		String formatted = formatting.format(resource);
		XtextResource again = FuzzInputs.parse(formatted);
		assertTrue(formatting.canFormat(again), () -> "the formatted text has syntax errors:\n" + formatted);
		assertEquals(formatted, formatting.format(again), "formatting is not idempotent");
		assertEquals(FuzzInputs.comments(resource), FuzzInputs.comments(again), "a comment was lost or changed");
	}
}
