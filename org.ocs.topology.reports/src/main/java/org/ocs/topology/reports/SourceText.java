package org.ocs.topology.reports;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A file's text with its line starts, to turn the character offsets Xtext reports into the lines,
 * columns and byte offsets of the report formats.
 */
final class SourceText {

	private final String text;
	/** Character offset of the first character of each line. */
	private final int[] lineStarts;
	/** Byte offset (UTF-8) of the first character of each line. */
	private final int[] lineStartBytes;

	SourceText(String text) {
		this.text = text;
		int[] starts = new int[16];
		int count = 0;
		starts[count++] = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			// \r\n, \n and a lone \r all end a line, as Xtext counts them.
			if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
				if (count == starts.length) {
					starts = Arrays.copyOf(starts, count * 2);
				}
				starts[count++] = i + 1;
			}
		}
		this.lineStarts = Arrays.copyOf(starts, count);
		this.lineStartBytes = new int[count];
		for (int line = 1; line < count; line++) {
			lineStartBytes[line] = lineStartBytes[line - 1] + utf8Length(lineStarts[line - 1], lineStarts[line]);
		}
	}

	/** The position of a character offset, clamped to the text. */
	Position atOffset(int offset) {
		int clamped = Math.max(0, Math.min(offset, text.length()));
		int line = Arrays.binarySearch(lineStarts, clamped);
		if (line < 0) {
			line = -line - 2;
		}
		return new Position(line + 1, clamped - lineStarts[line] + 1,
				lineStartBytes[line] + utf8Length(lineStarts[line], clamped));
	}

	/** The position of a 0-based line and column (as in LSP and {@code HopData}), clamped to the text. */
	Position atLineColumn(int line0, int column0) {
		if (line0 >= lineStarts.length) {
			return atOffset(text.length());
		}
		int lineStart = lineStarts[Math.max(0, line0)];
		int lineEnd = line0 + 1 < lineStarts.length ? lineStarts[line0 + 1] : text.length();
		return atOffset(Math.min(lineStart + Math.max(0, column0), lineEnd));
	}

	private int utf8Length(int from, int to) {
		return text.substring(from, to).getBytes(StandardCharsets.UTF_8).length;
	}
}
