package org.ocs.topology.ide.server;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.xtext.ide.server.LanguageServerImpl;
import org.eclipse.xtext.ide.server.ServerModule;
import org.eclipse.xtext.ide.server.WorkspaceManager;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.util.Modules;

/**
 * The ocstopo language server on standard input and output, for any LSP client (VS Code, Eclipse
 * LSP4E, Neovim, Emacs). Standard output carries the protocol and nothing else: whatever a
 * library prints goes to standard error, like the logs. Arguments such as {@code --stdio} are
 * accepted and ignored.
 */
public final class LanguageServerMain {

	private LanguageServerMain() {
	}

	public static void main(String[] args) throws Exception {
		InputStream in = System.in;
		PrintStream out = System.out;
		System.setOut(System.err);
		System.setIn(new ByteArrayInputStream(new byte[0]));

		Injector injector = Guice.createInjector(Modules.override(new ServerModule())
				.with(binder -> {
					binder.bind(LanguageServerImpl.class).to(TopologyLanguageServer.class);
					binder.bind(WorkspaceManager.class).to(TopologyWorkspaceManager.class);
					binder.bind(org.eclipse.xtext.util.IFileSystemScanner.class).to(TopologyFileSystemScanner.class);
					// Builds parse, link and index; validation follows in a read request (DeferredValidation).
					binder.bind(org.eclipse.xtext.build.IncrementalBuilder.InternalStatefulIncrementalBuilder.class)
							.to(DeferredValidation.Builder.class);
					binder.bind(org.eclipse.xtext.ide.server.concurrent.IRequestManager.class).to(ValidatingRequestManager.class);
					// The workspace's resource sets, with the holder of the folder caches made in
					// (PerResourceSet). Xtext's synchronized set, as the command line's: a file loaded on
					// demand, or a link resolved across files, waits for a load another read runs.
					binder.bind(org.eclipse.xtext.resource.XtextResourceSet.class)
							.to(org.ocs.topology.resource.TopologyResourceSet.class);
				}));
		LanguageServerImpl server = injector.getInstance(LanguageServerImpl.class);
		// LSP4J reads well-framed messages only: the client's bytes are framed again on the way in.
		// Room for a whole large file's didOpen: the framing thread hands it on without waiting.
		PipedInputStream framed = new PipedInputStream(1 << 20);
		Thread framing = new Thread(new MessageFraming(in, new PipedOutputStream(framed), System.err), "ocstopo-framing");
		framing.setDaemon(true);
		framing.start();
		ExecutorService executor = Executors.newCachedThreadPool();
		Launcher<LanguageClient> launcher = new LSPLauncher.Builder<LanguageClient>() {
			@Override
			protected MessageJsonHandler createJsonHandler() {
				MessageJsonHandler handler = super.createJsonHandler();
				// The JSON code of the first large didOpen and of the first answers, warmed while the server starts.
				ProtocolWarmUp.start(handler);
				return handler;
			}
		}
				.setLocalService(server)
				.setRemoteInterface(LanguageClient.class)
				.setInput(framed)
				.setOutput(out)
				.setExecutorService(executor)
				.wrapMessages(injector.getInstance(ParseAhead.class))
				.create();
		server.connect(launcher.getRemoteProxy());
		launcher.startListening().get();
		executor.shutdownNow();
		System.exit(0);
	}
}
