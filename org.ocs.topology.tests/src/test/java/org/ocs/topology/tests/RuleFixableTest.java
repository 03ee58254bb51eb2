package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.eclipse.lsp4j.Diagnostic;
import org.junit.jupiter.api.Test;
import org.ocs.topology.ide.quickfix.TopologyQuickfixProvider;
import org.ocs.topology.rules.Rule;

/**
 * The catalogue's {@code fixable} (what {@code ocstopo rules} prints) agrees with the quick-fix
 * provider, which the command line cannot ask: it does not depend on the editor module.
 */
class RuleFixableTest {

	private static Set<String> fixableInCatalogue() {
		return Arrays.stream(Rule.values()).filter(Rule::fixable).map(Rule::id).collect(Collectors.toCollection(TreeSet::new));
	}

	/** A rule is fixable in the catalogue exactly when its class offers remedies. */
	@Test
	void theRulesThatOfferRemediesAreTheFixableRules() {
		Set<String> codes = new TreeSet<>();
		for (Rule rule : Rule.values()) {
			if (rule.logic() != null && offersRemedies(rule.logic().getClass())) {
				codes.add(rule.id());
			}
		}
		assertEquals(fixableInCatalogue(), codes);
	}

	private static boolean offersRemedies(Class<?> logic) {
		try {
			logic.getDeclaredMethod("remedies", org.ocs.topology.rules.RemedySite.class);
			return true;
		} catch (NoSuchMethodException none) {
			return false;
		}
	}

	@Test
	void theProviderHandlesExactlyTheFixableRules() {
		TopologyQuickfixProvider provider = new TopologyQuickfixProvider();
		Set<String> handled = new TreeSet<>();
		for (Rule rule : Rule.values()) {
			Diagnostic diagnostic = new Diagnostic();
			diagnostic.setCode(rule.id());
			if (provider.handlesDiagnostic(diagnostic)) {
				handled.add(rule.id());
			}
		}
		assertEquals(handled, fixableInCatalogue());
	}
}
