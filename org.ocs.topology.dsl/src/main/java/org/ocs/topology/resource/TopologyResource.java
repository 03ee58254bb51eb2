package org.ocs.topology.resource;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.eclipse.xtext.diagnostics.AbstractDiagnostic;
import org.eclipse.xtext.linking.lazy.LazyLinkingResource;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.util.LazyStringInputStream;
import org.ocs.topology.rules.Rule;

/**
 * A .ocstopo file as a user's machine has it. Its bytes are read as UTF-8 (a byte order mark, as
 * Notepad writes, is skipped and remembered; in an editor's text it is white space to the grammar); bytes that are not UTF-8 (a file saved as
 * Windows-1252, a binary file) are read as U+FFFD and the file gets one syntax error naming the
 * line and column of the first, instead of a silent pass or a message per byte.
 */
public class TopologyResource extends LazyLinkingResource {

	/** Where the first byte that is not UTF-8 was, in the decoded text; null when all were. */
	private NotUtf8 notUtf8;

	private boolean byteOrderMark;

	private record NotUtf8(int offset, int line, int column, int value) {
	}

	@Override
	protected Reader createReader(InputStream inputStream) throws IOException {
		if (inputStream instanceof LazyStringInputStream) {
			notUtf8 = null; // text from an editor: already characters
			byteOrderMark = false;
			return super.createReader(inputStream);
		}
		byte[] bytes = inputStream.readAllBytes();
		// The byte order mark is no character of the text: positions count from after it.
		byteOrderMark = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF;
		return new StringReader(decode(byteOrderMark ? java.util.Arrays.copyOfRange(bytes, 3, bytes.length) : bytes));
	}

	/** Parses of an editor's text made ahead of the build (the language server's; empty elsewhere). */
	@com.google.inject.Inject(optional = true)
	private PreparedParses prepared;

	/** Set while a parse made ahead replaces the whole model of a file nothing else refers into. */
	private boolean replacingWhole;

	@Override
	protected void unload(org.eclipse.emf.ecore.EObject oldRoot) {
		if (!replacingWhole) {
			super.unload(oldRoot);
		}
	}

	/** Whether this file is parsed from the grammar's first rule, as the parse made ahead is (Xtext may name it). */
	private boolean parsesFromFirstRule() {
		org.eclipse.xtext.ParserRule entry = getEntryPoint();
		return entry == null || entry.eContainer() instanceof org.eclipse.xtext.Grammar grammar && !grammar.getRules().isEmpty()
				&& grammar.getRules().get(0) == entry;
	}

	/**
	 * An editor's text that was parsed ahead of the build ({@link PreparedParses}) is not parsed,
	 * linked or named again: the model made ahead is installed as a load would install it.
	 */
	@Override
	protected void doLoad(InputStream inputStream, java.util.Map<?, ?> options) throws IOException {
		PreparedParses.Prepared ready = prepared != null && parsesFromFirstRule()
				&& inputStream instanceof LazyStringInputStream editor ? prepared.take(getURI(), editor.getString()) : null;
		if (ready == null) {
			super.doLoad(inputStream, options);
			return;
		}
		setEncodingFromOptions(options);
		notUtf8 = null;
		byteOrderMark = false;
		install(getParseResult(), ready);
		if (options != null && Boolean.TRUE.equals(options.get(OPTION_RESOLVE_ALL))) {
			org.eclipse.emf.ecore.util.EcoreUtil.resolveAll(this);
		}
	}

	/** The text made ahead, being installed: its links are made, its link findings known. */
	private PreparedParses.Prepared installing;

	/**
	 * The objects of the model made ahead whose links were left to the build, while the model is
	 * that one (null otherwise): every other link of the file was resolved ahead, so resolution
	 * need walk no further than these (a walk of every object of a 10 MB file, at each resolution).
	 */
	private volatile java.util.List<org.eclipse.emf.ecore.EObject> linksLeft;

	@Override
	public void resolveLazyCrossReferences(org.eclipse.xtext.util.CancelIndicator mon) {
		java.util.List<org.eclipse.emf.ecore.EObject> left = linksLeft;
		if (left == null) {
			super.resolveLazyCrossReferences(mon);
			return;
		}
		org.eclipse.xtext.util.CancelIndicator monitor = mon == null ? org.eclipse.xtext.util.CancelIndicator.NullImpl : mon;
		for (org.eclipse.emf.ecore.EObject source : left) {
			operationCanceledManager.checkCanceled(monitor);
			for (org.eclipse.emf.ecore.EReference reference : source.eClass().getEAllReferences()) {
				if (holdsLazyLinks(reference)) {
					resolveLazyCrossReference((org.eclipse.emf.ecore.InternalEObject) source, reference);
				}
			}
		}
	}

	/**
	 * Whether a reference may hold a lazy link: Xtext's own test, less the containments (this
	 * grammar's resolve proxies, so Xtext's test lets them through, and a walk would visit every
	 * child of a site for nothing). Shared with the parse made ahead.
	 */
	boolean holdsLazyLinks(org.eclipse.emf.ecore.EReference reference) {
		return !reference.isContainment() && !reference.isContainer() && isPotentialLazyCrossReference(reference);
	}

	/** The exported names made ahead, while the model is the one made with them (null otherwise). */
	private java.util.List<org.eclipse.xtext.resource.IEObjectDescription> exportedAhead;

	private void install(org.eclipse.xtext.parser.IParseResult before, PreparedParses.Prepared ready) {
		installing = ready;
		try {
			updateInternalState(before, ready.result());
		} finally {
			installing = null;
		}
		exportedAhead = ready.exported();
		linksLeft = ready.linksLeft();
		org.apache.log4j.Logger log = org.apache.log4j.Logger.getLogger(TopologyResource.class);
		if (log.isDebugEnabled()) {
			log.debug("installed the model made ahead for " + getURI());
		}
	}

	/** The lazy links' table, in order (what a link's "|n" counts in). */
	java.util.List<org.eclipse.xtext.util.Triple<org.eclipse.emf.ecore.EObject, org.eclipse.emf.ecore.EReference, INode>> lazyLinks() {
		return new java.util.ArrayList<>(getLazyProxyInformation());
	}

	/**
	 * The names this file exports, as listed when its text was prepared ahead; null when its model
	 * is not that one (parsed here, or parsed again since).
	 */
	public java.util.List<org.eclipse.xtext.resource.IEObjectDescription> exportedAhead() {
		return exportedAhead;
	}

	@Override
	protected void doLinking() {
		PreparedParses.Prepared ready = installing;
		if (ready == null) {
			super.doLinking();
			return;
		}
		// Linked ahead: each lazy link holds the file's URI and its place in the table, taken along;
		// the names the old model looked up are forgotten, as Xtext's linker forgets them.
		org.eclipse.xtext.linking.impl.ImportedNamesAdapter imported = org.eclipse.xtext.linking.impl.ImportedNamesAdapter.find(this);
		if (imported != null) {
			imported.clear();
		}
		clearLazyProxyInformation();
		for (org.eclipse.xtext.util.Triple<org.eclipse.emf.ecore.EObject, org.eclipse.emf.ecore.EReference, INode> link : ready.lazyLinks()) {
			addLazyProxyInformation(link.getFirst(), link.getSecond(), link.getThird());
		}
		if (!isValidationDisabled()) {
			getErrors().addAll(ready.linkErrors());
			getWarnings().addAll(ready.linkWarnings());
		}
	}

	/** Whether the file's bytes started with a UTF-8 byte order mark (written back by 'format'). */
	public boolean hasByteOrderMark() {
		return byteOrderMark;
	}

	/** Each object's position in its list while the file is unloaded; null otherwise. */
	private java.util.Map<org.eclipse.emf.ecore.EObject, Integer> unloadingPositions;

	/**
	 * EMF turns each object of an unloaded file into a proxy named by its fragment, which it finds
	 * with indexOf once the contents are gone: quadratic in a site's declarations (with a 10 MB file,
	 * a sixth of the language server's build). The positions are taken once, before.
	 */
	@Override
	protected void doUnload() {
		CONTENTS_CHANGES.incrementAndGet();
		exportedAhead = null;
		linksLeft = null;
		unloadingPositions = PositionFragmentProvider.positionsIn(this);
		try {
			super.doUnload();
		} finally {
			unloadingPositions = null;
			CONTENTS_CHANGES.incrementAndGet();
		}
	}

	@Override
	public String getURIFragment(org.eclipse.emf.ecore.EObject object) {
		java.util.Map<org.eclipse.emf.ecore.EObject, Integer> positions = unloadingPositions;
		if (positions != null && object.eContainer() != null && !object.eIsProxy()) {
			String fragment = PositionFragmentProvider.fragment(object, positions, super::getURIFragment);
			if (fragment != null) {
				return fragment;
			}
		}
		return super.getURIFragment(object);
	}

	/** How many times this file was parsed, in whole or in part: caches keyed by its model compare it. */
	private volatile long generation;

	public long generation() {
		return generation;
	}

	/** Moved before and after each change of a file's contents: see {@link #contentsChanges()}. */
	private static final java.util.concurrent.atomic.AtomicLong CONTENTS_CHANGES = new java.util.concurrent.atomic.AtomicLong();

	/**
	 * A count that moves when any file's contents change (parsed in whole or in part, or unloaded),
	 * once as the change begins and once when it is done: a list of models made at one count holds
	 * until the count moves, and a list made while a change ran is made again after it. A cache
	 * unchanged since it read the count need look no further.
	 */
	public static long contentsChanges() {
		return CONTENTS_CHANGES.get();
	}

	@Override
	protected void updateInternalState(org.eclipse.xtext.parser.IParseResult newParseResult) {
		exportedAhead = null; // a model made here (install sets them again after this)
		linksLeft = null;
		generation++;
		CONTENTS_CHANGES.incrementAndGet();
		try {
			super.updateInternalState(newParseResult);
		} finally {
			CONTENTS_CHANGES.incrementAndGet();
		}
	}

	/**
	 * Brings the file to {@code text} by parsing again only the declaration the edit falls in (Xtext's
	 * partial parser), not the whole file: an editor's edit of a 5,000-line file cost a full parse and
	 * a full unload each time (a quarter of the language server's build), a 10 MB file's several
	 * seconds. The objects outside the reparsed part stay as they are, so this is for a file no
	 * other file holds references into (the caller checks). False, with the file in an undefined
	 * state, when the caller must load the file afresh instead: the file had syntax errors before
	 * the edit (error recovery is where a partial parse and a full one could differ), or it came
	 * from bytes rather than an editor's text, or the partial parser failed.
	 */
	public boolean updateInPlace(String text) {
		org.eclipse.xtext.parser.IParseResult before = getParseResult();
		if (!isLoaded() || before == null || before.getRootNode() == null || before.hasSyntaxErrors() || byteOrderMark
				|| notUtf8 != null) {
			return false;
		}
		String current = before.getRootNode().getText();
		if (current.equals(text)) {
			return true;
		}
		PreparedParses.Prepared ready = prepared != null && parsesFromFirstRule() ? prepared.take(getURI(), text) : null;
		if (ready != null) {
			// Parsed ahead, whole: installed as a load would, except that the old objects are let go
			// instead of turned into proxies one by one (a second of a 10 MB file's build): nothing
			// outside this file refers to them (the caller checks).
			replacingWhole = true;
			try {
				install(before, ready);
			} finally {
				replacingWhole = false;
			}
			return true;
		}
		int prefix = 0;
		int shorter = Math.min(current.length(), text.length());
		while (prefix < shorter && current.charAt(prefix) == text.charAt(prefix)) {
			prefix++;
		}
		int suffix = 0;
		while (suffix < shorter - prefix
				&& current.charAt(current.length() - 1 - suffix) == text.charAt(text.length() - 1 - suffix)) {
			suffix++;
		}
		try {
			update(prefix, current.length() - prefix - suffix, text.substring(prefix, text.length() - suffix));
		} catch (RuntimeException partialParserFailed) {
			// Not the user's doing: said in the log; the caller parses the whole file afresh.
			org.apache.log4j.Logger.getLogger(TopologyResource.class)
					.warn("partial parse of " + getURI() + " failed; parsing the whole file: " + partialParserFailed);
			return false;
		}
		// Xtext keeps a part parsed again only when it has no syntax errors, and parses the whole text
		// otherwise: with the file clean before, a result with errors is a full parse's.
		org.eclipse.xtext.parser.IParseResult after = getParseResult();
		return after != null && after.getRootNode() != null && text.equals(after.getRootNode().getText());
	}

	@Override
	public void reparse(String newContent) throws IOException {
		notUtf8 = null;
		super.reparse(newContent);
	}

	/** UTF-8, with what is not UTF-8 replaced and the first such byte remembered. */
	private String decode(byte[] bytes) {
		notUtf8 = null;
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer in = ByteBuffer.wrap(bytes);
		CharBuffer out = CharBuffer.allocate(bytes.length + 1);
		while (true) {
			CoderResult result = decoder.decode(in, out, true);
			if (result.isUnderflow()) {
				decoder.flush(out);
				break;
			}
			if (result.isOverflow()) {
				// Not expected (UTF-8 never decodes to more characters than bytes), but never a loop.
				CharBuffer larger = CharBuffer.allocate(out.capacity() * 2 + 16);
				out.flip();
				larger.put(out);
				out = larger;
				continue;
			}
			if (result.isError()) {
				if (notUtf8 == null) {
					notUtf8 = position(out, bytes[in.position()] & 0xff);
				}
				out.put('\uFFFD');
				in.position(in.position() + result.length());
			}
		}
		out.flip();
		return out.toString();
	}

	private static NotUtf8 position(CharBuffer decodedSoFar, int value) {
		int offset = decodedSoFar.position();
		int line = 1;
		int lineStart = 0;
		for (int i = 0; i < offset; i++) {
			if (decodedSoFar.get(i) == '\n') {
				line++;
				lineStart = i + 1;
			}
		}
		return new NotUtf8(offset, line, offset - lineStart + 1, value);
	}

	@Override
	protected void addSyntaxErrors() {
		super.addSyntaxErrors();
		if (notUtf8 != null) {
			getErrors().add(new NotUtf8Diagnostic(notUtf8));
		}
	}

	/** Whether the file had bytes that are not UTF-8 (so it must not be rewritten from its text). */
	public boolean isNotUtf8() {
		return notUtf8 != null;
	}

	private static final class NotUtf8Diagnostic extends AbstractDiagnostic {

		private final NotUtf8 where;

		NotUtf8Diagnostic(NotUtf8 where) {
			this.where = where;
		}

		@Override
		public String getMessage() {
			return String.format("This file is not UTF-8 text: the byte 0x%02X at line %d, column %d is not UTF-8 (is it"
					+ " saved as Windows-1252 or another code page? Save it as UTF-8). Such bytes are read as unknown"
					+ " characters.", where.value(), where.line(), where.column());
		}

		@Override
		protected INode getNode() {
			return null;
		}

		@Override
		public String getCode() {
			return Rule.SYNTAX_ERROR.id();
		}

		@Override
		public String[] getData() {
			return new String[0];
		}

		@Override
		public int getOffset() {
			return where.offset();
		}

		@Override
		public int getLength() {
			return 1;
		}

		@Override
		public int getLine() {
			return where.line();
		}

		@Override
		public int getColumn() {
			return where.column();
		}

		@Override
		public int getLineEnd() {
			return where.line();
		}

		@Override
		public int getColumnEnd() {
			return where.column() + 1;
		}
	}
}
