package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Issue 11, items 2 and 3: the language server jar over stdio, given what a workspace and a
 * misbehaving client hand it. It answers, says what it repaired on stderr, and never goes deaf.
 */
class LanguageServerAbuseTest {

	private static boolean isRoot() {
		return "root".equals(System.getProperty("user.name"));
	}

	/**
	 * A named pipe, a broken link and an unreadable file among the workspace's .ocstopo files:
	 * initialize is answered and the readable file, never opened, gets its diagnostics.
	 */
	@Test
	void filesItCannotReadDoNotStopTheWorkspace(@TempDir Path dir) throws Exception {
		Path workspace = Files.createDirectories(dir.resolve("workspace"));
		Path good = workspace.resolve("good.ocstopo");
		Files.writeString(good, "subnet lan 10.0.1.0/33\n");
		assertEquals(0, new ProcessBuilder("mkfifo", workspace.resolve("pipe.ocstopo").toString()).start().waitFor());
		Files.createSymbolicLink(workspace.resolve("gone.ocstopo"), workspace.resolve("deleted.ocstopo"));
		Path secret = workspace.resolve("secret.ocstopo");
		Files.writeString(secret, "subnet other 10.0.2.0/24\n");
		Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
		for (Path folder : List.of(dir, workspace)) {
			Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
		}
		Files.setPosixFilePermissions(good, PosixFilePermissions.fromString("rw-r--r--"));
		// Root reads anything: the server runs as 'nobody' for the unreadable file to be unreadable.
		List<String> prefix = isRoot() ? List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups") : List.of();
		try (LanguageServerSession session = LanguageServerSession.start(prefix, null, List.of())) {
			session.initialize(workspace, new ClientCapabilities());
			session.diagnosticsOf(good.toUri().toString(),
					d -> !LanguageServerSession.withCode(d, "prefix-out-of-range").isEmpty());
			String stderr = session.stderr();
			assertTrue(stderr.contains("pipe.ocstopo: not a regular file (a named pipe, socket or device), not read"), stderr);
			assertTrue(stderr.contains("gone.ocstopo: a symbolic link to " + workspace.resolve("deleted.ocstopo")
					+ ", which does not exist, not read"), stderr);
			assertTrue(stderr.contains("secret.ocstopo: permission denied, not read"), stderr);
		}
	}

	@Test
	void aMissingOrWrongContentLengthIsRepairedAndTheServerKeepsAnswering(@TempDir Path dir) throws Exception {
		try (RawClient client = RawClient.start()) {
			String root = dir.toUri().toString();
			// initialize with no Content-Length header at all
			client.sendRaw("Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n"
					+ request(1, "initialize", "{\"processId\":null,\"rootUri\":\"" + root + "\",\"capabilities\":{}}"));
			assertTrue(client.response(1).has("result"), "initialize answered");
			client.send(notification("initialized", "{}"));

			// a length too short for its message
			String hover = request(2, "textDocument/hover",
					"{\"textDocument\":{\"uri\":\"" + root + "a.ocstopo\"},\"position\":{\"line\":0,\"character\":0}}");
			client.sendRaw("Content-Length: 20\r\n\r\n" + hover);
			assertTrue(client.response(2).toString().contains("\"id\":2"), "the short-length request is answered");

			// a length that runs into the next message: both are answered
			String third = request(3, "textDocument/hover",
					"{\"textDocument\":{\"uri\":\"" + root + "b.ocstopo\"},\"position\":{\"line\":0,\"character\":0}}");
			String fourth = request(4, "textDocument/hover",
					"{\"textDocument\":{\"uri\":\"" + root + "c.ocstopo\"},\"position\":{\"line\":0,\"character\":0}}");
			client.sendRaw("Content-Length: " + (bytes(third) + 40) + "\r\n\r\n" + third + frame(fourth));
			client.response(3);
			client.response(4);

			// a length that runs into silence: answered once nothing more comes
			String fifth = request(5, "textDocument/hover",
					"{\"textDocument\":{\"uri\":\"" + root + "d.ocstopo\"},\"position\":{\"line\":0,\"character\":0}}");
			client.sendRaw("Content-Length: " + (bytes(fifth) + 100) + "\r\n\r\n" + fifth);
			client.response(5);

			// bytes that are no message, then a message
			client.sendRaw("this is not a header\r\n{\"half\": \r\n");
			client.send(request(6, "shutdown", "null"));
			JsonObject shutdown = client.response(6);
			assertTrue(shutdown.has("result") && shutdown.get("result").isJsonNull(), "shutdown answers null: " + shutdown);

			// after shutdown, requests are refused; exit ends the process
			client.send(request(7, "textDocument/hover",
					"{\"textDocument\":{\"uri\":\"" + root + "a.ocstopo\"},\"position\":{\"line\":0,\"character\":0}}"));
			JsonObject refused = client.response(7);
			assertEquals(-32600, refused.getAsJsonObject("error").get("code").getAsInt(), refused.toString());
			client.send(notification("exit", "null"));
			assertTrue(client.process.waitFor(20, TimeUnit.SECONDS), "exit ends the server");

			String stderr = client.stderr();
			assertTrue(stderr.contains("a message without a Content-Length header"), stderr);
			assertTrue(stderr.contains("a Content-Length of 20 for a message of " + bytes(hover) + " bytes"), stderr);
			assertTrue(stderr.contains("(the next message followed)"), stderr);
			assertTrue(stderr.contains("(nothing followed)"), stderr);
			assertTrue(stderr.contains("input that is no message header ('this is not a header')"), stderr);
		}
	}

	/**
	 * Item 3: a huge document's validation holds up no request on another file, and a change stops
	 * a validation it makes stale. The huge file (1,500 pools of 8 Front Ends, about 3 MB) is
	 * opened: hover and completion in a small file of another folder are answered before the huge
	 * file's findings come (Xtext validated inside its build, and every request waited for it).
	 * Then, while that validation still runs, the huge file is changed: the first findings published
	 * after that are the changed text's, never the stale ones.
	 */
	@Test
	void aHugeDocumentHoldsUpNoOtherFileAndAChangeStopsItsStaleValidation(@TempDir Path dir) throws Exception {
		Path small = Files.createDirectories(dir.resolve("small")).resolve("site.ocstopo");
		String smallText = """
				site hq {
				    subnet lan 10.0.1.0/24
				    server fe1.hq.test {
				        interface 10.0.1.11 on lan
				    }
				    enterprise pool pool.hq.test {
				        front ends fe1.hq.test
				    }
				}
				""";
		Files.writeString(small, smallText);
		Path big = Files.createDirectories(dir.resolve("big")).resolve("site.ocstopo");
		String bigText = manyPools(1500);
		String broken = "\nsubnet first 10.255.1.0/33\n";
		try (LanguageServerSession session = LanguageServerSession.start(null, List.of("-Xmx2g"))) {
			session.initialize(dir, new ClientCapabilities());
			String smallUri = small.toUri().toString();
			String bigUri = big.toUri().toString();
			session.diagnosticsOf(smallUri, d -> true);
			session.forgetPublished();

			session.documents().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(bigUri, "ocstopo", 1, bigText + broken)));
			Position member = LanguageServerSession.positionOf(smallText, "fe1.hq.test\n    }");
			session.documents().hover(new HoverParams(new TextDocumentIdentifier(smallUri), member)).get(60, TimeUnit.SECONDS);
			session.documents().completion(new CompletionParams(new TextDocumentIdentifier(smallUri), new Position(1, 4)))
					.get(60, TimeUnit.SECONDS);
			assertTrue(session.latestDiagnosticsOf(bigUri).isEmpty(),
					"hover and completion on the small file waited for the huge file's validation");

			// The validation of version 1 is running: version 2 adds a second broken subnet.
			session.documents().didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(bigUri, 2),
					List.of(new TextDocumentContentChangeEvent("subnet second 10.255.2.0/33\n"
							+ bigText + broken))));
			List<Diagnostic> first = session.diagnosticsOf(bigUri, d -> true);
			assertEquals(2, LanguageServerSession.withCode(first, "prefix-out-of-range").size(),
					"the first findings published after the change are the changed text's: " + first.size() + " findings, "
							+ LanguageServerSession.withCode(first, "prefix-out-of-range"));
		}
	}

	/**
	 * Opening a file whose text is the one on disk builds nothing again, but its findings are
	 * published again: editors that keep only open files' findings (eglot) dropped the first ones.
	 */
	@Test
	void openingAFileAsItIsOnDiskPublishesItsFindingsAgain(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("site.ocstopo");
		String text = "subnet lan 10.0.1.0/33\n";
		Files.writeString(file, text);
		try (LanguageServerSession session = LanguageServerSession.start()) {
			session.initialize(dir, new ClientCapabilities());
			String uri = file.toUri().toString();
			session.diagnosticsOf(uri, d -> !LanguageServerSession.withCode(d, "prefix-out-of-range").isEmpty());
			session.forgetPublished();
			session.documents().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "ocstopo", 1, text)));
			List<Diagnostic> again = session.diagnosticsOf(uri, d -> true);
			assertEquals(1, LanguageServerSession.withCode(again, "prefix-out-of-range").size(), again.toString());
		}
	}

	/** One site of clean pools of 8 Front Ends, each pool on its own subnet: about 2 KB a pool. */
	private static String manyPools(int pools) {
		StringBuilder site = new StringBuilder("site big {\n");
		for (int p = 0; p < pools; p++) {
			String net = "10." + (1 + p / 256) + "." + (p % 256) + ".";
			site.append("    subnet p").append(p).append(' ').append(net).append("0/24\n");
			StringBuilder members = new StringBuilder();
			for (int k = 0; k < 8; k++) {
				String frontEnd = "fe" + p + "-" + k + ".big.test";
				site.append("    server ").append(frontEnd).append(" {\n        interface ").append(net).append(10 + k)
						.append(" on p").append(p).append("\n        default gateway ").append(net).append("1\n    }\n");
				members.append(k == 0 ? "" : ", ").append(frontEnd);
			}
			site.append("    enterprise pool pool").append(p).append(".big.test {\n        front ends ").append(members)
					.append("\n    }\n");
		}
		return site.append("}\n").toString();
	}

	private static String request(int id, String method, String params) {
		return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}";
	}

	private static String notification(String method, String params) {
		return "{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\",\"params\":" + params + "}";
	}

	private static int bytes(String json) {
		return json.getBytes(StandardCharsets.UTF_8).length;
	}

	private static String frame(String json) {
		return "Content-Length: " + bytes(json) + "\r\n\r\n" + json;
	}

	/** The server jar as a process, spoken to byte by byte: what an editor with a bug sends. */
	private static final class RawClient implements AutoCloseable {

		private final Process process;
		private final OutputStream toServer;
		private final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
		private final List<JsonObject> seen = new ArrayList<>();
		private final StringBuffer stderr = new StringBuffer();

		private RawClient(Process process) {
			this.process = process;
			this.toServer = process.getOutputStream();
			Thread reader = new Thread(() -> read(process.getInputStream()), "raw client reader");
			reader.setDaemon(true);
			reader.start();
			Thread errors = new Thread(() -> {
				try {
					byte[] buffer = new byte[8192];
					int n;
					while ((n = process.getErrorStream().read(buffer)) > 0) {
						stderr.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
					}
				} catch (IOException ignored) {
					// gone
				}
			}, "raw client stderr");
			errors.setDaemon(true);
			errors.start();
		}

		static RawClient start() throws IOException {
			Path jar = LanguageServerSession.jar();
			assertTrue(Files.isRegularFile(jar), "build the language server first: " + jar);
			return new RawClient(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
					jar.toString(), "--stdio").start());
		}

		void send(String json) throws IOException {
			sendRaw(frame(json));
		}

		void sendRaw(String bytes) throws IOException {
			toServer.write(bytes.getBytes(StandardCharsets.UTF_8));
			toServer.flush();
		}

		/** The response to a request id (messages from the server to the client in between are kept aside). */
		JsonObject response(int id) throws InterruptedException {
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (System.nanoTime() < deadline) {
				for (JsonObject message : seen) {
					JsonElement messageId = message.get("id");
					if (messageId != null && !message.has("method") && messageId.isJsonPrimitive() && messageId.getAsInt() == id) {
						return message;
					}
				}
				JsonObject next = received.poll(1, TimeUnit.SECONDS);
				if (next != null) {
					seen.add(next);
				}
			}
			throw new AssertionError("no response to request " + id + "; stderr: " + stderr);
		}

		String stderr() {
			return stderr.toString();
		}

		/** Reads the server's messages (well framed: LSP4J writes them). */
		private void read(InputStream in) {
			try {
				while (true) {
					int length = -1;
					ByteArrayOutputStream line = new ByteArrayOutputStream();
					while (true) {
						int c = in.read();
						if (c < 0) {
							return;
						}
						if (c == '\n') {
							String header = line.toString(StandardCharsets.US_ASCII).trim();
							line.reset();
							if (header.isEmpty()) {
								break;
							}
							if (header.toLowerCase().startsWith("content-length:")) {
								length = Integer.parseInt(header.substring(15).trim());
							}
						} else {
							line.write(c);
						}
					}
					byte[] body = in.readNBytes(length);
					received.add(JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject());
				}
			} catch (IOException | RuntimeException ignored) {
				// the server is gone
			}
		}

		@Override
		public void close() throws InterruptedException {
			if (process.isAlive()) {
				process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
			}
		}
	}
}
