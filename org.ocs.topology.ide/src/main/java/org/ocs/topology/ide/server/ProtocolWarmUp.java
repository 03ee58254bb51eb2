package org.ocs.topology.ide.server;

import java.util.List;

import org.apache.log4j.Logger;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.NotificationMessage;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseMessage;

import com.google.gson.Gson;

/**
 * The protocol's JSON code, run a few times on messages of the server's own while it starts: the
 * first large {@code didOpen} took 16 ms to read when the reader was cold, 3 ms once warm, and the
 * first completion's answer loaded its type adapters on the way out. Reads and writes messages
 * in memory only, with the launcher's own handler: no request, no file, no answer is sent.
 */
final class ProtocolWarmUp implements Runnable {

	private static final Logger LOG = Logger.getLogger(ProtocolWarmUp.class);

	private static final int ROUNDS = 5;

	/** A file's worth of text: the string reader is what a large didOpen spends its time in. */
	private static final int TEXT_CHARS = 200_000;

	private final MessageJsonHandler handler;

	ProtocolWarmUp(MessageJsonHandler handler) {
		this.handler = handler;
	}

	/** Starts it on a thread of its own, below the requests' priority. */
	static void start(MessageJsonHandler handler) {
		WarmUp.inBackground("ocstopo-protocol-warm-up", new ProtocolWarmUp(handler));
	}

	/**
	 * The messages, framed as a client sends them, read by a framing of their own: the first large
	 * didOpen spent 7 to 12 ms of CPU in the framing's byte loop, run cold (a profile of the first
	 * completion after opening a 5,000-line file). Returns the bytes handed on.
	 */
	private static int frame(String... messages) {
		java.io.ByteArrayOutputStream stream = new java.io.ByteArrayOutputStream();
		for (int round = 0; round < ROUNDS; round++) {
			for (String message : messages) {
				byte[] bytes = message.getBytes(java.nio.charset.StandardCharsets.UTF_8);
				stream.writeBytes(("Content-Length: " + bytes.length + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
				stream.writeBytes(bytes);
			}
		}
		java.io.ByteArrayOutputStream framed = new java.io.ByteArrayOutputStream();
		new MessageFraming(new java.io.ByteArrayInputStream(stream.toByteArray()), framed,
				new java.io.PrintStream(java.io.OutputStream.nullOutputStream())).run();
		if (framed.size() < stream.size()) {
			throw new IllegalStateException("the framing handed on " + framed.size() + " of " + stream.size() + " bytes");
		}
		return framed.size();
	}

	@Override
	public void run() {
		long start = System.nanoTime();
		try {
			String uri = "file:///ocstopo-warm-up/warm-up.ocstopo";
			StringBuilder text = new StringBuilder(TEXT_CHARS + 100);
			while (text.length() < TEXT_CHARS) {
				text.append("    server fe1.hq.test {\n        interface 10.0.1.11 on lan\n    }\n");
			}
			Gson gson = new Gson();
			String open = "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":\""
					+ uri + "\",\"languageId\":\"ocstopo\",\"version\":1,\"text\":" + gson.toJson(text.toString()) + "}}}";
			String change = "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{\"textDocument\":{\"uri\":\""
					+ uri + "\",\"version\":2},\"contentChanges\":[{\"range\":{\"start\":{\"line\":1,\"character\":21},"
					+ "\"end\":{\"line\":1,\"character\":30}},\"text\":\"10.0.1.254\"}]}}";
			String completion = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"textDocument/completion\",\"params\":"
					+ "{\"textDocument\":{\"uri\":\"" + uri + "\"},\"position\":{\"line\":3,\"character\":4}}}";
			String hover = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"textDocument/hover\",\"params\":"
					+ "{\"textDocument\":{\"uri\":\"" + uri + "\"},\"position\":{\"line\":0,\"character\":12}}}";
			Range range = new Range(new Position(3, 4), new Position(3, 4));
			CompletionItem item = new CompletionItem("server");
			item.setKind(CompletionItemKind.Keyword);
			item.setTextEdit(Either.forLeft(new TextEdit(range, "server")));
			ResponseMessage completed = new ResponseMessage();
			completed.setId(1);
			completed.setResult(Either.forRight(new CompletionList(false, List.of(item, item, item))));
			ResponseMessage hovered = new ResponseMessage();
			hovered.setId(2);
			hovered.setResult(new Hover(new MarkupContent("markdown", "**fe1.hq.test**"), range));
			Diagnostic diagnostic = new Diagnostic(range, "warm-up", DiagnosticSeverity.Warning, "ocstopo", "warm-up");
			diagnostic.setRelatedInformation(List.of(new DiagnosticRelatedInformation(new Location(uri, range), "hop")));
			NotificationMessage published = new NotificationMessage();
			published.setMethod("textDocument/publishDiagnostics");
			published.setParams(new PublishDiagnosticsParams(uri, List.of(diagnostic)));
			int framed = frame(open, change, completion, hover);
			int length = 0;
			for (int round = 0; round < ROUNDS; round++) {
				for (String message : List.of(open, change, completion, hover)) {
					if (handler.parseMessage(message) == null) {
						throw new IllegalStateException("no message read from " + message.substring(0, 60));
					}
				}
				length += handler.serialize(completed).length() + handler.serialize(hovered).length()
						+ handler.serialize(published).length();
			}
			LOG.info(String.format("protocol warmed up in %.0f ms (%,d bytes framed, %,d characters written)",
					(System.nanoTime() - start) / 1e6, framed,
					length));
		} catch (RuntimeException | LinkageError failure) {
			// Only the first request's speed is at stake: say it, go on.
			LOG.warn("warm-up of the protocol failed: " + failure);
		}
	}
}
