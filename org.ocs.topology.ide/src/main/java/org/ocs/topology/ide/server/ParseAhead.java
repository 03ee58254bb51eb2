package org.ocs.topology.ide.server;

import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.apache.log4j.Logger;
import org.eclipse.emf.common.util.URI;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.RemoteEndpoint;
import org.eclipse.lsp4j.jsonrpc.json.StreamMessageConsumer;
import org.eclipse.lsp4j.jsonrpc.messages.CancelParams;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.eclipse.lsp4j.jsonrpc.messages.NotificationMessage;
import org.eclipse.lsp4j.jsonrpc.messages.RequestMessage;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseMessage;
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
 * in the order they came, and the build takes that model instead of parsing, linking and naming.
 * <p>
 * Meanwhile a request that reads one file and answers nothing located in another (hover,
 * completion, outline...) goes on at once when no held message concerns its file: it is answered
 * from the state before the held change, as if it had come a moment earlier. The held messages go
 * on once those requests are answered (a write cancels the requests before it), or after a while.
 * Every other message keeps its order, so each sees the changes sent before it. Nothing is held
 * longer than {@link #MAX_HOLD_MILLIS}: then the build parses as it always did.
 * <p>
 * Each file's text is followed here as the client sends it (as {@link TopologyWorkspaceManager}
 * does); when the text parsed is not the text the build loads, the build parses as it always did.
 */
public final class ParseAhead implements Function<MessageConsumer, MessageConsumer> {

	private static final Logger LOG = Logger.getLogger(ParseAhead.class);

	/**
	 * Requests that change nothing and answer about the one file they name, with no location in
	 * another file (which could be a held file's old position): these may pass held changes of
	 * other files.
	 */
	private static final Set<String> READS = Set.of("textDocument/hover", "textDocument/completion",
			"textDocument/signatureHelp", "textDocument/documentHighlight", "textDocument/documentSymbol",
			"textDocument/foldingRange", "textDocument/semanticTokens/full", "textDocument/semanticTokens/full/delta",
			"textDocument/semanticTokens/range", "textDocument/codeLens", "textDocument/selectionRange",
			"textDocument/inlayHint", "textDocument/prepareRename");

	/** The longest a message is held: a parse that takes longer is no longer waited for. */
	static final long MAX_HOLD_MILLIS = 10_000;

	/** How long the held messages wait for the requests that passed them to be answered. */
	private static final long PASSED_WAIT_MILLIS = 2_000;

	private final int minChars = Integer.getInteger("ocstopo.parseAhead.minChars", 1_000_000);

	/** For tests: how long each parse ahead waits first, so that a test can act while a change is held. */
	private final long testDelayMillis = Long.getLong("ocstopo.parseAhead.testDelayMillis", 0);

	@Inject
	private IResourceServiceProvider.Registry languages;

	@Inject
	private UriExtensions uris;

	/** Parses ahead one at a time, and runs the timed releases. */
	private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(run -> {
		Thread thread = new Thread(run, "ocstopo-parse-ahead");
		thread.setDaemon(true);
		return thread;
	});

	/** The ids of the requests let past held messages and not yet answered. */
	private final Set<String> passed = ConcurrentHashMap.newKeySet();

	private volatile Gate gate;

	@Override
	public synchronized MessageConsumer apply(MessageConsumer next) {
		// LSP4J wraps both ways with this: what the client sends reaches the endpoint, the answers
		// go to the stream.
		if (next instanceof RemoteEndpoint) {
			gate = new Gate(next);
			return gate;
		}
		if (next instanceof StreamMessageConsumer) {
			return answer -> {
				next.consume(answer);
				if (answer instanceof ResponseMessage response && response.getId() != null && passed.remove(response.getId())
						&& passed.isEmpty()) {
					// Never the gate's lock here: the answer may come from inside Xtext's request manager.
					Gate incoming = gate;
					if (incoming != null) {
						worker.execute(incoming::releaseIfDone);
					}
				}
			};
		}
		LOG.warn("large files' changes are not parsed ahead: LSP4J's message chain is not the expected one ("
				+ next.getClass().getName() + ")");
		return next;
	}

	private final class Gate implements MessageConsumer {

		private final MessageConsumer next;

		/** Each open file's text as the client has it, after every message that came so far. */
		private final Map<URI, ClampedDocument> texts = new HashMap<>();

		/** Messages held, in the order they came. */
		private final Deque<Message> held = new ArrayDeque<>();

		/** The files some held message concerns: requests on them wait too. */
		private final Set<URI> heldFiles = new HashSet<>();

		/** The latest text of each held large change, until its parse is done. */
		private final Map<URI, String> awaited = new HashMap<>();

		/** The files with a parse task queued (one at most each: it parses the latest text). */
		private final Set<URI> queued = new HashSet<>();

		/** Counts holds, so that a timed release lets go only the hold it was set for. */
		private long holds;

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
				long hold = ++holds;
				holdingSince = System.nanoTime();
				worker.schedule(() -> releaseAfterWaiting(hold), MAX_HOLD_MILLIS, TimeUnit.MILLISECONDS);
			}
			held.add(message);
			if (file != null) {
				heldFiles.add(file);
			}
			if (largeText != null) {
				awaited.put(file, largeText);
				if (queued.add(file)) {
					worker.execute(() -> parse(file));
				}
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
				forgetParse(file);
			} else if (params instanceof DidChangeTextDocumentParams change) {
				ClampedDocument before = texts.get(file);
				if (before != null) {
					ClampedDocument after = before.withChanges(change.getTextDocument().getVersion(), change.getContentChanges());
					texts.put(file, after);
					if (after.getContents().length() >= minChars && languages.getResourceServiceProvider(file) != null) {
						return after.getContents();
					}
					// A parse made for an earlier text is of no use any more: let its model go.
					forgetParse(file);
				}
			}
			return null;
		}

		private void forgetParse(URI file) {
			IResourceServiceProvider language = languages.getResourceServiceProvider(file);
			if (language != null) {
				language.get(PreparedParses.class).forget(file);
			}
		}

		private boolean changes(Message message) {
			return message instanceof NotificationMessage notification
					&& (notification.getParams() instanceof DidChangeTextDocumentParams
							|| notification.getParams() instanceof DidCloseTextDocumentParams);
		}

		/**
		 * A read on a file no held message concerns (remembered until answered), the client's
		 * cancellation of such a read, and the client's answers to the server's requests.
		 */
		private boolean passes(Message message, URI file) {
			if (message instanceof RequestMessage request) {
				if (READS.contains(request.getMethod()) && file != null && !heldFiles.contains(file)) {
					if (!held.isEmpty() && request.getId() != null) {
						passed.add(request.getId());
					}
					return true;
				}
				return false;
			}
			if (message instanceof NotificationMessage notification) {
				return notification.getParams() instanceof CancelParams cancel && cancel.getId() != null
						&& passed.contains(cancel.getId());
			}
			return true;
		}

		/** Parses the file's latest held text, and hands the model on. */
		private void parse(URI file) {
			String text;
			synchronized (this) {
				queued.remove(file);
				text = awaited.get(file);
			}
			if (text == null) {
				return; // closed, changed to a small text, or let go
			}
			PreparedParses.Prepared result = null;
			try {
				if (testDelayMillis > 0) {
					Thread.sleep(testDelayMillis);
				}
				result = languages.getResourceServiceProvider(file).get(PreparedParses.class).prepare(file, text);
			} catch (InterruptedException interrupted) {
				Thread.currentThread().interrupt();
			} catch (Throwable failed) {
				// The build parses the file itself, as it always did.
				LOG.warn("parsing " + file + " ahead of the build failed; the build parses it: " + failed);
			} finally {
				parsed(file, text, result);
			}
		}

		private synchronized void parsed(URI file, String text, PreparedParses.Prepared result) {
			if (awaited.get(file) != text) {
				return; // a newer text came (its parse is queued), or the file was let go
			}
			awaited.remove(file);
			if (result != null) {
				languages.getResourceServiceProvider(file).get(PreparedParses.class).put(file, result);
			}
			releaseIfDone();
			if (!held.isEmpty() && awaited.isEmpty()) {
				// Requests that passed are still being answered: go on when they are, or in a while.
				long hold = holds;
				worker.schedule(() -> releaseAfterWaiting(hold), PASSED_WAIT_MILLIS, TimeUnit.MILLISECONDS);
			}
		}

		/** Lets the hold go, parsed or not, when it is still the one the timer was set for. */
		private synchronized void releaseAfterWaiting(long hold) {
			if (hold == holds && !held.isEmpty()) {
				if (!awaited.isEmpty()) {
					LOG.warn("a large file's change waited " + (System.nanoTime() - holdingSince) / 1_000_000
							+ " ms for its parse ahead; the build parses it");
				}
				awaited.clear();
				passed.clear();
				release();
			}
		}

		/** Lets the held messages go once every awaited parse is done and every passing request answered. */
		synchronized void releaseIfDone() {
			if (awaited.isEmpty() && passed.isEmpty()) {
				release();
			}
		}

		private void release() {
			while (!held.isEmpty()) {
				forward(held.poll());
			}
			heldFiles.clear();
		}

		private void forward(Message message) {
			try {
				next.consume(message);
			} catch (RuntimeException failed) {
				// As LSP4J's reader does: said in the log, and the messages after it still go on.
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
