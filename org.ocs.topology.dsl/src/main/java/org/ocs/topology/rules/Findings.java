package org.ocs.topology.rules;

import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;

/**
 * Where a rule reports, always for its own rule: the severity is the catalogue's (or the project
 * policy's), never the rule's choice, except that a finding resting on an assumption the topology
 * does not state is at most a warning.
 */
public interface Findings {

	/** No particular element of a many-valued feature. */
	int WHOLE_FEATURE = -1;

	/**
	 * Reports a finding on {@code feature} of {@code object} ({@code index} for one element of a
	 * many-valued feature), with the typed data its remedies read ({@code null}: none) and the hops
	 * of its trace ({@link org.ocs.topology.validation.HopData}, in order).
	 */
	void report(EObject object, EStructuralFeature feature, int index, String message, Record data, List<String> hops,
			boolean restsOnAssumption);

	/** Reports a finding on a range of the text of {@code object}'s file. */
	void reportRange(EObject object, int offset, int length, String message, Record data);

	default void report(EObject object, EStructuralFeature feature, String message) {
		report(object, feature, WHOLE_FEATURE, message, null, List.of(), false);
	}

	default void report(EObject object, EStructuralFeature feature, String message, Record data) {
		report(object, feature, WHOLE_FEATURE, message, data, List.of(), false);
	}

	default void report(EObject object, EStructuralFeature feature, int index, String message, Record data) {
		report(object, feature, index, message, data, List.of(), false);
	}
}
