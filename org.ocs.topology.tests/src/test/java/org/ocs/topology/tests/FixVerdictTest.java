package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.ocs.topology.ide.fix.FixVerdict;

/** The rule by which --fix keeps or drops a fix, on finding keys alone. */
class FixVerdictTest {

	private static final String HAIRPIN_1 = FixVerdict.key("pool-traffic-hairpin", "/t/a.ocstopo", "from fe1 to fe2");
	private static final String HAIRPIN_2 = FixVerdict.key("pool-traffic-hairpin", "/t/a.ocstopo", "from fe2 to fe1");
	private static final String GATEWAY = FixVerdict.key("gateway-not-on-link", "/t/b.ocstopo", "Default gateway 10.0.9.1");

	@Test
	void keptWhenItsFindingGoesAndNothingAppears() {
		assertTrue(FixVerdict.judge(List.of(HAIRPIN_1, HAIRPIN_2), List.of(HAIRPIN_2), HAIRPIN_1).kept());
		// Fixing one finding may fix others too: that is no reason to drop it.
		assertTrue(FixVerdict.judge(List.of(HAIRPIN_1, HAIRPIN_2), List.of(), HAIRPIN_1).kept());
	}

	@Test
	void droppedWhenItsFindingStays() {
		FixVerdict verdict = FixVerdict.judge(List.of(HAIRPIN_1), List.of(HAIRPIN_1), HAIRPIN_1);
		assertFalse(verdict.kept());
		assertEquals("would not remove the finding", verdict.reason());
	}

	@Test
	void droppedWhenAFindingAppearsNamingItAndItsFile() {
		FixVerdict verdict = FixVerdict.judge(List.of(HAIRPIN_1), List.of(GATEWAY), HAIRPIN_1);
		assertFalse(verdict.kept());
		assertEquals("would add a finding, so it was not applied: gateway-not-on-link in b.ocstopo: Default gateway 10.0.9.1",
				verdict.reason());
	}

	@Test
	void findingsThatReadAlikeAreCountedNotMerged() {
		// Two identical findings before, one after the fix of one, plus the same one again: a new one.
		assertTrue(FixVerdict.judge(List.of(HAIRPIN_1, HAIRPIN_1), List.of(HAIRPIN_1), HAIRPIN_1).kept());
		assertFalse(FixVerdict.judge(List.of(HAIRPIN_1, GATEWAY), List.of(GATEWAY, GATEWAY), HAIRPIN_1).kept());
	}
}
