package org.ocs.topology.ide.server;

import org.eclipse.emf.common.util.URI;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.xtext.ide.server.BuildManager;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.WorkspaceManager;
import org.eclipse.xtext.resource.XtextResource;

/**
 * Xtext's workspace, with the documents versioned as the client versions them. Xtext 2.42 drops
 * the version of a {@code didChange} and counts changes itself, and gives a file that is not open
 * version 1; workspace edits (rename, quick fixes) then carry versions the client never had, and
 * a client that checks them (eglot: "Edits on 'hq.ocstopo' require version 1, you have 4")
 * refuses the edit. The document of an open file carries the client's latest version; that of a
 * file that is not open carries none (null, which the protocol defines as "not open").
 */
public class TopologyWorkspaceManager extends WorkspaceManager {

	@Override
	public BuildManager.Buildable didChangeTextDocumentContent(URI uri, Integer version,
			Iterable<TextDocumentContentChangeEvent> changes) {
		BuildManager.Buildable buildable = super.didChangeTextDocumentContent(uri, version, changes);
		Document changed = getOpenDocuments().get(uri);
		if (changed != null) {
			getOpenDocuments().put(uri, new Document(version, changed.getContents()));
		}
		return buildable;
	}

	@Override
	protected Document getDocument(XtextResource resource) {
		Document open = getOpenDocuments().get(resource.getURI());
		if (open != null) {
			return open;
		}
		return new Document(null, resource.getParseResult().getRootNode().getText());
	}
}
