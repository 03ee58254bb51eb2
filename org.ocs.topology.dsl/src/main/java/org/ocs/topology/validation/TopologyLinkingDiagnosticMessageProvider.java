package org.ocs.topology.validation;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.xtext.diagnostics.DiagnosticMessage;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.linking.impl.LinkingDiagnosticMessageProvider;
import org.ocs.topology.rules.Rule;
import org.ocs.topology.rules.language.UnresolvedReference;

/** "No server named 'fe3.contoso.com' is declared in this folder", with the rule ID. */
public class TopologyLinkingDiagnosticMessageProvider extends LinkingDiagnosticMessageProvider {

	@Override
	public DiagnosticMessage getUnresolvedProxyMessage(ILinkingDiagnosticContext context) {
		EClass referenceType = context.getReference().getEReferenceType();
		String message = "No " + Describe.kindOf(referenceType) + " named '" + context.getLinkText()
				+ "' is declared in this folder.";
		// The unresolved text travels as issue data, for a "did you mean" quick fix.
		return new DiagnosticMessage(message, Rule.UNRESOLVED_REFERENCE.severity() == org.ocs.topology.rules.Severity.WARNING
				? Severity.WARNING : Severity.ERROR, Rule.UNRESOLVED_REFERENCE.id(),
				org.ocs.topology.rules.IssueData.encode(new UnresolvedReference.Data(context.getLinkText()), java.util.List.of()));
	}
}
