package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.TextDocumentItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fail closed, through the built artifacts: the command-line jar and the language server run as
 * processes, a check made to throw by the documented fault-injection property
 * {@code -Docstopo.fault.check=<check name>}, and out of memory provoked with a small heap.
 */
class FailClosedEndToEndTest {

	/** An address-malformed finding (a per-declaration check) and two name-duplicate ones (a folder check). */
	private static final String TOPOLOGY = """
			subnet lan 192.0.2.0/24
			subnet dup 198.51.100.0/24
			subnet dup 203.0.113.0/24
			server fe1.contoso.com {
			    interface 192.0.2.300 on lan
			}
			""";

	record Run(int exitCode, String stdout, String stderr) {
	}

	@TempDir
	Path dir;

	private static Run cli(Path workingDirectory, List<String> jvmOptions, String... args) throws Exception {
		Path jar = TopologyTestSupport.repositoryRoot().resolve("org.ocs.topology.cli/target/ocstopo.jar");
		assertTrue(Files.isRegularFile(jar), "build the CLI jar first: " + jar);
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.addAll(List.of("-jar", jar.toString()));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).directory(workingDirectory.toFile())
				.redirectError(workingDirectory.resolve("stderr.txt").toFile()).start();
		process.getOutputStream().close();
		String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(process.waitFor(300, TimeUnit.SECONDS), "CLI did not finish");
		String stderr = Files.readString(workingDirectory.resolve("stderr.txt"));
		return new Run(process.exitValue(), stdout, stderr);
	}

	private static List<String> lines(String text, String containing) {
		return text.lines().filter(l -> l.contains(containing)).toList();
	}

	@Test
	void aThrowingFolderCheckIsOneLineAndExitTwoWithTheOtherFindings() throws Exception {
		Files.writeString(dir.resolve("site.ocstopo"), TOPOLOGY);
		Run run = cli(dir, List.of("-Docstopo.fault.check=address-duplicate"), "validate", "site.ocstopo");
		assertEquals(2, run.exitCode(), run.toString());
		assertEquals(List.of("site.ocstopo:1:1: error internal-error ocstopo could not finish the check of rule address-duplicate"
				+ " on file site.ocstopo: org.ocs.topology.validation.CheckFailures$InjectedFault: fault injected into"
				+ " address-duplicate by -Docstopo.fault.check; the findings of that check are missing; please"
				+ " report it."), lines(run.stdout(), "internal-error"), run.toString());
		// The other checks, per declaration and folder-wide, still report.
		assertEquals(1, lines(run.stdout(), " address-malformed ").size(), run.toString());
		assertEquals(2, lines(run.stdout(), " name-duplicate ").size(), run.toString());
		assertFalse(run.stderr().contains("\tat "), "no stack trace without --debug: " + run.stderr());
	}

	@Test
	void aThrowingDeclarationCheckIsOneLinePerDeclarationAndExitTwoEvenWithoutOtherErrors() throws Exception {
		Files.writeString(dir.resolve("clean.ocstopo"), """
				subnet lan 192.0.2.0/24
				server fe1.contoso.com {
				    interface 192.0.2.10 on lan
				}
				""");
		Run clean = cli(dir, List.of(), "validate", "clean.ocstopo");
		assertEquals(0, clean.exitCode(), clean.toString());
		Run run = cli(dir, List.of("-Docstopo.fault.check=subnet-host-bits"), "validate", "clean.ocstopo");
		assertEquals(2, run.exitCode(), "never 0 when a check could not finish: " + run);
		assertEquals(List.of("clean.ocstopo:1:1: error internal-error ocstopo could not finish the check of rule subnet-host-bits on file"
				+ " clean.ocstopo: org.ocs.topology.validation.CheckFailures$InjectedFault: fault injected into subnet-host-bits"
				+ " by -Docstopo.fault.check; the findings of that check are missing; please report it."),
				lines(run.stdout(), "internal-error"), run.toString());
		assertFalse(run.stderr().contains("\tat "), "no stack trace without --debug: " + run.stderr());
	}

	@Test
	void debugPrintsTheStackTraceToStandardError() throws Exception {
		Files.writeString(dir.resolve("site.ocstopo"), TOPOLOGY);
		Run run = cli(dir, List.of("-Docstopo.fault.check=pool-traffic-hairpin"), "validate", "--debug", "site.ocstopo");
		assertEquals(2, run.exitCode(), run.toString());
		assertEquals(1, lines(run.stdout(), "internal-error").size(), run.toString());
		assertTrue(run.stderr().contains("CheckFailures$InjectedFault: fault injected into pool-traffic-hairpin"), run.stderr());
		assertTrue(run.stderr().contains("\tat org.ocs.topology.validation.FolderChecks.run"), run.stderr());
		assertFalse(run.stdout().contains("\tat "), "standard output holds findings only: " + run.stdout());
	}

	@Test
	void outOfMemoryIsOneLineAndExitTwo() throws Exception {
		// A topology far larger than a 48 MB heap can hold once parsed, linked and checked.
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < 60_000; i++) {
			text.append("subnet net").append(i).append(" 10.").append(i / 256 % 256).append('.').append(i % 256)
					.append(".0/24\n");
		}
		Files.writeString(dir.resolve("huge.ocstopo"), text);
		Run run = cli(dir, List.of("-Xmx48m"), "validate", "huge.ocstopo");
		assertEquals(2, run.exitCode(), "exit 1 would mean 'the topology has errors': " + run.stderr());
		List<String> lines = run.stderr().lines().toList();
		assertEquals(1, lines.size(), run.stderr());
		assertTrue(lines.get(0).startsWith("ocstopo: out of memory"), run.stderr());
	}

	@Test
	void theLanguageServerPublishesTheInternalErrorAsADiagnostic() throws Exception {
		Path workspace = Files.createDirectories(dir.resolve("workspace"));
		Path file = Files.writeString(workspace.resolve("site.ocstopo"), TOPOLOGY);
		try (LanguageServerSession session = LanguageServerSession.start((Writer) null,
				List.of("-Docstopo.fault.check=address-duplicate"))) {
			session.initialize(workspace, new ClientCapabilities());
			String uri = file.toUri().toString();
			session.documents().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "ocstopo", 1, TOPOLOGY)));
			List<Diagnostic> diagnostics = session.diagnosticsOf(uri,
					d -> !LanguageServerSession.withCode(d, "internal-error").isEmpty());
			List<Diagnostic> internal = LanguageServerSession.withCode(diagnostics, "internal-error");
			assertEquals(1, internal.size(), diagnostics.toString());
			assertEquals(DiagnosticSeverity.Error, internal.get(0).getSeverity());
			assertTrue(internal.get(0).getMessage().getLeft().startsWith("ocstopo could not finish the check of rule address-duplicate on"
					+ " file site.ocstopo"), internal.get(0).getMessage().getLeft());
			assertEquals(1, LanguageServerSession.withCode(diagnostics, "address-malformed").size(), diagnostics.toString());
			assertEquals(2, LanguageServerSession.withCode(diagnostics, "name-duplicate").size(), diagnostics.toString());
			assertTrue(session.isAlive());
		}
	}

	/**
	 * The language server validates outside Xtext's build (DeferredValidation): a failure of a whole
	 * file's validation, outside every check's net, is still a finding on that file, not a log line.
	 */
	@Test
	void theLanguageServerPublishesAFailedFileValidationAsADiagnostic() throws Exception {
		Path workspace = Files.createDirectories(dir.resolve("workspace"));
		Path file = Files.writeString(workspace.resolve("site.ocstopo"), TOPOLOGY);
		try (LanguageServerSession session = LanguageServerSession.start((Writer) null,
				List.of("-Docstopo.fault.check=file-validation"))) {
			session.initialize(workspace, new ClientCapabilities());
			String uri = file.toUri().toString();
			List<Diagnostic> diagnostics = session.diagnosticsOf(uri,
					d -> !LanguageServerSession.withCode(d, "internal-error").isEmpty());
			assertEquals(1, diagnostics.size(), diagnostics.toString());
			assertEquals(DiagnosticSeverity.Error, diagnostics.get(0).getSeverity());
			assertTrue(diagnostics.get(0).getMessage().getLeft().startsWith("ocstopo could not finish check validation on"
					+ " file site.ocstopo"), diagnostics.get(0).getMessage().getLeft());
			assertTrue(session.isAlive());
		}
	}
}
