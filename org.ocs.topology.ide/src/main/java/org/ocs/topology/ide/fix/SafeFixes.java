package org.ocs.topology.ide.fix;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import org.eclipse.emf.common.util.URI;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.xtext.ide.editor.quickfix.DiagnosticResolution;
import org.eclipse.xtext.ide.editor.quickfix.IQuickFixProvider;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.codeActions.ICodeActionService2.Options;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.ocs.topology.headless.TopologyWorkspace;
import org.ocs.topology.ide.quickfix.WorkspaceResolution;
import org.ocs.topology.rules.Rule;

import com.google.inject.Injector;

/**
 * {@code ocstopo validate --fix} without writing anything: the fixes the catalogue marks safe,
 * found by the editors' own quick-fix provider, applied one at a time to the texts in memory.
 * After each, the whole topology is validated again, and the fix is kept only if its finding went
 * and no finding appeared that was not there before; the next fix is computed on the new text.
 * The caller writes {@link Plan#changed()} (atomically) and re-checks from disk.
 */
public final class SafeFixes {

	/** A fix kept: where its finding was (1-based, in the text before the fix), the rule, what it did. */
	public record Applied(Path file, int line, int column, String rule, String label) {
	}

	/** A finding of a safe-fix rule left as it is, and why. */
	public record Skipped(Path file, int line, int column, String rule, String reason) {
	}

	/** The outcome: every file of the topologies, before and after, and what was done. */
	public record Plan(Map<Path, String> before, Map<Path, String> after, List<Applied> applied, List<Skipped> skipped) {
		/** The files whose text changed, in path order. */
		public Map<Path, String> changed() {
			Map<Path, String> changed = new TreeMap<>();
			after.forEach((file, text) -> {
				if (!text.equals(before.get(file))) {
					changed.put(file, text);
				}
			});
			return changed;
		}
	}

	/** Enough for any topology a person writes; a fix that keeps making work for another stops here. */
	private static final int MAX_FIXES = 500;

	private final Injector injector;
	private final IQuickFixProvider quickFixes;
	private final IResourceValidator validator;

	/** @param ideInjector an injector of the language's IDE setup (it binds the quick-fix provider). */
	public SafeFixes(Injector ideInjector) {
		this.injector = ideInjector;
		this.quickFixes = ideInjector.getInstance(IQuickFixProvider.class);
		this.validator = ideInjector.getInstance(IResourceValidator.class);
	}

	/**
	 * Plans the safe fixes of the findings in {@code files}; each file's folder is loaded whole (a
	 * fix may edit a sibling, e.g. the sending server's file). Files {@code writable} rejects are not
	 * edited: a fix that would touch one is skipped with that reason.
	 */
	public Plan plan(Collection<Path> files, Predicate<Path> writable) throws TopologyWorkspace.UnreadableInput {
		Set<Path> requested = new LinkedHashSet<>();
		Map<Path, String> texts = new TreeMap<>();
		for (Path file : files) {
			Path absolute = file.toAbsolutePath().normalize();
			requested.add(absolute);
			for (Path sibling : TopologyWorkspace.filesOf(absolute.getParent())) {
				texts.computeIfAbsent(sibling, this::read);
			}
			texts.computeIfAbsent(absolute, this::read);
		}
		for (Map.Entry<Path, String> entry : texts.entrySet()) {
			if (entry.getValue() == null) {
				throw new TopologyWorkspace.UnreadableInput(entry.getKey() + ": cannot read file");
			}
		}
		Map<Path, String> before = asWritten(texts);
		List<Applied> applied = new ArrayList<>();
		List<Skipped> skipped = new ArrayList<>();
		Set<String> tried = new HashSet<>();
		State state = validate(texts);
		// Report each finding where the user's file has it, not where it moved to after earlier fixes.
		Map<String, java.util.ArrayDeque<int[]>> positions = new HashMap<>();
		state.issues().forEach((file, list) -> list.forEach(issue -> positions.computeIfAbsent(
				FixVerdict.key(issue.getCode(), file.toString(), issue.getMessage()), k -> new java.util.ArrayDeque<>())
				.add(new int[] { issue.getLineNumber(), issue.getColumn() })));
		while (applied.size() < MAX_FIXES) {
			Candidate candidate = nextCandidate(state, requested, tried);
			if (candidate == null) {
				break;
			}
			tried.add(candidate.key());
			Issue issue = candidate.issue();
			int[] at = positions.getOrDefault(candidate.key(), new java.util.ArrayDeque<>()).isEmpty()
					? new int[] { issue.getLineNumber(), issue.getColumn() }
					: positions.get(candidate.key()).poll();
			candidate = new Candidate(candidate.file(), issue, candidate.key(), at[0], at[1]);
			WorkspaceResolution fix = safeResolution(state, candidate);
			if (fix == null) {
				skipped.add(skip(candidate, "no safe fix applies to this finding; an editor offers the ones to choose from"));
				continue;
			}
			Map<Path, List<TextEdit>> edits = editsOf(fix.apply());
			Path foreign = edits.keySet().stream().filter(notUtf8::contains).findFirst().orElse(null);
			if (foreign != null) {
				skipped.add(skip(candidate, "'" + fix.getLabel() + "' would change " + foreign.getFileName()
						+ ", which is not UTF-8 text (save it as UTF-8 first)"));
				continue;
			}
			Path readOnly = edits.keySet().stream().filter(writable.negate()).findFirst().orElse(null);
			if (readOnly != null) {
				skipped.add(skip(candidate, "'" + fix.getLabel() + "' would change " + readOnly.getFileName() + ", which is read-only"));
				continue;
			}
			Path outside = edits.keySet().stream().filter(p -> !texts.containsKey(p)).findFirst().orElse(null);
			if (outside != null) {
				skipped.add(skip(candidate, "'" + fix.getLabel() + "' would change " + outside + ", outside the topology"));
				continue;
			}
			Map<Path, String> fixed = new TreeMap<>(texts);
			edits.forEach((file, fileEdits) -> fixed.put(file, apply(fixed.get(file), fileEdits)));
			State after = validate(fixed);
			FixVerdict verdict = FixVerdict.judge(state.keys(), after.keys(), candidate.key());
			if (!verdict.kept()) {
				skipped.add(skip(candidate, "'" + fix.getLabel() + "' " + verdict.reason()));
				continue;
			}
			applied.add(new Applied(candidate.file(), candidate.line(), candidate.column(), issue.getCode(), fix.getLabel()));
			texts.clear();
			texts.putAll(fixed);
			state = after;
		}
		return new Plan(before, asWritten(texts), applied, skipped);
	}

	// ------------------------------------------------------------ one state of the texts

	/** The texts parsed and validated together, one resource set: what the CLI would see on disk. */
	private record State(Map<Path, XtextResource> resources, Map<Path, String> texts, Map<Path, List<Issue>> issues) {
		/** Every finding as rule, file and message: positions shift when a fix adds a line, these do not. */
		List<String> keys() {
			List<String> keys = new ArrayList<>();
			issues.forEach((file, list) -> list.forEach(issue -> keys.add(FixVerdict.key(issue.getCode(), file.toString(),
					issue.getMessage()))));
			return keys;
		}
	}

	private record Candidate(Path file, Issue issue, String key, int line, int column) {
	}

	private State validate(Map<Path, String> texts) {
		XtextResourceSet resourceSet = injector.getInstance(XtextResourceSet.class);
		Map<Path, XtextResource> resources = new LinkedHashMap<>();
		for (Map.Entry<Path, String> entry : texts.entrySet()) {
			URI uri = URI.createFileURI(entry.getKey().toString());
			XtextResource resource = (XtextResource) resourceSet.createResource(uri);
			try {
				resource.load(new ByteArrayInputStream(entry.getValue().getBytes(StandardCharsets.UTF_8)),
						resourceSet.getLoadOptions());
			} catch (IOException cannot) {
				// Fail closed: a text that cannot be loaded cannot be judged, so no fix is judged on it.
				throw new java.io.UncheckedIOException(entry.getKey() + ": cannot load the text to fix: " + cannot.getMessage(),
						cannot);
			}
			resources.put(entry.getKey(), resource);
		}
		Map<Path, List<Issue>> issues = new LinkedHashMap<>();
		resources.forEach((file, resource) -> issues.put(file,
				validator.validate(resource, CheckMode.ALL, CancelIndicator.NullImpl)));
		return new State(resources, Map.copyOf(texts), issues);
	}

	/** The first finding, in file and offset order, of a safe-fix rule in a requested file not tried yet. */
	private static Candidate nextCandidate(State state, Set<Path> requested, Set<String> tried) {
		for (Path file : new java.util.TreeSet<>(requested)) {
			List<Issue> issues = new ArrayList<>(state.issues().getOrDefault(file, List.of()));
			issues.sort(Comparator.comparing(Issue::getOffset, Comparator.nullsFirst(Comparator.naturalOrder())));
			for (Issue issue : issues) {
				boolean safe = Rule.byId(issue.getCode()).map(Rule::safeFix).orElse(false);
				String key = FixVerdict.key(issue.getCode(), file.toString(), issue.getMessage());
				if (safe && issue.getOffset() != null && !tried.contains(key)) {
					return new Candidate(file, issue, key, issue.getLineNumber(), issue.getColumn());
				}
			}
		}
		return null;
	}

	/** The provider's one safe resolution for the finding, asked exactly as an editor asks. */
	private WorkspaceResolution safeResolution(State state, Candidate candidate) {
		XtextResource resource = state.resources().get(candidate.file());
		Document document = new Document(1, state.texts().get(candidate.file()));
		for (DiagnosticResolution resolution : resolutions(quickFixes, resource, document, candidate.issue())) {
			if (resolution instanceof WorkspaceResolution workspace && workspace.safe()) {
				return workspace;
			}
		}
		return null;
	}

	/**
	 * The resolutions the provider offers for a finding, asked exactly as an editor asks (the
	 * finding as an LSP diagnostic, in a code action request on its range); none if it has none.
	 */
	public static List<DiagnosticResolution> resolutions(IQuickFixProvider quickFixes, XtextResource resource,
			Document document, Issue issue) {
		Diagnostic diagnostic = new Diagnostic(new Range(document.getPosition(issue.getOffset()),
				document.getPosition(issue.getOffset() + issue.getLength())), issue.getMessage());
		diagnostic.setCode(Either.forLeft(issue.getCode()));
		diagnostic.setData(issue.getData());
		if (!quickFixes.handlesDiagnostic(diagnostic)) {
			return List.of();
		}
		Options options = new Options();
		options.setResource(resource);
		options.setDocument(document);
		options.setURI(resource.getURI().toString());
		options.setCodeActionParams(new CodeActionParams(new TextDocumentIdentifier(resource.getURI().toString()),
				diagnostic.getRange(), new CodeActionContext(List.of(diagnostic))));
		return quickFixes.getResolutions(options, diagnostic);
	}

	private static Skipped skip(Candidate candidate, String reason) {
		return new Skipped(candidate.file(), candidate.line(), candidate.column(), candidate.issue().getCode(), reason);
	}

	// ------------------------------------------------------------ text edits

	private static Map<Path, List<TextEdit>> editsOf(WorkspaceEdit edit) {
		Map<Path, List<TextEdit>> edits = new TreeMap<>();
		if (edit.getChanges() != null) {
			edit.getChanges().forEach((uri, list) -> edits.put(pathOf(uri), list));
		}
		if (edit.getDocumentChanges() != null) {
			edit.getDocumentChanges().stream().filter(Either::isLeft).map(Either::getLeft)
					.forEach(change -> edits.put(pathOf(change.getTextDocument().getUri()),
							change.getEdits().stream().filter(Either::isLeft).map(Either::getLeft).toList()));
		}
		return edits;
	}

	private static Path pathOf(String uri) {
		return Paths.get(java.net.URI.create(uri)).toAbsolutePath().normalize();
	}

	/** Applies one file's edits, last first, so that each range still means what it meant. */
	static String apply(String text, List<TextEdit> edits) {
		List<TextEdit> ordered = new ArrayList<>(edits);
		ordered.sort(Comparator.comparing((TextEdit e) -> e.getRange().getStart().getLine())
				.thenComparing(e -> e.getRange().getStart().getCharacter()).reversed());
		Document document = new Document(1, text);
		for (TextEdit edit : ordered) {
			document = document.applyChanges(List.of(edit));
		}
		return document.getContents();
	}

	private static final String BYTE_ORDER_MARK = "\uFEFF";

	/**
	 * A file's text as the resources read it: without its byte order mark (noted, and written back
	 * with the fixed text), and null for a file that is not UTF-8 (fixing it would write its unknown
	 * bytes back as U+FFFD, so it is not fixed: its findings say why).
	 */
	private String read(Path file) {
		try {
			String text = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
					.decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
			if (text.startsWith(BYTE_ORDER_MARK)) {
				withByteOrderMark.add(file);
				return text.substring(1);
			}
			return text;
		} catch (java.nio.charset.CharacterCodingException e) {
			notUtf8.add(file);
			try {
				return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
			} catch (IOException | RuntimeException again) {
				return null;
			}
		} catch (IOException | RuntimeException e) {
			return null;
		}
	}

	private final Set<Path> withByteOrderMark = new HashSet<>();
	private final Set<Path> notUtf8 = new HashSet<>();

	/** The texts as the files will hold them: byte order marks back where they were. */
	private Map<Path, String> asWritten(Map<Path, String> texts) {
		Map<Path, String> written = new TreeMap<>(texts);
		withByteOrderMark.forEach(file -> written.computeIfPresent(file, (f, text) -> BYTE_ORDER_MARK + text));
		return Map.copyOf(written);
	}
}
