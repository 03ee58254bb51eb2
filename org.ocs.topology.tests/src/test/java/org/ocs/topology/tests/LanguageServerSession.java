package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Registration;
import org.eclipse.lsp4j.RegistrationParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.xtext.ide.server.Document;

/**
 * An LSP4J client speaking to the ocstopo language server: either the built jar, started here as
 * a process over stdio, or a server someone else started (the Eclipse plug-in's connection), over
 * the streams it hands out. Records what the server publishes and, for a process, its stderr.
 */
final class LanguageServerSession implements AutoCloseable {

	/** How long initialize, or the wait for wanted diagnostics, may take unless told otherwise. */
	private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

	private final Process process;
	private final LanguageServer server;
	private final Duration timeout;
	private final Supplier<String> serverOutput;
	private final BlockingQueue<PublishDiagnosticsParams> published = new LinkedBlockingQueue<>();
	/** The latest diagnostics of each other file, published while a wait looked for one file. */
	private final java.util.Map<String, List<Diagnostic>> unseen = new java.util.HashMap<>();
	private final StringBuffer stderr = new StringBuffer();
	private final List<Registration> registrations = new CopyOnWriteArrayList<>();

	private LanguageServerSession(Process process, InputStream in, OutputStream out, Writer trace, Duration timeout,
			Supplier<String> serverOutput) {
		this.process = process;
		this.timeout = timeout;
		this.serverOutput = serverOutput != null ? serverOutput : stderr::toString;
		if (process != null) {
			captureStderr(process);
		}
		Launcher.Builder<LanguageServer> builder = new LSPLauncher.Builder<LanguageServer>().setLocalService(new RecordingClient())
				.setRemoteInterface(LanguageServer.class).setInput(in).setOutput(out);
		if (trace != null) {
			builder.traceMessages(new PrintWriter(trace, true));
		}
		Launcher<LanguageServer> launcher = builder.create();
		launcher.startListening();
		server = launcher.getRemoteProxy();
	}

	/** The built language server jar, as the build leaves it (or as {@code -Docstopo.ls.jar} names it). */
	static Path jar() {
		return Path.of(System.getProperty("ocstopo.ls.jar",
				TopologyTestSupport.repositoryRoot().resolve("org.ocs.topology.ide/target/ocstopo-language-server.jar").toString()));
	}

	/** Starts the built jar as {@code java -jar ocstopo-language-server.jar --stdio}, as editors do. */
	static LanguageServerSession start() throws IOException {
		return start(null);
	}

	/** As {@link #start()}, writing every JSON message, both ways, to {@code trace} as it travels. */
	static LanguageServerSession start(Writer trace) throws IOException {
		return start(trace, List.of());
	}

	/** As {@link #start(Writer)}, with options for the server's JVM (e.g. a system property). */
	static LanguageServerSession start(Writer trace, List<String> jvmOptions) throws IOException {
		return start(List.of(), trace, jvmOptions);
	}

	/** As {@link #start(Writer, List)}, the command after a prefix (e.g. setpriv, to run as another user). */
	static LanguageServerSession start(List<String> commandPrefix, Writer trace, List<String> jvmOptions) throws IOException {
		Path jar = jar();
		assertTrue(Files.isRegularFile(jar), "build the language server first: " + jar);
		if (!commandPrefix.isEmpty()) {
			// Run as another user: the clone's own folder may be closed to it.
			jar = TopologyTestSupport.readableByAnyone(jar);
		}
		List<String> command = new ArrayList<>(commandPrefix);
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.addAll(List.of("-jar", jar.toString(), "--stdio"));
		Process process = new ProcessBuilder(command).start();
		return new LanguageServerSession(process, process.getInputStream(), process.getOutputStream(), trace, DEFAULT_TIMEOUT,
				null);
	}

	/**
	 * Over the streams of a server started by someone else, which owns the process; {@code serverOutput}
	 * tells what the server wrote besides the protocol (its log), for failure messages.
	 */
	static LanguageServerSession over(InputStream in, OutputStream out, Duration timeout, Supplier<String> serverOutput) {
		return new LanguageServerSession(null, in, out, null, timeout, serverOutput);
	}

	/** Reads stderr as it comes, so that a test can look at it while the server runs. */
	private void captureStderr(Process started) {
		Thread errors = new Thread(() -> {
			try {
				byte[] buffer = new byte[8192];
				int read;
				while ((read = started.getErrorStream().read(buffer)) > 0) {
					stderr.append(new String(buffer, 0, read));
				}
			} catch (IOException ignored) {
				// the process is gone
			}
		}, "language server stderr");
		errors.setDaemon(true);
		errors.start();
	}

	LanguageServer server() {
		return server;
	}

	TextDocumentService documents() {
		return server.getTextDocumentService();
	}

	/** What the server wrote besides the protocol so far: the process's stderr, or the log it was given. */
	String stderr() {
		return serverOutput.get();
	}

	/** Whether the server process still runs; only for a session that started it. */
	boolean isAlive() {
		if (process == null) {
			throw new IllegalStateException("the process belongs to whoever started the server");
		}
		return process.isAlive();
	}

	/** initialize with the workspace as root and only folder, then initialized. */
	InitializeResult initialize(Path workspace, ClientCapabilities capabilities) throws Exception {
		InitializeParams params = new InitializeParams();
		params.setProcessId((int) ProcessHandle.current().pid());
		params.setRootUri(workspace.toUri().toString());
		params.setWorkspaceFolders(List.of(new WorkspaceFolder(workspace.toUri().toString(), "workspace")));
		params.setCapabilities(capabilities);
		InitializeResult result = server.initialize(params).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		server.initialized(new InitializedParams());
		return result;
	}

	/** Waits for the next diagnostics of a file that satisfy a condition; fails after the timeout. */
	List<Diagnostic> diagnosticsOf(String uri, Predicate<List<Diagnostic>> wanted) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		// What another file got while an earlier wait looked for this one is not lost: its latest counts.
		List<Diagnostic> last = unseen.remove(uri);
		if (last != null && wanted.test(last)) {
			return last;
		}
		while (System.nanoTime() < deadline) {
			PublishDiagnosticsParams params = published.poll(1, TimeUnit.SECONDS);
			if (params == null) {
				continue;
			}
			if (params.getUri().equals(uri)) {
				last = params.getDiagnostics();
				if (wanted.test(last)) {
					return last;
				}
			} else {
				unseen.put(params.getUri(), params.getDiagnostics());
			}
		}
		throw new AssertionError("no wanted diagnostics for " + uri + "; last: " + last + "; stderr: " + stderr());
	}

	/** The latest diagnostics of a file published since the last look, without waiting; none if none came. */
	List<Diagnostic> latestDiagnosticsOf(String uri) {
		List<Diagnostic> current = new ArrayList<>();
		PublishDiagnosticsParams latest;
		List<Diagnostic> earlier = unseen.remove(uri);
		if (earlier != null) {
			current = earlier;
		}
		while ((latest = published.poll()) != null) {
			if (latest.getUri().equals(uri)) {
				current = latest.getDiagnostics();
			} else {
				unseen.put(latest.getUri(), latest.getDiagnostics());
			}
		}
		return current;
	}

	/**
	 * The latest diagnostics of every file, once the server has published nothing for {@code quiet}
	 * (what it published before this call included); fails after the timeout.
	 */
	java.util.Map<String, List<Diagnostic>> settledDiagnostics(Duration quiet) throws InterruptedException {
		java.util.Map<String, List<Diagnostic>> latest = new java.util.TreeMap<>(unseen);
		unseen.clear();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			PublishDiagnosticsParams params = published.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
			if (params == null) {
				return latest;
			}
			latest.put(params.getUri(), params.getDiagnostics());
		}
		throw new AssertionError("the server kept publishing for " + timeout + "; stderr: " + stderr());
	}

	/** What the server registered dynamically (client/registerCapability) so far; each is accepted. */
	List<Registration> registrations() {
		return List.copyOf(registrations);
	}

	/** Waits until the server has registered a capability with this id; fails after the timeout. */
	Registration registration(String id) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			for (Registration registration : registrations) {
				if (registration.getId().equals(id)) {
					return registration;
				}
			}
			Thread.sleep(50);
		}
		throw new AssertionError("no registration " + id + "; got: " + registrations + "; stderr: " + stderr());
	}

	/** Forgets what was published so far, so that later waits see only what comes after. */
	void forgetPublished() {
		published.clear();
		unseen.clear();
	}

	/** shutdown, then exit, failing if the server does not answer the shutdown in time. */
	void shutdown(Duration within) throws Exception {
		server.shutdown().get(within.toMillis(), TimeUnit.MILLISECONDS);
		server.exit();
	}

	/** Shuts a started server down and makes sure its process is gone, whatever state the test left it in. */
	@Override
	public void close() {
		if (process == null || !process.isAlive()) {
			return;
		}
		try {
			shutdown(Duration.ofSeconds(20));
		} catch (Exception e) {
			// the assertions already failed; make sure the process goes
		}
		try {
			if (!process.waitFor(20, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
			}
		} catch (InterruptedException e) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	/** The diagnostics with a rule's code. */
	static List<Diagnostic> withCode(List<Diagnostic> diagnostics, String code) {
		return diagnostics.stream().filter(d -> d.getCode() != null && code.equals(d.getCode().getLeft())).toList();
	}

	/** Where a piece of text first starts, as an LSP position. */
	static Position positionOf(String text, String needle) {
		int offset = text.indexOf(needle);
		assertTrue(offset >= 0, "not in text: " + needle);
		return new Document(1, text).getPosition(offset);
	}

	/** The change from one text to the next as editors send it: the changed range only. */
	static org.eclipse.lsp4j.TextDocumentContentChangeEvent change(String before, String after) {
		int prefix = 0;
		int shorter = Math.min(before.length(), after.length());
		while (prefix < shorter && before.charAt(prefix) == after.charAt(prefix)) {
			prefix++;
		}
		int suffix = 0;
		while (suffix < shorter - prefix && before.charAt(before.length() - 1 - suffix) == after.charAt(after.length() - 1 - suffix)) {
			suffix++;
		}
		Document document = new Document(1, before);
		return new org.eclipse.lsp4j.TextDocumentContentChangeEvent(
				new org.eclipse.lsp4j.Range(document.getPosition(prefix), document.getPosition(before.length() - suffix)),
				after.substring(prefix, after.length() - suffix));
	}

	/** Applies edits that all refer to the same original text, as a client does: from the last backwards. */
	static String apply(String text, List<? extends TextEdit> edits) {
		List<TextEdit> sorted = new ArrayList<>(edits);
		sorted.sort((x, y) -> {
			int line = Integer.compare(y.getRange().getStart().getLine(), x.getRange().getStart().getLine());
			return line != 0 ? line : Integer.compare(y.getRange().getStart().getCharacter(), x.getRange().getStart().getCharacter());
		});
		return new Document(1, text).applyChanges(sorted).getContents();
	}

	/** Records publishDiagnostics and registrations; everything else a server may send is taken and dropped. */
	private final class RecordingClient implements LanguageClient {
		@Override
		public void telemetryEvent(Object object) {
		}

		@Override
		public void publishDiagnostics(PublishDiagnosticsParams diagnostics) {
			published.add(diagnostics);
		}

		@Override
		public void showMessage(MessageParams messageParams) {
		}

		@Override
		public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams requestParams) {
			return CompletableFuture.completedFuture(null);
		}

		@Override
		public void logMessage(MessageParams message) {
		}

		@Override
		public CompletableFuture<Void> registerCapability(RegistrationParams params) {
			registrations.addAll(params.getRegistrations());
			return CompletableFuture.completedFuture(null);
		}
	}
}
