package org.ocs.topology.resource;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.parser.IParseResult;

import com.google.inject.Singleton;

/**
 * Parses of an editor's text made before the build asked for them (the language server parses a
 * large file's new text while other requests are still answered, then builds). A file whose text
 * is loaded takes the parse made of exactly that text, once, instead of parsing it again; any
 * other text is parsed as always. One parse is kept per file: a newer one replaces it.
 */
@Singleton
public final class PreparedParses {

	private record Prepared(String text, IParseResult result) {
	}

	private final Map<URI, Prepared> byFile = new ConcurrentHashMap<>();

	/** Keeps {@code result}, the parse of {@code text}, for the next load of {@code file} with that text. */
	public void put(URI file, String text, IParseResult result) {
		byFile.put(file, new Prepared(text, result));
	}

	/** The parse made of exactly {@code text} for {@code file}, given out once; null when there is none. */
	public IParseResult take(URI file, String text) {
		Prepared prepared = byFile.get(file);
		if (prepared == null || !prepared.text().equals(text) || !byFile.remove(file, prepared)) {
			return null;
		}
		return prepared.result();
	}

	/** Drops the file's parse (its document was closed, or its text changed again). */
	public void forget(URI file) {
		byFile.remove(file);
	}

	/** Whether a parse waits for a load of this file (for tests and the log). */
	public boolean holds(URI file) {
		return byFile.containsKey(file);
	}
}
