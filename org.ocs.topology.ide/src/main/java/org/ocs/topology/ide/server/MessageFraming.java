package org.ocs.topology.ide.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the client's byte stream, finds its messages whatever their headers say, and hands them
 * on, well framed, to LSP4J, which trusts {@code Content-Length} blindly: one missing or wrong
 * length and it reads every later message as a header line, so the server never answers again,
 * not even {@code shutdown}. Here a message is the JSON value that follows its headers:
 * <ul>
 * <li>a length that stops short of the value's end is read on to the end of the value;</li>
 * <li>a length that runs past it (into the next message, or into silence) ends with the value;</li>
 * <li>a header block without {@code Content-Length}, or bytes that are no message at all, are
 * skipped up to the next {@code Content-Length} header.</li>
 * </ul>
 * Each repair is said on standard error. A request the client sends after {@code shutdown} is
 * handed on as {@link #REFUSED}, which the server answers with an error, as the protocol asks.
 */
final class MessageFraming implements Runnable {

	/** The method a refused request is handed on as; its params say the error to answer. */
	static final String REFUSED = "ocstopo/refused";

	private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(StandardCharsets.US_ASCII);

	/** Far larger than any document an editor sends; a length beyond it is a broken header. */
	private static final int MAX_MESSAGE = 256 << 20;

	/** How long the rest of an announced length is waited for once the message's value is whole. */
	private static final long TRAILING_WAIT_MILLIS = 300;

	private static final Pattern METHOD = Pattern.compile("\"method\"\\s*:\\s*\"([^\"]*)\"");
	private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|-?\\d+)");

	private final InputStream in;
	private final OutputStream out;
	private final PrintStream log;

	/** Bytes read ahead and given back (the start of the next message after a value ended early). */
	private byte[] pushedBack = new byte[0];
	private int pushedBackAt;

	private boolean shutdownReceived;

	MessageFraming(InputStream in, OutputStream out, PrintStream log) {
		this.in = in;
		this.out = out;
		this.log = log;
	}

	@Override
	public void run() {
		try (out) {
			while (true) {
				Integer length = readHeaders();
				if (length == null) {
					return; // the client closed the stream
				}
				byte[] message = readValue(length);
				if (message == null) {
					return;
				}
				if (message.length > 0) {
					forward(message);
				}
			}
		} catch (IOException e) {
			// The client or LSP4J closed its end: nothing more to frame.
		}
	}

	// ------------------------------------------------------------ headers

	/**
	 * Reads one header block; its Content-Length, or -1 when it has none (the value is then found by
	 * its own end). Bytes that are no header are skipped to the next Content-Length. Null at the end
	 * of the input.
	 */
	private Integer readHeaders() throws IOException {
		int length = -1;
		boolean any = false;
		while (true) {
			String line = readLine();
			if (line == null) {
				return null;
			}
			if (line.isEmpty()) {
				if (any) {
					if (length < 0) {
						warn("a message without a Content-Length header; reading its JSON value to its end");
					}
					return length;
				}
				continue; // blank lines between messages
			}
			int colon = line.indexOf(':');
			String name = colon < 0 ? "" : line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
			if (colon < 0 || !name.matches("[a-z0-9-]+")) {
				if (line.startsWith("{") && !any) {
					warn("a message without headers; reading its JSON value");
					pushBack((lineCut ? line : line + "\n").getBytes(StandardCharsets.UTF_8));
					return -1;
				}
				warn("input that is no message header ('" + shorten(line) + "'); skipped to the next Content-Length");
				skipToContentLength();
				length = -1;
				any = false;
				continue;
			}
			any = true;
			if (name.equals("content-length")) {
				try {
					length = Integer.parseInt(line.substring(colon + 1).trim());
					if (length < 0 || length > MAX_MESSAGE) {
						throw new NumberFormatException();
					}
				} catch (NumberFormatException e) {
					warn("a Content-Length that is no length ('" + shorten(line) + "'); reading the JSON value to its end");
					length = -1;
				}
			}
		}
	}

	/** Whether the last line read ended without a line break (too long for a header, or the input's end). */
	private boolean lineCut;

	/** A header line without its line break; null at the end of the input. */
	private String readLine() throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		lineCut = true;
		while (true) {
			int c = read();
			if (c < 0) {
				return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
			}
			if (c == '\n') {
				lineCut = false;
				String text = line.toString(StandardCharsets.UTF_8);
				return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
			}
			if (line.size() > 64 * 1024) {
				// No header is this long: give the line back to be skipped with the rest.
				return line.toString(StandardCharsets.UTF_8);
			}
			line.write(c);
		}
	}

	/** Skips input up to (not including) the next "Content-Length:", in any case. */
	private void skipToContentLength() throws IOException {
		int matched = 0;
		while (true) {
			int c = read();
			if (c < 0) {
				return;
			}
			int lower = Character.toLowerCase(c);
			if (lower == CONTENT_LENGTH[matched]) {
				matched++;
				if (matched == CONTENT_LENGTH.length) {
					pushBack(CONTENT_LENGTH);
					return;
				}
			} else {
				matched = lower == CONTENT_LENGTH[0] ? 1 : 0;
			}
		}
	}

	// ------------------------------------------------------------ the JSON value

	/**
	 * The message's JSON value, found by its own end: {@code announced} bytes when the value ends
	 * there, otherwise the whole value (read on past a short length; the bytes after a value that
	 * ends early are given back as the start of the next message). Empty when the bytes are no JSON
	 * value (skipped to the next Content-Length); null at the end of the input.
	 */
	private byte[] readValue(int announced) throws IOException {
		// Byte by byte, in one method over plain arrays: an editor opening a 200 KB file sends it in
		// one message, and per-byte calls through streams took 20 to 40 ms of the first request after it.
		byte[] value = new byte[Math.max(16, Math.min(announced, 1 << 20))];
		int size = 0;
		int depth = 0;
		boolean inString = false;
		boolean escaped = false;
		boolean started = false;
		while (true) {
			int c = read();
			if (c < 0) {
				return null;
			}
			if (size == value.length) {
				value = java.util.Arrays.copyOf(value, value.length * 2);
			}
			value[size++] = (byte) c;
			if (!started) {
				if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
					continue;
				}
				if (c != '{' && c != '[') {
					warn("a message whose content is no JSON object; skipped to the next Content-Length");
					skipToContentLength();
					return new byte[0];
				}
				started = true;
			}
			if (inString) {
				if (escaped) {
					escaped = false;
				} else if (c == '\\') {
					escaped = true;
				} else if (c == '"') {
					inString = false;
				}
			} else if (c == '"') {
				inString = true;
			} else if (c == '{' || c == '[') {
				depth++;
			} else if (c == '}' || c == ']') {
				depth--;
				if (depth == 0) {
					return ended(java.util.Arrays.copyOf(value, size), announced);
				}
			}
			if (size > MAX_MESSAGE) {
				warn("a message over " + (MAX_MESSAGE >> 20) + " MB; skipped to the next Content-Length");
				skipToContentLength();
				return new byte[0];
			}
		}
	}

	/** The value has ended after {@code value.length} bytes: square it with the announced length. */
	private byte[] ended(byte[] value, int announced) throws IOException {
		if (announced < 0 || value.length == announced) {
			return value;
		}
		if (value.length > announced) {
			warn("a Content-Length of " + announced + " for a message of " + value.length + " bytes; read to the message's end");
			return value;
		}
		// Announced more than the value: the rest is white space, or the length was wrong. Look at
		// what follows, without waiting long for bytes that may never come.
		int missing = announced - value.length;
		ByteArrayOutputStream after = new ByteArrayOutputStream();
		while (after.size() < missing) {
			int c = readWithin(TRAILING_WAIT_MILLIS);
			if (c == -2) {
				warn("a Content-Length of " + announced + " for a message of " + value.length
						+ " bytes (nothing followed); the message is read as it is");
				return value;
			}
			if (c < 0) {
				return value;
			}
			after.write(c);
			if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
				warn("a Content-Length of " + announced + " for a message of " + value.length
						+ " bytes (the next message followed); the message is read as it is");
				pushBack(after.toByteArray());
				return value;
			}
		}
		return value; // white space made up the rest
	}

	// ------------------------------------------------------------ handing on

	private void forward(byte[] message) throws IOException {
		byte[] handed = message;
		String head = new String(message, 0, Math.min(message.length, 4096), StandardCharsets.UTF_8);
		Matcher method = METHOD.matcher(head);
		String name = method.find() ? method.group(1) : null;
		Matcher id = ID.matcher(head);
		boolean request = name != null && id.find();
		if (shutdownReceived && !request && !"exit".equals(name)) {
			return; // a notification after shutdown: nothing to do with it
		}
		if (shutdownReceived && request && !"exit".equals(name)) {
			handed = (REFUSED_TEMPLATE.formatted(id.group(1), -32600, "the server is shutting down: '" + name
					+ "' after 'shutdown' is refused; only 'exit' is taken")).getBytes(StandardCharsets.UTF_8);
		} else if ("shutdown".equals(name) && request) {
			shutdownReceived = true;
		}
		out.write(("Content-Length: " + handed.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
		out.write(handed);
		out.flush();
	}

	private static final String REFUSED_TEMPLATE = "{\"jsonrpc\":\"2.0\",\"id\":%s,\"method\":\"" + REFUSED
			+ "\",\"params\":{\"code\":%d,\"message\":\"%s\"}}";

	// ------------------------------------------------------------ bytes

	/** What the last read of the input brought, from {@link #bufferAt} on. */
	private final byte[] buffer = new byte[1 << 16];
	private int bufferAt;
	private int bufferEnd;

	private int read() throws IOException {
		if (pushedBackAt < pushedBack.length) {
			return pushedBack[pushedBackAt++] & 0xff;
		}
		if (bufferAt == bufferEnd) {
			int read = in.read(buffer, 0, buffer.length);
			if (read <= 0) {
				return -1;
			}
			bufferAt = 0;
			bufferEnd = read;
		}
		return buffer[bufferAt++] & 0xff;
	}

	/** The next byte, -1 at the end of the input, or -2 when none came within the time. */
	private int readWithin(long millis) throws IOException {
		if (pushedBackAt < pushedBack.length) {
			return pushedBack[pushedBackAt++] & 0xff;
		}
		if (bufferAt < bufferEnd) {
			return buffer[bufferAt++] & 0xff;
		}
		long deadline = System.nanoTime() + millis * 1_000_000;
		while (in.available() == 0) {
			if (System.nanoTime() > deadline) {
				return -2;
			}
			try {
				Thread.sleep(5);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return -1;
			}
		}
		return read();
	}

	private void pushBack(byte[] bytes) {
		byte[] rest = java.util.Arrays.copyOfRange(pushedBack, pushedBackAt, pushedBack.length);
		byte[] joined = new byte[bytes.length + rest.length];
		System.arraycopy(bytes, 0, joined, 0, bytes.length);
		System.arraycopy(rest, 0, joined, bytes.length, rest.length);
		pushedBack = joined;
		pushedBackAt = 0;
	}

	private void warn(String what) {
		log.println("ocstopo language server: the client sent " + what + ".");
		log.flush();
	}

	private static String shorten(String line) {
		String printable = line.replaceAll("\\p{Cntrl}", "?");
		return printable.length() > 60 ? printable.substring(0, 60) + "..." : printable;
	}
}
