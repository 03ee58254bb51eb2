package org.ocs.topology.ide.contentassist;

import org.eclipse.xtext.ide.editor.contentassist.ContentAssistContext;
import org.eclipse.xtext.ide.editor.contentassist.IProposalConflictHelper;
import org.eclipse.xtext.ide.editor.contentassist.antlr.AntlrProposalConflictHelper;

import com.google.inject.Inject;
import com.google.inject.Provider;

/**
 * Xtext's proposal conflict helper, one per thread. Xtext's keeps three lexers in fields, and the
 * content-assist service (a singleton) holds one for every completion, while the language server
 * answers reads on several threads and warms completion up on one of its own: two completions at
 * once can set each other's lexer input. The warm-up's completion failed so once, in CI
 * (2026-12-05: "this.input is null", beside LanguageServerProtocolTest's completions).
 */
public class PerThreadProposalConflictHelper implements IProposalConflictHelper {

	private final ThreadLocal<AntlrProposalConflictHelper> helpers;

	@Inject
	public PerThreadProposalConflictHelper(Provider<AntlrProposalConflictHelper> helpers) {
		this.helpers = ThreadLocal.withInitial(helpers::get);
	}

	@Override
	public boolean existsConflict(String proposal, ContentAssistContext context) {
		return helpers.get().existsConflict(proposal, context);
	}
}
