package org.ocs.topology.validation;

import org.eclipse.xtext.nodemodel.SyntaxErrorMessage;
import org.eclipse.xtext.parser.antlr.SyntaxErrorMessageProvider;
import org.ocs.topology.rules.Rule;

/** Gives syntax errors their rule ID, so that every finding carries one. */
public class TopologySyntaxErrorMessageProvider extends SyntaxErrorMessageProvider {

	@Override
	public SyntaxErrorMessage getSyntaxErrorMessage(IParserErrorContext context) {
		SyntaxErrorMessage message = super.getSyntaxErrorMessage(context);
		return new SyntaxErrorMessage(message.getMessage(), Rule.SYNTAX_ERROR.id(), message.getIssueData());
	}

	@Override
	public SyntaxErrorMessage getSyntaxErrorMessage(IValueConverterErrorContext context) {
		SyntaxErrorMessage message = super.getSyntaxErrorMessage(context);
		return new SyntaxErrorMessage(message.getMessage(), Rule.SYNTAX_ERROR.id(), message.getIssueData());
	}
}
