package org.ocs.topology.validation;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.validation.ValidationMessageAcceptor;
import org.ocs.topology.rules.Rule;

/**
 * A finding of the folder-wide checks, not yet reported: the file that holds {@code object} reports
 * it. A failed folder check has no object and names the check in {@code message}: every file of the
 * folder reports it, since every file lacks that check's findings.
 */
public record FolderFinding(Rule rule, String message, EObject object, EStructuralFeature feature, int index, String[] data,
		Throwable failure) {

	public FolderFinding(Rule rule, String message, EObject object, EStructuralFeature feature, int index, String[] data) {
		this(rule, message, object, feature, index, data, null);
	}

	static FolderFinding failure(String check, Throwable failure) {
		return new FolderFinding(Rule.INTERNAL_ERROR, check, null, null, ValidationMessageAcceptor.INSIGNIFICANT_INDEX,
				new String[0], failure);
	}

	public boolean isFailure() {
		return failure != null;
	}
}
