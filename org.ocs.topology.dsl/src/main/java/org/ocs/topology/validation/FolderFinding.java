package org.ocs.topology.validation;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.validation.ValidationMessageAcceptor;
import org.ocs.topology.rules.Rule;
import org.ocs.topology.rules.Severity;

/**
 * A finding of the folder-wide checks, not yet reported: the file that holds {@code object} reports
 * it. A failed folder check has no object and names the check in {@code message}: every file of the
 * folder reports it, since every file lacks that check's findings.
 */
public record FolderFinding(Rule rule, String message, EObject object, EStructuralFeature feature, int index, String[] data,
		Throwable failure, Severity severity) {

	public FolderFinding(Rule rule, String message, EObject object, EStructuralFeature feature, int index, String[] data) {
		this(rule, message, object, feature, index, data, null, rule.severity());
	}

	/**
	 * The same finding as a warning: its verdict rests on an assumption the topology does not state
	 * (the message says which), so it may not fail a build as an error would.
	 */
	public FolderFinding restingOnAssumption() {
		return new FolderFinding(rule, message, object, feature, index, data, failure, rule.severity(true));
	}

	static FolderFinding failure(String check, Throwable failure) {
		return new FolderFinding(Rule.INTERNAL_ERROR, check, null, null, ValidationMessageAcceptor.INSIGNIFICANT_INDEX,
				new String[0], failure, Rule.INTERNAL_ERROR.severity());
	}

	public boolean isFailure() {
		return failure != null;
	}
}
