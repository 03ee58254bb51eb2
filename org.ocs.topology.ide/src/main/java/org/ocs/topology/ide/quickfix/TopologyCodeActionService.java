package org.ocs.topology.ide.quickfix;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.xtext.ide.editor.quickfix.DiagnosticResolution;
import org.eclipse.xtext.ide.editor.quickfix.IQuickFixProvider;
import org.eclipse.xtext.ide.server.codeActions.QuickFixCodeActionService;

import com.google.inject.Inject;

/**
 * Xtext's quick-fix code actions, with the fix {@code ocstopo validate --fix} would apply marked
 * {@code isPreferred}: VS Code's "Auto Fix" and the lightbulb's first entry are then the same
 * remedy as the command line's.
 */
public class TopologyCodeActionService extends QuickFixCodeActionService {

	@Inject
	private IQuickFixProvider quickFixes;

	@Override
	protected List<Either<Command, CodeAction>> getCodeActions(Options options, Diagnostic diagnostic) {
		List<Either<Command, CodeAction>> actions = new ArrayList<>();
		quickFixes.getResolutions(options, diagnostic).stream()
				.sorted(Comparator.comparing(DiagnosticResolution::getLabel, Comparator.nullsLast(Comparator.naturalOrder())))
				.forEach(resolution -> {
					CodeAction action = new CodeAction(resolution.getLabel());
					action.setKind(CodeActionKind.QuickFix);
					action.setDiagnostics(List.of(diagnostic));
					action.setEdit(resolution.apply());
					if (resolution instanceof WorkspaceResolution workspace && workspace.safe()) {
						action.setIsPreferred(true);
					}
					actions.add(Either.forRight(action));
				});
		return actions;
	}
}
