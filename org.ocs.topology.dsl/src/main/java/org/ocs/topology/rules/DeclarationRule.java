package org.ocs.topology.rules;

import org.eclipse.emf.ecore.EObject;

/**
 * A rule that checks one declaration (or any model object of a type) at a time, with nothing but
 * that object and what it references. The validator runs it on every object of its type, in every
 * file, as that file is validated.
 */
public abstract class DeclarationRule<T extends EObject> extends RuleLogic {

	private final Class<T> type;

	protected DeclarationRule(Class<T> type) {
		this.type = type;
	}

	/** The objects it checks: this type and its subtypes. */
	public final Class<T> type() {
		return type;
	}

	/** Reports what is wrong with {@code object}; tolerates a half-typed model (missing values are skipped). */
	public abstract void check(T object, Findings findings);
}
