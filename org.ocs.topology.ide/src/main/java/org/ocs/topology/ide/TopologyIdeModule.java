package org.ocs.topology.ide;

import org.eclipse.xtext.ide.editor.contentassist.IProposalConflictHelper;
import org.eclipse.xtext.ide.editor.contentassist.IdeContentProposalProvider;
import org.eclipse.xtext.ide.editor.contentassist.antlr.ContentAssistContextFactory;
import org.eclipse.xtext.ide.editor.quickfix.IQuickFixProvider;
import org.eclipse.xtext.ide.editor.syntaxcoloring.ISemanticHighlightingCalculator;
import org.eclipse.xtext.ide.server.codeActions.ICodeActionService2;
import org.eclipse.xtext.ide.server.formatting.FormattingService;
import org.eclipse.xtext.ide.server.hover.IHoverService;
import org.eclipse.xtext.ide.server.rename.IRenameService2;
import org.eclipse.xtext.ide.server.symbol.DocumentSymbolMapper;
import org.eclipse.xtext.ide.server.symbol.DocumentSymbolService;
import org.ocs.topology.ide.contentassist.PerThreadProposalConflictHelper;
import org.ocs.topology.ide.contentassist.RememberingContextFactory;
import org.ocs.topology.ide.contentassist.TopologyContentProposalProvider;
import org.ocs.topology.ide.formatting.CanonicalFormattingService;
import org.ocs.topology.ide.highlighting.TopologySemanticHighlighting;
import org.ocs.topology.ide.hover.TopologyHoverService;
import org.ocs.topology.ide.quickfix.TopologyCodeActionService;
import org.ocs.topology.ide.quickfix.TopologyQuickfixProvider;
import org.ocs.topology.ide.rename.TopologyRenameService;
import org.ocs.topology.ide.symbols.TopologyDocumentSymbolService;
import org.ocs.topology.ide.symbols.TopologySymbolKinds;
import org.ocs.topology.ide.symbols.TopologySymbolNames;

/** Language-server services of the .ocstopo language. */
public class TopologyIdeModule extends AbstractTopologyIdeModule {

	// Code actions are off in Xtext until a code action service is bound.
	public Class<? extends ICodeActionService2> bindICodeActionService2() {
		return TopologyCodeActionService.class;
	}

	public Class<? extends IQuickFixProvider> bindIQuickFixProvider() {
		return TopologyQuickfixProvider.class;
	}

	public Class<? extends IHoverService> bindIHoverService() {
		return TopologyHoverService.class;
	}

	public Class<? extends ISemanticHighlightingCalculator> bindISemanticHighlightingCalculator() {
		return TopologySemanticHighlighting.class;
	}

	@Override
	public Class<? extends IProposalConflictHelper> bindIProposalConflictHelper() {
		return PerThreadProposalConflictHelper.class;
	}

	public Class<? extends ContentAssistContextFactory> bindContentAssistContextFactory() {
		return RememberingContextFactory.class;
	}

	public Class<? extends IdeContentProposalProvider> bindIdeContentProposalProvider() {
		return TopologyContentProposalProvider.class;
	}

	@Override
	public Class<? extends IRenameService2> bindIRenameService2() {
		return TopologyRenameService.class;
	}

	// The canonical layout whatever the client's tab settings.
	public Class<? extends FormattingService> bindFormattingService() {
		return CanonicalFormattingService.class;
	}

	public Class<? extends DocumentSymbolMapper.DocumentSymbolKindProvider> bindDocumentSymbolMapper$DocumentSymbolKindProvider() {
		return TopologySymbolKinds.class;
	}

	public Class<? extends DocumentSymbolMapper.DocumentSymbolNameProvider> bindDocumentSymbolMapper$DocumentSymbolNameProvider() {
		return TopologySymbolNames.class;
	}

	public Class<? extends DocumentSymbolService> bindDocumentSymbolService() {
		return TopologyDocumentSymbolService.class;
	}
}
