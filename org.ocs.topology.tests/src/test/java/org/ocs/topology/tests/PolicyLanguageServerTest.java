package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ocs.topology.tests.LanguageServerSession.withCode;
import static org.ocs.topology.tests.ProjectPolicyTest.example;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built language server over stdio honours the project policy: a rule turned off, a changed
 * policy file read again at the next validation, and no diagnostics for an excluded file.
 */
class PolicyLanguageServerTest {

	private LanguageServerSession session;

	@TempDir
	Path workspace;

	@BeforeEach
	void start() throws Exception {
		Files.createDirectories(workspace.resolve(".git"));
		session = LanguageServerSession.start();
	}

	@AfterEach
	void stop() throws Exception {
		session.close();
	}

	@Test
	void theServerAppliesThePolicyAndReadsItAgainWhenItChanges() throws Exception {
		Path policy = Files.writeString(workspace.resolve("ocstopo.json"),
				"{\"rules\": {\"gateway-multiple\": \"off\"}, \"exclude\": [\"legacy/**\"]}");
		// subnet-host-bits shows that the file was validated; gateway-multiple is off.
		String text = example("gateway-multiple", "Failing") + "subnet odd 10.0.1.5/24\n";
		Path site = Files.writeString(workspace.resolve("site.ocstopo"), text);
		Path old = Files.writeString(Files.createDirectories(workspace.resolve("legacy")).resolve("old.ocstopo"),
				"this is { broken");
		session.initialize(workspace, new ClientCapabilities());
		var documents = session.server().getTextDocumentService();
		String uri = site.toUri().toString();
		documents.didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "ocstopo", 1, text)));
		List<Diagnostic> off = session.diagnosticsOf(uri, d -> withCode(d, "subnet-host-bits").size() == 1);
		assertEquals(List.of(), withCode(off, "gateway-multiple"), off.toString());

		String oldUri = old.toUri().toString();
		documents.didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(oldUri, "ocstopo", 1, "this is { broken")));
		assertEquals(List.of(), session.diagnosticsOf(oldUri, d -> true), "an excluded file has no diagnostics");

		// The team makes it an error: the next validation reads the changed file.
		Files.writeString(policy, "{\"rules\": {\"gateway-multiple\": \"error\"}, \"exclude\": [\"legacy/**\"]}");
		String edited = text + "\n";
		documents.didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, 2),
				List.of(new TextDocumentContentChangeEvent(edited))));
		List<Diagnostic> raised = session.diagnosticsOf(uri, d -> withCode(d, "gateway-multiple").size() == 1);
		assertEquals(DiagnosticSeverity.Error, withCode(raised, "gateway-multiple").get(0).getSeverity());

		// A mistake in the policy shows on the file, naming the policy file and its position.
		Files.writeString(policy, "{\"rules\": {\"gateway-multple\": \"off\"}}");
		documents.didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, 3),
				List.of(new TextDocumentContentChangeEvent(text))));
		List<Diagnostic> broken = session.diagnosticsOf(uri, d -> withCode(d, "policy-invalid").size() == 1);
		String message = withCode(broken, "policy-invalid").get(0).getMessage().getLeft();
		assertTrue(message.contains(policy + ":1:12: unknown rule 'gateway-multple'"), message);
		assertFalse(session.stderr().contains("Exception"), session.stderr());
	}
}
