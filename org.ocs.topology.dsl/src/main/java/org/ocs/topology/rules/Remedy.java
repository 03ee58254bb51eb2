package org.ocs.topology.rules;

import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;

/**
 * One remedy for a finding, as the editors list it: a label in the user's terms and the edits, in
 * the model's terms (the editor module turns them into text edits, in whichever files hold the
 * objects). {@code safe}: the one remedy {@code ocstopo validate --fix} applies without asking
 * (the rule's page says which and why).
 */
public record Remedy(String label, boolean safe, List<Edit> edits) {

	public static Remedy of(String label, Edit... edits) {
		return new Remedy(label, false, List.of(edits));
	}

	public static Remedy safe(String label, Edit... edits) {
		return new Remedy(label, true, List.of(edits));
	}

	/** An edit of the topology text, anchored on model objects or on the finding's own range. */
	public sealed interface Edit {
	}

	/** Replaces the text the finding covers. */
	public record ReplaceFinding(String text) implements Edit {
	}

	/** Deletes the text the finding covers (with its line, if it stands alone on it). */
	public record DeleteFinding() implements Edit {
	}

	/** Replaces the text of one feature of an object. */
	public record ReplaceFeature(EObject object, EStructuralFeature feature, String text) implements Edit {
	}

	/** Adds text right after the last value of a feature (", 444" after a port list's last number). */
	public record AppendToFeature(EObject object, EStructuralFeature feature, String text) implements Edit {
	}

	/** Deletes an object's text (with its line, if it stands alone on it). */
	public record Delete(EObject object) implements Edit {
	}

	/** Adds lines at the end of a block ({@code { ... }}), indented one level in. */
	public record InsertIntoBlock(EObject block, List<String> lines) implements Edit {
	}

	/** Adds lines after a declaration, at its indentation. */
	public record InsertAfter(EObject declaration, List<String> lines) implements Edit {
	}
}
