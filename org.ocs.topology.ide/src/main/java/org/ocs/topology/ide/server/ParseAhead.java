package org.ocs.topology.ide.server;

import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import org.apache.log4j.Logger;
import org.eclipse.emf.common.util.URI;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.RemoteEndpoint;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.eclipse.lsp4j.jsonrpc.messages.NotificationMessage;
import org.eclipse.lsp4j.jsonrpc.messages.RequestMessage;
import org.eclipse.xtext.ide.server.UriExtensions;
import org.eclipse.xtext.resource.IResourceServiceProvider;
import org.ocs.topology.resource.PreparedParses;

import com.google.inject.Inject;

/**
 * A large file's change is parsed before it reaches Xtext's request queue, and requests on other
 * files are answered meanwhile. Xtext runs each change as a write: every request that comes after
 * it waits until the change is parsed, linked and indexed, which took 5 to 9 s for a 10 MB file
 * (issue 11, item 3). Here the change of a file of at least {@code ocstopo.parseAhead.minChars}
 * characters (a million unless set) is held, with every message after it, while its new text is
 * parsed, linked and named on a thread of its own ({@link PreparedParses#prepare}); then they go on
 * in the order they came, and the build takes that model instead of parsing, linking and naming. A read-only request on a file that no held
 * message concerns goes on at once: it is answered from the state before the held change, as if it
 * had come a moment earlier. Requests on the changed file, and every other message, keep their
 * order, so each sees the changes sent before it.
 * <p>
 * Each file's text is followed here as the client sends it (as {@link TopologyWorkspaceManager}
 * does); when the text parsed is not the text the build loads, the build parses as it always did.
 */
public final class ParseAhead implements Function<MessageConsumer, MessageConsumer> {

	private static final Logger LOG = Logger.getLogger(ParseAhead.class);

	/** Requests that change nothing and concern the one file they name: these may pass held changes of other files. */
	private static final Set<String> READS = Set.of("textDocument/hover", "textDocument/completion",
			"textDocument/signatureHelp", "textDocument/definition", "textDocument/declaration", "textDocument/typeDefinition",
			"textDocument/implementation", "textDocument/references", "textDocument/documentHighlight",
			"textDocument/documentSymbol", "textDocument/foldingRange", "textDocument/semanticTokens/full",
			"textDocument/semanticTokens/full/delta", "textDocument/semanticTokens/range", "textDocument/codeLens",
			"textDocument/documentLink", "textDocument/selectionRange", "textDocument/inlayHint",
			"textDocument/prepareRename");

	/** A change held longer than this while newer texts keep coming is let through (the build parses). */
	private static final long MAX_HOLD_NANOS = 3_000_000_000L;

	private final int minChars = Integer.getInteger("ocstopo.parseAhead.minChars", 1_000_000);

	@Inject
	private IResourceServiceProvider.Registry languages;

	@Inject
	private UriExtensions uris;

	private final ExecutorService parsing = Executors.newSingleThreadExecutor(run -> {
		Thread thread = new Thread(run, "ocstopo-parse-ahead");
		thread.setDaemon(true);
		return thread;
	});

	@Override
	public MessageConsumer apply(MessageConsumer next) {
		// LSP4J wraps both ways with this; only what the client sends goes to the endpoint.
		return next instanceof RemoteEndpoint ? new Gate(next) : next;
	}

	private final class Gate implements MessageConsumer {

		private final MessageConsumer next;

		/** Each open file's text as the client has it, after every message that came so far. */
		private final Map<URI, ClampedDocument> texts = new HashMap<>();

		/** Messages held, in the order they came. */
		private final Deque<Message> held = new ArrayDeque<>();

		/** The files some held message concerns: requests on them wait too. */
		private final Set<URI> heldFiles = new HashSet<>();

		/** The text each held large change left, still being parsed. */
		private final Map<URI, String> awaited = new HashMap<>();

		private long holdingSince;

		Gate(MessageConsumer next) {
			this.next = next;
		}

		@Override
		public synchronized void consume(Message message) {
			URI file = fileOf(message);
			String largeText = follow(message, file);
			if (held.isEmpty() && largeText == null || passes(message, file)) {
				forward(message);
				return;
			}
			if (held.isEmpty()) {
				holdingSince = System.nanoTime();
			}
			held.add(message);
			if (file != null) {
				heldFiles.add(file);
			}
			if (largeText != null) {
				awaited.put(file, largeText);
				String text = largeText;
				parsing.execute(() -> parse(file, text));
			} else if (file != null && awaited.containsKey(file) && changes(message)) {
				// Closed, or changed to a small text: nothing to wait for on its account.
				awaited.remove(file);
				releaseIfDone();
			}
		}

		/** Keeps the file's text as the client has it; the new text when the message leaves a large file changed. */
		private String follow(Message message, URI file) {
			if (!(message instanceof NotificationMessage notification) || file == null) {
				return null;
			}
			Object params = notification.getParams();
			if (params instanceof DidOpenTextDocumentParams open) {
				texts.put(file, new ClampedDocument(open.getTextDocument().getVersion(), open.getTextDocument().getText()));
			} else if (params instanceof DidCloseTextDocumentParams) {
				texts.remove(file);
				IResourceServiceProvider language = languages.getResourceServiceProvider(file);
				if (language != null) {
					language.get(PreparedParses.class).forget(file);
				}
			} else if (params instanceof DidChangeTextDocumentParams change) {
				ClampedDocument before = texts.get(file);
				if (before != null) {
					ClampedDocument after = before.withChanges(change.getTextDocument().getVersion(), change.getContentChanges());
					texts.put(file, after);
					return after.getContents().length() >= minChars && languages.getResourceServiceProvider(file) != null
							? after.getContents() : null;
				}
			}
			return null;
		}

		private boolean changes(Message message) {
			return message instanceof NotificationMessage notification
					&& (notification.getParams() instanceof DidChangeTextDocumentParams
							|| notification.getParams() instanceof DidCloseTextDocumentParams);
		}

		/** A read-only request on a file no held message concerns; and the client's answers to the server's requests. */
		private boolean passes(Message message, URI file) {
			if (!(message instanceof RequestMessage || message instanceof NotificationMessage)) {
				return true;
			}
			return message instanceof RequestMessage request && READS.contains(request.getMethod()) && file != null
					&& !heldFiles.contains(file);
		}

		private void parse(URI file, String text) {
			PreparedParses.Prepared result = null;
			synchronized (this) {
				if (awaited.get(file) != text) {
					return; // a newer text came; its own parse follows
				}
			}
			try {
				result = languages.getResourceServiceProvider(file).get(PreparedParses.class).prepare(file, text);
			} catch (RuntimeException | StackOverflowError | OutOfMemoryError failed) {
				// The build parses the file itself, as it always did.
				LOG.warn("parsing " + file + " ahead of the build failed; the build parses it: " + failed);
			}
			parsed(file, text, result);
		}

		private synchronized void parsed(URI file, String text, PreparedParses.Prepared result) {
			if (awaited.get(file) != text) {
				// A newer text came: it is parsed next, unless the changes have waited long enough.
				if (System.nanoTime() - holdingSince > MAX_HOLD_NANOS) {
					awaited.clear();
					releaseIfDone();
				}
				return;
			}
			awaited.remove(file);
			if (result != null) {
				languages.getResourceServiceProvider(file).get(PreparedParses.class).put(file, result);
			}
			releaseIfDone();
		}

		private void releaseIfDone() {
			if (!awaited.isEmpty()) {
				return;
			}
			while (!held.isEmpty()) {
				forward(held.poll());
			}
			heldFiles.clear();
		}

		private void forward(Message message) {
			try {
				next.consume(message);
			} catch (RuntimeException failed) {
				// One message that fails must not stop the others (nor, on the reader thread, the server).
				LOG.error("handling " + describe(message) + " failed", failed);
			}
		}

		private String describe(Message message) {
			return message instanceof RequestMessage request ? request.getMethod()
					: message instanceof NotificationMessage notification ? notification.getMethod() : "a response";
		}
	}

	/** The file the message's {@code textDocument} names, or null. */
	private URI fileOf(Message message) {
		Object params = message instanceof RequestMessage request ? request.getParams()
				: message instanceof NotificationMessage notification ? notification.getParams() : null;
		if (params == null) {
			return null;
		}
		try {
			Method textDocument = TEXT_DOCUMENT.get(params.getClass());
			Object identifier = textDocument == null ? null : textDocument.invoke(params);
			Method getUri = identifier == null ? null : identifier.getClass().getMethod("getUri");
			Object uri = getUri == null ? null : getUri.invoke(identifier);
			return uri instanceof String text ? uris.toUri(text) : null;
		} catch (ReflectiveOperationException | RuntimeException notADocument) {
			return null;
		}
	}

	private static final ClassValue<Method> TEXT_DOCUMENT = new ClassValue<>() {
		@Override
		protected Method computeValue(Class<?> type) {
			try {
				return type.getMethod("getTextDocument");
			} catch (NoSuchMethodException none) {
				return null;
			}
		}
	};
}
