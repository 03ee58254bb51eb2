package org.ocs.topology.ide.quickfix;

import java.util.List;

import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.xtext.ide.editor.quickfix.DiagnosticModificationContext;
import org.eclipse.xtext.ide.editor.quickfix.DiagnosticResolution;

/**
 * A resolution whose edit is computed up front and may touch several files of the topology (a
 * hosts entry goes into the sending server's file, the translation into the balancer's).
 */
final class WorkspaceResolution extends DiagnosticResolution {

	private final WorkspaceEdit edit;

	WorkspaceResolution(String label, WorkspaceEdit edit) {
		super(label, DiagnosticModificationContext::new, (diagnostic, object, document) -> List.of());
		this.edit = edit;
	}

	@Override
	public WorkspaceEdit apply() {
		return edit;
	}
}
