package org.ocs.topology.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
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
 * Editor latency over real stdio against the built language server jar, with one large topology
 * file open: didChange to publishDiagnostics, and completion, p50 and p95; and the first
 * completion, asked right after the file is opened in a server that has finished its first build.
 *
 * <pre>java -cp benchmarks.jar org.ocs.topology.bench.LanguageServerLatency &lt;ls jar&gt; [pools] [edits] [clean|hairpins] [pools per file]</pre>
 *
 * {@code -Dprofile=<agent library>,<options>} loads a JVMTI profiling agent (async-profiler's
 * {@code libasyncProfiler.so}, with {@code event=cpu,interval=200us,threads,file=open.collapsed}
 * for instance) into the server with the JDK's {@code jcmd} just before the file is opened, and
 * stops it once the first completion is answered: the server's samples of the opening alone.
 */
public final class LanguageServerLatency {

	/**
	 * The same opening and completions against a server that is then shut down, so that the measured
	 * first completion is the server's, not this client's: an editor's JSON code is warm, a fresh
	 * client JVM's is not (it spent about 30 ms writing the 174 KB didOpen and 30 ms reading the
	 * answer). The measured server is started afresh and is as cold as ever. -DcoldClient=true skips it.
	 */
	private static void warmClient(Path jar, Path workspace, String uri, String text, int line) throws Exception {
		BlockingQueue<PublishDiagnosticsParams> published = new LinkedBlockingQueue<>();
		LanguageServerBlocking.Started started = LanguageServerBlocking.start(jar, "-Xmx2g", published);
		LanguageServer server = started.server();
		server.initialize(LanguageServerBlocking.initializeParams(workspace)).get(120, TimeUnit.SECONDS);
		server.initialized(new InitializedParams());
		awaitDiagnostics(published, uri);
		for (int round = 1; round <= 10; round++) {
			server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "ocstopo", round, text)));
			server.getTextDocumentService().completion(new CompletionParams(new TextDocumentIdentifier(uri),
					new Position(line, 4))).get(60, TimeUnit.SECONDS);
			server.getTextDocumentService().didClose(new DidCloseTextDocumentParams(new TextDocumentIdentifier(uri)));
		}
		server.shutdown().get(30, TimeUnit.SECONDS);
		server.exit();
		started.process().waitFor(30, TimeUnit.SECONDS);
	}

	private static final int WARM_UP = 20;

	private LanguageServerLatency() {
	}

	public static void main(String[] args) throws Exception {
		Path jar = Path.of(args.length > 0 ? args[0] : "org.ocs.topology.ide/target/ocstopo-language-server.jar");
		int pools = args.length > 1 ? Integer.parseInt(args[1]) : 86;
		int edits = args.length > 2 ? Integer.parseInt(args[2]) : 60;
		boolean hairpins = args.length > 3 && args[3].equals("hairpins");
		int poolsPerFile = args.length > 4 ? Integer.parseInt(args[4]) : pools;
		Path workspace = Files.createTempDirectory("ocstopo-ls-bench");
		GeneratedTopology.write(workspace, pools, 8, poolsPerFile, hairpins);
		Path file = workspace.resolve("site000.ocstopo");
		String text = Files.readString(file);
		System.out.println("topology: " + pools + " pools in " + (pools + poolsPerFile - 1) / poolsPerFile + " site files, " + text.lines().count() + " lines in the open file"
				+ (hairpins ? ", every odd pool with hairpins (32 errors each)" : ", clean"));

		String uri = file.toUri().toString();
		// Completion where a declaration can start, inside the site; the first one right after opening.
		int line = (int) text.lines().takeWhile(l -> !l.startsWith("    enterprise pool ")).count();
		if (!Boolean.getBoolean("coldClient")) {
			warmClient(jar, workspace, uri, text, line);
		}

		BlockingQueue<PublishDiagnosticsParams> published = new LinkedBlockingQueue<>();
		LanguageServerBlocking.Started started = LanguageServerBlocking.start(jar, "-Xmx2g", published);
		Process process = started.process();
		LanguageServer server = started.server();
		InitializeParams init = LanguageServerBlocking.initializeParams(workspace);
		server.initialize(init).get(120, TimeUnit.SECONDS);
		server.initialized(new InitializedParams());
		// The server is ready once the workspace's first build has validated the file (from disk).
		awaitDiagnostics(published, uri);
		// -Dsettle=ms: a user who opens the file a while after the server started, once its JIT has caught up.
		Thread.sleep(Long.getLong("settle", 0));
		// -Dprofile=<async-profiler library>,<its options>: the server's samples of the opening alone.
		String profile = System.getProperty("profile");
		String[] agent = profile == null ? null : profile.split(",", 2);
		if (agent != null && (agent.length < 2 || !agent[1].matches("(.*,)?file=[^,]+(,.*)?"))) {
			throw new IllegalArgumentException("-Dprofile=<agent library>,<options with file=...>, not " + profile);
		}
		if (agent != null) {
			agent(process, agent[0], "start," + agent[1]);
		}
		long opened = System.nanoTime();
		if (Boolean.getBoolean("each")) {
			System.out.printf("didOpen sent at %s%n", java.time.LocalTime.now());
		}
		server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "ocstopo", 1, text)));
		if (Boolean.getBoolean("probe")) {
			server.getTextDocumentService().hover(new org.eclipse.lsp4j.HoverParams(new TextDocumentIdentifier(uri), new Position(0, 0))).get(60, TimeUnit.SECONDS);
			System.out.printf("probe: hover answered %.1f ms after didOpen%n", (System.nanoTime() - opened) / 1e6);
		}
		server.getTextDocumentService().completion(new CompletionParams(new TextDocumentIdentifier(uri),
				new Position(line, 4))).get(60, TimeUnit.SECONDS);
		long firstCompletion = System.nanoTime() - opened;
		if (agent != null) {
			agent(process, agent[0], "stop," + agent[1].replaceFirst("^(.*,)?(file=[^,]+)(,.*)?$", "$2"));
		}

		// Each edit changes the default gateway of one Front End, as an editor sends it (the changed
		// range only), so the analysis has new work. The first rounds warm the JIT and are not counted.
		int gatewayLine = (int) text.lines().takeWhile(l -> !l.contains("default gateway 10.1.0.1")).count();
		int column = text.lines().skip(gatewayLine).findFirst().orElseThrow().indexOf("10.1.0.1");
		List<Long> diagnostics = new ArrayList<>();
		int version = 1;
		String current = "10.1.0.1";
		for (int i = -WARM_UP; i < edits; i++) {
			String next = current.equals("10.1.0.1") ? "10.1.0.254" : "10.1.0.1";
			TextDocumentContentChangeEvent change = new TextDocumentContentChangeEvent(
					new Range(new Position(gatewayLine, column), new Position(gatewayLine, column + current.length())), next);
			current = next;
			published.clear();
			long start = System.nanoTime();
			server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
					new VersionedTextDocumentIdentifier(uri, ++version), List.of(change)));
			awaitDiagnostics(published, uri);
			if (i >= 0) {
				diagnostics.add(System.nanoTime() - start);
				if (Boolean.getBoolean("each")) {
					// The wall-clock time too, to find the edit in a recording of the server (JFR, GC log).
					System.out.printf("edit %d: %.0f ms (sent at %s)%n", i, (System.nanoTime() - start) / 1e6,
							java.time.LocalTime.now().minusNanos(System.nanoTime() - start));
				}
			}
		}
		List<Long> completions = new ArrayList<>();
		for (int i = -WARM_UP; i < edits; i++) {
			long start = System.nanoTime();
			server.getTextDocumentService().completion(new CompletionParams(new TextDocumentIdentifier(uri),
					new Position(line, 4))).get(60, TimeUnit.SECONDS);
			if (i >= 0) {
				completions.add(System.nanoTime() - start);
			}
		}
		report("didChange -> publishDiagnostics", diagnostics);
		report("completion", completions);
		System.out.printf("%-35s %.1f ms after didOpen%n", "first completion", firstCompletion / 1e6);
		server.shutdown().get(30, TimeUnit.SECONDS);
		server.exit();
		process.waitFor(30, TimeUnit.SECONDS);
		System.exit(0);
	}

	/** Loads a JVMTI agent into the running server (with the JDK's jcmd), for a profiler's start or stop. */
	private static void agent(Process server, String library, String options) throws Exception {
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		Process loading = new ProcessBuilder(jcmd.toString(), Long.toString(server.pid()), "JVMTI.agent_load",
				// jcmd reads name=value pairs itself: the agent's options go in quotes.
				library, '"' + options + '"').inheritIO().start();
		if (!loading.waitFor(30, TimeUnit.SECONDS) || loading.exitValue() != 0) {
			throw new IllegalStateException("jcmd could not load " + library + " with " + options);
		}
	}

	private static void awaitDiagnostics(BlockingQueue<PublishDiagnosticsParams> published, String uri)
			throws InterruptedException {
		while (true) {
			PublishDiagnosticsParams params = published.poll(120, TimeUnit.SECONDS);
			if (params == null) {
				throw new IllegalStateException("no diagnostics within 120 s");
			}
			if (params.getUri().equals(uri)) {
				return;
			}
		}
	}

	private static void report(String what, List<Long> nanos) {
		List<Long> sorted = new ArrayList<>(nanos);
		Collections.sort(sorted);
		System.out.printf("%-35s n=%d  p50=%.1f ms  p95=%.1f ms  max=%.1f ms%n", what, sorted.size(),
				sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1) / 1e6,
				sorted.get(sorted.size() - 1) / 1e6);
	}
}
