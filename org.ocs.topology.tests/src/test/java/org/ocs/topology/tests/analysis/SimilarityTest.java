package org.ocs.topology.tests.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.ocs.topology.naming.Similarity;

/** The "did you mean" of quick fixes and of `ocstopo explain`, without Xtext. */
class SimilarityTest {

	@Test
	void nearestFirstThenByNameWithoutRepeatsOrTheNameItself() {
		assertEquals(List.of("fe1.contoso.com", "fe2.contoso.com"),
				Similarity.closest("fe1.contoso.co", List.of("fe2.contoso.com", "fe1.contoso.com", "fe1.contoso.com",
						"sql01.contoso.com", "fe1.contoso.co")));
	}

	@Test
	void caseAloneIsCloseAndFarIsNot() {
		assertEquals(List.of("gateway-multiple"), Similarity.closest("Gateway-Multiple", List.of("gateway-multiple")));
		assertEquals(List.of(), Similarity.closest("no-such-thing-at-all", List.of("gateway-multiple", "syntax-error")));
		assertEquals(List.of("gateway-multiple"), Similarity.closest("gateway-multple", List.of("gateway-multiple", "gateway-not-on-link")));
	}
}
