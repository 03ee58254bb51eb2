package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
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

	@Test
	void theProvidersIssueCodesAreTheFixableRules() throws Exception {
		// The provider declares the issue codes it fixes in one constant set; read it by reflection.
		Set<String> codes = new TreeSet<>();
		for (Field field : TopologyQuickfixProvider.class.getDeclaredFields()) {
			if (Modifier.isStatic(field.getModifiers()) && Set.class.isAssignableFrom(field.getType())) {
				field.setAccessible(true);
				for (Object code : (Set<?>) field.get(null)) {
					codes.add((String) code);
				}
			}
		}
		// And the rules whose own class offers remedies.
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
