package org.ocs.topology.ide.symbols;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.xtext.ide.server.symbol.DocumentSymbolService;

/** Workspace symbols with the same kinds as the outline. */
public class TopologyDocumentSymbolService extends DocumentSymbolService {

	@Override
	protected SymbolKind getSymbolKind(EClass type) {
		return TopologySymbolKinds.kindOf(type);
	}
}
