package org.ocs.topology.ide.quickfix;

import java.util.List;

import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.xtext.ide.editor.quickfix.DiagnosticModificationContext;
import org.eclipse.xtext.ide.editor.quickfix.DiagnosticResolution;

/**
 * A resolution whose edit is computed up front and may touch several files of the topology (a
 * hosts entry goes into the sending server's file, the translation into the balancer's).
 */
public final class WorkspaceResolution extends DiagnosticResolution {

	private final WorkspaceEdit edit;
	private final boolean safe;

	WorkspaceResolution(String label, WorkspaceEdit edit, boolean safe) {
		super(label, DiagnosticModificationContext::new, (diagnostic, object, document) -> List.of());
		this.edit = edit;
		this.safe = safe;
	}

	@Override
	public WorkspaceEdit apply() {
		return edit;
	}

	/**
	 * Whether {@code ocstopo validate --fix} may apply it without asking: only for a rule whose
	 * catalogue entry says so ({@code Rule.safeFix()}), and at most one per finding.
	 */
	public boolean safe() {
		return safe;
	}

	WorkspaceResolution markedSafe() {
		return new WorkspaceResolution(getLabel(), edit, true);
	}
}
