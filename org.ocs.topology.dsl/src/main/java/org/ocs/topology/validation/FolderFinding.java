package org.ocs.topology.validation;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.ocs.topology.rules.Rule;

/** A finding of the folder-wide checks, not yet reported: the file that holds {@code object} reports it. */
public record FolderFinding(Rule rule, String message, EObject object, EStructuralFeature feature, int index, String[] data) {
}
