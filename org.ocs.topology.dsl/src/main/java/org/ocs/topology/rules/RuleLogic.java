package org.ocs.topology.rules;

import java.util.List;

/**
 * What a rule does, in one class: its check (a {@link DeclarationRule} or a {@link FolderRule}),
 * its messages, the typed data its findings carry, and the remedies the editors offer for them.
 * Its catalogue entry (ID, severity, summary) is its {@link Rule} constant, which names this class;
 * its page is {@code docs/rules/<id>.md}. Validators, quick fixes and the command line only
 * dispatch to it.
 */
public abstract class RuleLogic {

	private Rule rule;

	/** The catalogue entry this logic implements (set by the catalogue when it makes the logic). */
	public final Rule rule() {
		return rule;
	}

	final void bind(Rule rule) {
		this.rule = rule;
	}

	/**
	 * The remedies for one finding of this rule, in the order the editor lists them, the most
	 * likely first; at most one marked safe (the one {@code ocstopo validate --fix} applies). None
	 * by default. Each reads the finding's typed data; it never re-runs the analysis.
	 */
	public List<Remedy> remedies(RemedySite site) {
		return List.of();
	}
}
