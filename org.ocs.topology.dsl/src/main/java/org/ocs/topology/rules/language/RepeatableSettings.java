package org.ocs.topology.rules.language;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.AbstractElement;
import org.eclipse.xtext.AbstractRule;
import org.eclipse.xtext.Action;
import org.eclipse.xtext.Assignment;
import org.eclipse.xtext.CompoundElement;
import org.eclipse.xtext.Grammar;
import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.ParserRule;
import org.eclipse.xtext.RuleCall;

/**
 * Which model classes the grammar lets write a single-valued setting more than once: those whose
 * rule (or a fragment it calls) assigns one inside a repeated group, or assigns it twice. The
 * others, most objects of a topology (an interface, a route, a hosts entry), cannot repeat a
 * setting, so setting-repeated need not read their text: that walk was 16% of a 5,000-line file's
 * validation.
 */
public final class RepeatableSettings {

	/** A grammar's classes that may repeat a setting, and the answer for each class asked about. */
	private record Analysis(Grammar grammar, Set<EClass> repeatable, Map<EClass, Boolean> answers) {
		boolean mayRepeat(EClass type) {
			return answers.computeIfAbsent(type,
					t -> repeatable.stream().anyMatch(candidate -> candidate == t || candidate.isSuperTypeOf(t)));
		}
	}

	/** Per grammar (one, in practice). */
	private static final Map<Grammar, Analysis> BY_GRAMMAR = Collections.synchronizedMap(new WeakHashMap<>());

	/** The analysis asked for last: every object of a validation asks, without taking the map's lock. */
	private static volatile Analysis last;

	private RepeatableSettings() {
	}

	/**
	 * Whether an object parsed with this grammar element's grammar may have a setting written twice.
	 * Asked for every object of every validation: the grammar is walked once, each class answered once.
	 */
	public static boolean mayRepeat(EClass type, EObject grammarElement) {
		Grammar grammar = GrammarUtil.getGrammar(grammarElement);
		if (grammar == null) {
			return true;
		}
		Analysis analysis = last;
		if (analysis == null || analysis.grammar() != grammar) {
			analysis = BY_GRAMMAR.computeIfAbsent(grammar, g -> new Analysis(g, of(g), new ConcurrentHashMap<>()));
			last = analysis;
		}
		return analysis.mayRepeat(type);
	}

	/** The classes of a grammar that may repeat a setting. */
	public static Set<EClass> of(Grammar grammar) {
		Set<EClass> repeatable = new HashSet<>();
		for (ParserRule rule : GrammarUtil.allParserRules(grammar)) {
			if (rule.isFragment() || !(rule.getType() != null && rule.getType().getClassifier() instanceof EClass type)) {
				continue;
			}
			Map<String, Integer> assigned = new HashMap<>();
			Set<EClass> types = new HashSet<>(List.of(type));
			walk(rule.getAlternatives(), false, assigned, types, new HashSet<>());
			if (assigned.values().stream().anyMatch(times -> times > 1)) {
				repeatable.addAll(types);
			}
		}
		return Set.copyOf(repeatable);
	}

	/**
	 * Counts how often each single-valued feature may be assigned (twice standing for "more than
	 * once"), into fragments and across actions: an action's class is counted with the rule's, which
	 * can only err towards reading more objects' text.
	 */
	private static void walk(AbstractElement element, boolean repeated, Map<String, Integer> assigned, Set<EClass> types,
			Set<AbstractRule> entered) {
		if (element == null) {
			return;
		}
		boolean many = repeated || GrammarUtil.isMultipleCardinality(element);
		if (element instanceof Assignment assignment) {
			if (!"+=".equals(assignment.getOperator())) {
				assigned.merge(assignment.getFeature(), many ? 2 : 1, Integer::sum);
			}
		} else if (element instanceof Action action) {
			if (action.getType() != null && action.getType().getClassifier() instanceof EClass type) {
				types.add(type);
			}
			if (action.getFeature() != null && !"+=".equals(action.getOperator())) {
				assigned.merge(action.getFeature(), many ? 2 : 1, Integer::sum);
			}
		} else if (element instanceof RuleCall call) {
			// A fragment's assignments are the caller's; another rule's object is checked by that rule.
			if (call.getRule() instanceof ParserRule called && called.isFragment() && entered.add(called)) {
				walk(called.getAlternatives(), many, assigned, types, entered);
				entered.remove(called);
			}
		} else if (element instanceof CompoundElement compound) {
			for (AbstractElement child : compound.getElements()) {
				walk(child, many, assigned, types, entered);
			}
		}
	}
}
