package org.ocs.topology.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * Whether a huge document holds up the other files (issue 11, item 3): one folder holds a single
 * file of about 10 MB (GeneratedTopology's clean pools, all in one site), another folder a small
 * topology. The huge file is opened, then changed three times (a comment line added at its end,
 * then removed, ...), and right after each of these the client asks for hover and completion in
 * the small file. Printed per round: how long after the open or change each answer came, and
 * when the huge file's diagnostics came, and the slowest of the hovers sent every 250 ms until then
 * (a request that comes while the change is built waits for the build). Then two changes 1.5 s apart: how long until the findings
 * of the last one (which adds a broken subnet), and how many publications of the file came first.
 *
 * <pre>java -cp benchmarks.jar org.ocs.topology.bench.LanguageServerBlocking &lt;ls jar&gt; [pools, default 5300]</pre>
 */
public final class LanguageServerBlocking {

	private LanguageServerBlocking() {
	}

	public static void main(String[] args) throws Exception {
		Path jar = Path.of(args.length > 0 ? args[0] : "org.ocs.topology.ide/target/ocstopo-language-server.jar");
		int pools = args.length > 1 ? Integer.parseInt(args[1]) : 5300;
		Path workspace = Files.createTempDirectory("ocstopo-ls-blocking");
		GeneratedTopology.write(workspace.resolve("big"), pools, 8, pools, false);
		GeneratedTopology.write(workspace.resolve("small"), 2, 8, 10, false);
		Path big = workspace.resolve("big/site000.ocstopo");
		Path small = workspace.resolve("small/site000.ocstopo");
		String bigText = Files.readString(big);
		String smallText = Files.readString(small);
		System.out.printf("huge file: %,d bytes, %,d lines (%d pools); small file: %d lines, in another folder%n",
				Files.size(big), bigText.lines().count(), pools, smallText.lines().count());

		BlockingQueue<PublishDiagnosticsParams> published = new LinkedBlockingQueue<>();
		Started started = start(jar, "-Xmx4g", published);
		Process process = started.process();
		LanguageServer server = started.server();
		InitializeParams init = initializeParams(workspace);
		long initializing = System.nanoTime();
		server.initialize(init).get(300, TimeUnit.SECONDS);
		server.initialized(new InitializedParams());
		String bigUri = big.toUri().toString();
		String smallUri = small.toUri().toString();
		awaitDiagnostics(published, bigUri, 600);
		System.out.printf("initial build: the huge file's diagnostics %.1f s after initialize%n", (System.nanoTime() - initializing) / 1e9);
		server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(smallUri, "ocstopo", 1, smallText)));
		awaitDiagnostics(published, smallUri, 120);

		// Hover on a member of the small file's pool (a reference), completion where a declaration starts.
		Position hover = positionOf(smallText, "fe0-0.bench.test,", 2);
		Position completion = new Position((int) smallText.lines().takeWhile(l -> !l.startsWith("    enterprise pool ")).count(), 4);
		int lastLine = (int) bigText.lines().count();
		int version = 1;
		for (int round = 0; round < 4; round++) {
			published.clear();
			long start = System.nanoTime();
			String what;
			if (round == 0) {
				what = "open huge file";
				server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(bigUri, "ocstopo", version, bigText)));
			} else {
				what = "change huge file";
				server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
						new VersionedTextDocumentIdentifier(bigUri, ++version), List.of(commentLineEdit(round, lastLine))));
			}
			CompletableFuture<Long> hovered = server.getTextDocumentService()
					.hover(new HoverParams(new TextDocumentIdentifier(smallUri), hover)).thenApply(h -> System.nanoTime());
			CompletableFuture<Long> completed = server.getTextDocumentService()
					.completion(new CompletionParams(new TextDocumentIdentifier(smallUri), completion)).thenApply(c -> System.nanoTime());
			// Later hovers, one every 250 ms until the diagnostics come: a request that arrives while
			// the change is built, not only the one right after it.
			List<long[]> probes = new java.util.concurrent.CopyOnWriteArrayList<>();
			java.util.concurrent.atomic.AtomicInteger probesSent = new java.util.concurrent.atomic.AtomicInteger();
			java.util.concurrent.ScheduledExecutorService prober = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
			prober.scheduleAtFixedRate(() -> {
				probesSent.incrementAndGet();
				long sent = System.nanoTime();
				server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(smallUri), hover))
						.handle((h, failed) -> probes.add(new long[] { sent - start, System.nanoTime() - sent, failed == null ? 0 : 1 }));
			}, 250, 250, TimeUnit.MILLISECONDS);
			awaitDiagnostics(published, bigUri, 600);
			long diagnosed = System.nanoTime();
			prober.shutdown();
			prober.awaitTermination(10, TimeUnit.SECONDS);
			// The last probes' answers (or refusals, such as a cancellation; at most 30 s).
			for (long waited = 0; probes.size() < probesSent.get() && waited < 30_000; waited += 50) {
				Thread.sleep(50);
			}
			long[] worst = probes.stream().max(java.util.Comparator.comparingLong(p -> p[1])).orElse(new long[] { 0, 0, 0 });
			long refused = probes.stream().filter(p -> p[2] != 0).count();
			System.out.printf("%-17s hover on the small file %6.0f ms, completion %6.0f ms, the huge file's diagnostics %6.0f ms;"
					+ " %d later hovers (%d cancelled), the slowest %5.0f ms (sent at %5.0f ms)%n",
					what, (hovered.get(600, TimeUnit.SECONDS) - start) / 1e6, (completed.get(600, TimeUnit.SECONDS) - start) / 1e6,
					(diagnosed - start) / 1e6, probes.size(), refused, worst[1] / 1e6, worst[0] / 1e6);
		}
		// Two changes in a row: the first one's validation is stale as soon as the second arrives.
		// The second adds a broken subnet, so that its findings are told from the first one's.
		published.clear();
		server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
				new VersionedTextDocumentIdentifier(bigUri, ++version), List.of(commentLineEdit(1, lastLine))));
		Thread.sleep(1500);
		long second = System.nanoTime();
		server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
				new VersionedTextDocumentIdentifier(bigUri, ++version), List.of(new TextDocumentContentChangeEvent(
						new Range(new Position(lastLine, 0), new Position(lastLine, 0)), "subnet stale-check 10.255.0.0/33\n"))));
		int seen = 0;
		PublishDiagnosticsParams last;
		do {
			last = awaitDiagnostics(published, bigUri, 600);
			seen++;
		} while (last.getDiagnostics().stream().noneMatch(d -> d.getMessage().getLeft().contains("stale-check")));
		System.out.printf("two changes 1.5 s apart: the last one's diagnostics %.0f ms after it (%d publications of the file until then)%n",
				(System.nanoTime() - second) / 1e6, seen);
		server.shutdown().get(60, TimeUnit.SECONDS);
		server.exit();
		process.waitFor(30, TimeUnit.SECONDS);
		System.exit(0);
	}

	/** A server process and the client's proxy to it. */
	record Started(Process process, LanguageServer server) {
	}

	/**
	 * Starts the server jar with a heap, speaking LSP over its stdio; what it publishes goes to
	 * {@code published}. {@code -Dls.jvm="..."} passes options to its JVM (a profiler, a GC log),
	 * {@code -Dls.stderr=true} shows its log (shared with LanguageServerLatency).
	 */
	static Started start(Path jar, String heap, BlockingQueue<PublishDiagnosticsParams> published) throws IOException {
		List<String> command = new java.util.ArrayList<>(List.of("java", heap));
		String options = System.getProperty("ls.jvm", "").trim();
		if (!options.isEmpty()) {
			command.addAll(List.of(options.split("\\s+")));
		}
		command.addAll(List.of("-jar", jar.toString()));
		Process process = new ProcessBuilder(command).redirectError(
				Boolean.getBoolean("ls.stderr") ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.DISCARD).start();
		Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(client(published),
				process.getInputStream(), process.getOutputStream());
		launcher.startListening();
		return new Started(process, launcher.getRemoteProxy());
	}

	/** initialize with the workspace as root and only folder, and no client capabilities. */
	static InitializeParams initializeParams(Path workspace) {
		InitializeParams init = new InitializeParams();
		init.setRootUri(workspace.toUri().toString());
		init.setWorkspaceFolders(List.of(new WorkspaceFolder(workspace.toUri().toString(), "bench")));
		init.setCapabilities(new ClientCapabilities());
		return init;
	}

	/** Odd rounds add a comment line at the end, even rounds remove it. */
	private static TextDocumentContentChangeEvent commentLineEdit(int round, int lastLine) {
		return round % 2 == 1
				? new TextDocumentContentChangeEvent(new Range(new Position(lastLine, 0), new Position(lastLine, 0)), "// edited\n")
				: new TextDocumentContentChangeEvent(new Range(new Position(lastLine, 0), new Position(lastLine + 1, 0)), "");
	}

	private static Position positionOf(String text, String needle, int into) {
		int offset = text.indexOf(needle);
		String before = text.substring(0, offset);
		int line = (int) before.chars().filter(c -> c == '\n').count();
		return new Position(line, offset - before.lastIndexOf('\n') - 1 + into);
	}

	private static PublishDiagnosticsParams awaitDiagnostics(BlockingQueue<PublishDiagnosticsParams> published, String uri,
			int seconds) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		while (System.nanoTime() < deadline) {
			PublishDiagnosticsParams params = published.poll(1, TimeUnit.SECONDS);
			if (params != null && params.getUri().equals(uri)) {
				return params;
			}
		}
		throw new IllegalStateException("no diagnostics for " + uri + " within " + seconds + " s");
	}

	/** A client that keeps what is published and accepts the rest (shared with LanguageServerLatency). */
	static LanguageClient client(BlockingQueue<PublishDiagnosticsParams> published) {
		return new LanguageClient() {
			public void telemetryEvent(Object object) {
			}

			public void publishDiagnostics(PublishDiagnosticsParams diagnostics) {
				published.add(diagnostics);
			}

			public void showMessage(MessageParams messageParams) {
			}

			public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams requestParams) {
				return CompletableFuture.completedFuture(null);
			}

			public void logMessage(MessageParams message) {
			}
		};
	}
}
