package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.common.util.URI;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.xtext.ide.editor.quickfix.DiagnosticResolution;
import org.ocs.topology.ide.fix.SafeFixes;
import org.eclipse.xtext.ide.editor.quickfix.IQuickFixProvider;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.validation.Issue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** Fuzzes the quick fixes (issue 11, item 5; see {@link FuzzInputs}). */
class QuickFixFuzzTest {

	/** In text that parses, every quick fix offered for every finding leaves text that parses. */
	@FuzzTest(maxDuration = "20s")
	void quickFixes(FuzzedDataProvider data) throws IOException {
		String text = FuzzInputs.mutated(data);
		XtextResource resource = FuzzInputs.parse(text);
		if (!FuzzInputs.parsesClean(resource)) {
			return;
		}
		IQuickFixProvider fixes = FuzzInputs.INJECTOR.getInstance(IQuickFixProvider.class);
		Document document = new Document(1, text);
		int asked = 0;
		for (Issue issue : FuzzInputs.validate(resource)) {
			if (issue.getOffset() == null || issue.getCode() == null || asked >= 4) {
				continue;
			}
			List<DiagnosticResolution> resolutions = SafeFixes.resolutions(fixes, resource, document, issue);
			if (resolutions.isEmpty()) {
				continue;
			}
			asked++;
			for (DiagnosticResolution resolution : resolutions) {
				WorkspaceEdit edit = resolution.apply();
				List<TextEdit> own = new ArrayList<>();
				if (edit.getChanges() != null) {
					edit.getChanges().forEach((uri, list) -> {
						if (URI.createURI(uri).toFileString().equals(resource.getURI().toFileString())) {
							own.addAll(list);
						}
					});
				}
				if (own.isEmpty()) {
					continue;
				}
				String fixed = LanguageServerSession.apply(text, own);
				assertTrue(FuzzInputs.parsesClean(FuzzInputs.parse(fixed)), () -> "'" + resolution.getLabel() + "' for " + issue.getCode()
						+ " left text that does not parse:\n" + fixed);
			}
		}
	}
}
