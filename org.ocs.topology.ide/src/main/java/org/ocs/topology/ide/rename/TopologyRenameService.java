package org.ocs.topology.ide.rename;

import org.eclipse.lsp4j.PrepareRenameParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.xtext.ide.server.rename.RenameService2;

/**
 * Rename where no name is answers "no edit" (null) for every client. Xtext checks that first only
 * for clients that announce prepareRename support; for the others (eglot) it answers an internal
 * error and logs a stack trace.
 */
public class TopologyRenameService extends RenameService2 {

	@Override
	public WorkspaceEdit rename(Options options) {
		String uri = options.getRenameParams().getTextDocument().getUri();
		PrepareRenameParams params = new PrepareRenameParams(new TextDocumentIdentifier(uri),
				options.getRenameParams().getPosition());
		Object named;
		try {
			named = options.getLanguageServerAccess().doSyncRead(uri,
					context -> doPrepareRename(context.getResource(), context.getDocument(), params, options.getCancelIndicator()));
		} catch (RuntimeException notThere) {
			// not a file of the workspace: let Xtext say so
			return super.rename(options);
		}
		return named == null ? null : super.rename(options);
	}
}
