package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ocs.topology.tests.LanguageServerSession.withCode;
import static org.ocs.topology.tests.ProjectPolicyTest.example;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesCapabilities;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.FileChangeType;
import org.eclipse.lsp4j.FileEvent;
import org.eclipse.lsp4j.Registration;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceClientCapabilities;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built language server over stdio honours the project policy: a rule turned off, a changed
 * policy file read again at the next validation, no diagnostics for an excluded file, and the
 * files validated again when the client tells that a policy file was created, changed or deleted.
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

	@Test
	void aChangedPolicyFileRevalidatesTheFilesItGoverns() throws Exception {
		String text = example("gateway-multiple", "Failing") + "subnet odd 10.0.1.5/24\n";
		Path site = Files.writeString(workspace.resolve("site.ocstopo"), text);
		// Not open: the server validated it at initialize, and validates it again for the policy.
		Path other = Files.writeString(Files.createDirectories(workspace.resolve("branch")).resolve("other.ocstopo"),
				example("gateway-multiple", "Failing"));
		WorkspaceClientCapabilities workspaceCapabilities = new WorkspaceClientCapabilities();
		workspaceCapabilities.setDidChangeWatchedFiles(new DidChangeWatchedFilesCapabilities(true));
		ClientCapabilities capabilities = new ClientCapabilities();
		capabilities.setWorkspace(workspaceCapabilities);
		session.initialize(workspace, capabilities);

		// The server asks to be told of both policy file names, anywhere.
		Registration watch = session.registration("ocstopo-policy-files");
		assertEquals("workspace/didChangeWatchedFiles", watch.getMethod());
		String watchers = String.valueOf(watch.getRegisterOptions());
		assertTrue(watchers.contains("**/ocstopo.json") && watchers.contains("**/.ocstopo.json"), watchers);

		String uri = site.toUri().toString();
		String otherUri = other.toUri().toString();
		session.diagnosticsOf(otherUri, d -> withCode(d, "gateway-multiple").size() == 1);
		session.documents().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "ocstopo", 1, text)));
		List<Diagnostic> before = session.diagnosticsOf(uri, d -> withCode(d, "subnet-host-bits").size() == 1);
		assertEquals(DiagnosticSeverity.Warning, withCode(before, "gateway-multiple").get(0).getSeverity());

		// Created: an error now, in the open file, without editing it.
		Path policy = Files.writeString(workspace.resolve("ocstopo.json"), "{\"rules\": {\"gateway-multiple\": \"error\"}}");
		FileTime written = Files.getLastModifiedTime(policy);
		changed(policy, FileChangeType.Created);
		List<Diagnostic> raised = session.diagnosticsOf(uri,
				d -> withCode(d, "gateway-multiple").size() == 1 && withCode(d, "gateway-multiple").get(0).getSeverity() == DiagnosticSeverity.Error);
		assertEquals(1, withCode(raised, "subnet-host-bits").size(), raised.toString());

		// Changed, keeping its size and time: the server drops what it read rather than trust them.
		Files.writeString(policy, "{\"rules\": {\"gateway-multiple\": \"info\"} }");
		Files.setLastModifiedTime(policy, written);
		changed(policy, FileChangeType.Changed);
		session.diagnosticsOf(uri, d -> withCode(d, "gateway-multiple").size() == 1
				&& withCode(d, "gateway-multiple").get(0).getSeverity() == DiagnosticSeverity.Information);

		// Off: the open file and the file that is not open lose the finding.
		Files.writeString(policy, "{\"rules\": {\"gateway-multiple\": \"off\"}}");
		session.forgetPublished();
		changed(policy, FileChangeType.Changed);
		List<Diagnostic> off = session.diagnosticsOf(uri, d -> withCode(d, "gateway-multiple").isEmpty());
		assertEquals(1, withCode(off, "subnet-host-bits").size(), "the file is still checked: " + off);
		session.diagnosticsOf(otherUri, d -> withCode(d, "gateway-multiple").isEmpty());

		// Broken: not JSON any more, a policy-invalid error at its place in the policy file.
		Files.writeString(policy, "{\"rules\": {\"gateway-multiple\": \"off\"");
		changed(policy, FileChangeType.Changed);
		List<Diagnostic> broken = session.diagnosticsOf(uri, d -> withCode(d, "policy-invalid").size() == 1);
		String message = withCode(broken, "policy-invalid").get(0).getMessage().getLeft();
		assertTrue(message.startsWith("Project policy " + policy + ":1:"), message);
		assertEquals(DiagnosticSeverity.Error, withCode(broken, "policy-invalid").get(0).getSeverity());

		// Deleted: the rule's own severity again, and no policy mistake.
		Files.delete(policy);
		changed(policy, FileChangeType.Deleted);
		List<Diagnostic> gone = session.diagnosticsOf(uri,
				d -> withCode(d, "policy-invalid").isEmpty() && withCode(d, "gateway-multiple").size() == 1);
		assertEquals(DiagnosticSeverity.Warning, withCode(gone, "gateway-multiple").get(0).getSeverity());

		// The hidden name works alike.
		Path hidden = Files.writeString(workspace.resolve(".ocstopo.json"), "{\"rules\": {\"gateway-multiple\": \"off\"}}");
		changed(hidden, FileChangeType.Created);
		session.diagnosticsOf(uri, d -> withCode(d, "gateway-multiple").isEmpty() && withCode(d, "subnet-host-bits").size() == 1);
		assertFalse(session.stderr().contains("Exception"), session.stderr());
	}

	private void changed(Path file, FileChangeType type) {
		session.server().getWorkspaceService()
				.didChangeWatchedFiles(new DidChangeWatchedFilesParams(List.of(new FileEvent(file.toUri().toString(), type))));
	}
}
