package org.ocs.topology.ide.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The framing of the language server's input, byte for byte: what LSP4J is handed for what a
 * client sent. (LanguageServerAbuseTest drives the same through the built server.)
 */
class MessageFramingTest {

	private record Framed(List<String> messages, String log) {
	}

	private static Framed frame(String input) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream log = new ByteArrayOutputStream();
		new MessageFraming(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out,
				new PrintStream(log, true, StandardCharsets.UTF_8)).run();
		List<String> messages = new ArrayList<>();
		byte[] bytes = out.toByteArray();
		String text = new String(bytes, StandardCharsets.ISO_8859_1);
		Matcher header = Pattern.compile("Content-Length: (\\d+)\r\n\r\n").matcher(text);
		int at = 0;
		while (header.find(at)) {
			assertEquals(at, header.start(), "nothing between framed messages: " + text);
			int length = Integer.parseInt(header.group(1));
			messages.add(new String(bytes, header.end(), length, StandardCharsets.UTF_8));
			at = header.end() + length;
		}
		assertEquals(bytes.length, at, "every byte framed: " + text);
		return new Framed(messages, log.toString(StandardCharsets.UTF_8));
	}

	private static String framed(String json) {
		return "Content-Length: " + json.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + json;
	}

	@Test
	void wellFramedMessagesPassAsTheyAre() {
		String a = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"a\",\"params\":{\"text\":\"} { \\\" é\"}}";
		String b = "{\"jsonrpc\":\"2.0\",\"method\":\"b\"}";
		Framed framed = frame(framed(a) + "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n" + framed(b));
		assertEquals(List.of(a, b), framed.messages());
		assertEquals("", framed.log(), "nothing repaired");
	}

	@Test
	void lengthsThatAreWrongOrMissingAreRepaired() {
		String a = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"a\",\"params\":{\"s\":\"x\\\\\"}}";
		String b = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"b\",\"params\":[1,[2,{\"c\":3}]]}";
		String c = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"c\"}";
		Framed framed = frame("Content-Length: 5\r\n\r\n" + a // too short
				+ "Content-Length: " + (b.length() + 30) + "\r\n\r\n" + b + framed(c) // too long, into the next
				+ "X-Nothing: 1\r\n\r\n" + c // no length at all
				+ "garbage line\r\n" + framed(c)); // bytes that are no message
		assertEquals(List.of(a, b, c, c, c), framed.messages());
		assertTrue(framed.log().contains("a Content-Length of 5 for a message of " + a.length() + " bytes"), framed.log());
		assertTrue(framed.log().contains("(the next message followed)"), framed.log());
		assertTrue(framed.log().contains("a message without a Content-Length header"), framed.log());
		assertTrue(framed.log().contains("input that is no message header ('garbage line')"), framed.log());
	}

	@Test
	void afterShutdownRequestsAreRefusedAndNotificationsDroppedButExitPasses() {
		Framed framed = frame(framed("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"shutdown\"}")
				+ framed("{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"method\":\"textDocument/hover\",\"params\":{}}")
				+ framed("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{}}")
				+ framed("{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}"));
		assertEquals(3, framed.messages().size(), framed.messages().toString());
		assertTrue(framed.messages().get(1).contains("\"id\":\"x\",\"method\":\"" + MessageFraming.REFUSED + "\""),
				framed.messages().get(1));
		assertTrue(framed.messages().get(1).contains("\"code\":-32600"), framed.messages().get(1));
		assertTrue(framed.messages().get(2).contains("\"exit\""), framed.messages().get(2));
	}
}
