package org.ocs.topology.ide.server;

import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.util.ITextRegion;
import org.eclipse.xtext.util.TextRegion;

/**
 * A document that takes positions as the protocol defines them: a character past the end of its
 * line means the end of the line, a line past the last the end of the text. Xtext's document
 * throws instead, with the whole text in the message, and every service that asked (hover,
 * completion, definition, rename, code actions...) answers an internal error and logs that text.
 */
final class ClampedDocument extends Document {

	ClampedDocument(Integer version, String contents) {
		super(version, contents, false);
	}

	@Override
	public int getOffSet(Position position) {
		String text = getContents();
		int line = Math.max(0, position.getLine());
		int start = 0;
		for (int current = 0; current < line; current++) {
			int newline = text.indexOf('\n', start);
			if (newline < 0) {
				return text.length();
			}
			start = newline + 1;
		}
		int end = text.indexOf('\n', start);
		end = end < 0 ? text.length() : end;
		if (end > start && text.charAt(end - 1) == '\r') {
			end--;
		}
		return start + Math.min(Math.max(0, position.getCharacter()), end - start);
	}

	@Override
	public ITextRegion getTextRegion(Range range) {
		int start = getOffSet(range.getStart());
		int end = Math.max(start, getOffSet(range.getEnd()));
		return new TextRegion(start, end - start);
	}

	@Override
	public Position getPosition(int offset) {
		return super.getPosition(Math.min(Math.max(0, offset), getContents().length()));
	}

	/** Applies the changes of a {@code didChange} in order, each against the text the previous one left. */
	ClampedDocument withChanges(Integer newVersion, Iterable<? extends org.eclipse.lsp4j.TextDocumentContentChangeEvent> changes) {
		ClampedDocument current = this;
		for (var change : changes) {
			String text;
			if (change.getRange() == null) {
				text = change.getText();
			} else {
				ITextRegion region = current.getTextRegion(change.getRange());
				String old = current.getContents();
				text = old.substring(0, region.getOffset()) + change.getText() + old.substring(region.getOffset() + region.getLength());
			}
			current = new ClampedDocument(newVersion, text);
		}
		return new ClampedDocument(newVersion, current.getContents());
	}
}
