package org.ocs.topology.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.validation.Issue;
import org.ocs.topology.headless.TopologyWorkspace;
import org.ocs.topology.rules.Rule;
import org.ocs.topology.rules.Severity;
import org.ocs.topology.validation.HopData;

/**
 * Checks files on the language's own Xtext services ({@link TopologyWorkspace}, the same validators
 * as the language server) and turns Xtext's issues into {@link Finding}s with positions and traces.
 */
public final class CheckRun {

	private final TopologyWorkspace workspace;
	private final Map<Path, SourceText> texts = new HashMap<>();

	public CheckRun(TopologyWorkspace workspace) {
		this.workspace = workspace;
	}

	public CheckResult check(Collection<Path> files) throws TopologyWorkspace.UnreadableInput {
		List<Finding> findings = new ArrayList<>();
		List<Path> checked = new ArrayList<>();
		for (Path file : files) {
			Path absolute = file.toAbsolutePath().normalize();
			checked.add(absolute);
			for (Issue issue : workspace.validate(absolute)) {
				Finding finding = finding(absolute, issue);
				// A policy mistake comes with every file the policy governs: report it once.
				if (!finding.ruleId().equals(Rule.POLICY_INVALID.id()) || !findings.contains(finding)) {
					findings.add(finding);
				}
			}
		}
		findings.sort(Comparator.comparing((Finding f) -> f.span().file()).thenComparingInt(f -> f.span().start().line())
				.thenComparingInt(f -> f.span().start().column()).thenComparing(Finding::ruleId)
				.thenComparing(Finding::message));
		return new CheckResult(checked, findings);
	}

	private Finding finding(Path file, Issue issue) throws TopologyWorkspace.UnreadableInput {
		String[] data = issue.getData();
		if (Rule.POLICY_INVALID.id().equals(issue.getCode()) && data != null && data.length == 4) {
			// A mistake in ocstopo.json: at its place in the policy file, not on the governed file.
			Path policy = Path.of(data[0]).toAbsolutePath().normalize();
			Position at = policyText(policy).atLineColumn(Integer.parseInt(data[1]) - 1, Integer.parseInt(data[2]) - 1);
			return new Finding(issue.getCode(), Severity.ERROR, data[3], new Span(policy, at, at), List.of());
		}
		SourceText text = text(file);
		Position start;
		Position end;
		if (issue.getOffset() != null && issue.getOffset() >= 0) {
			int length = issue.getLength() == null ? 0 : Math.max(0, issue.getLength());
			start = text.atOffset(issue.getOffset());
			end = text.atOffset(issue.getOffset() + length);
		} else {
			int line = issue.getLineNumber() == null ? 1 : issue.getLineNumber();
			int column = issue.getColumn() == null ? 1 : issue.getColumn();
			start = text.atLineColumn(line - 1, column - 1);
			end = start;
		}
		List<TraceStep> trace = new ArrayList<>();
		if (issue.getData() != null) {
			for (String entry : issue.getData()) {
				HopData hop = HopData.decode(entry);
				if (hop != null) {
					URI uri = URI.createURI(hop.fileUri());
					if (uri.isFile()) {
						Path hopFile = Path.of(uri.toFileString()).toAbsolutePath().normalize();
						SourceText hopText = text(hopFile);
						trace.add(new TraceStep(new Span(hopFile, hopText.atLineColumn(hop.startLine(), hop.startColumn()),
								hopText.atLineColumn(hop.endLine(), hop.endColumn())), hop.why()));
					}
				}
			}
		}
		String code = issue.getCode() == null ? "unknown" : issue.getCode();
		return new Finding(code, severity(issue), issue.getMessage() == null ? "" : issue.getMessage(),
				new Span(file, start, end), trace);
	}

	private static Severity severity(Issue issue) {
		return switch (issue.getSeverity()) {
			case ERROR -> Severity.ERROR;
			case WARNING -> Severity.WARNING;
			default -> Severity.INFO;
		};
	}

	private SourceText policyText(Path policy) {
		return texts.computeIfAbsent(policy, p -> {
			try {
				return new SourceText(Files.readString(p));
			} catch (IOException | RuntimeException e) {
				// Changed or gone since it was read: positions still print, byte offsets may not be exact.
				return new SourceText("");
			}
		});
	}

	/** The text the parser read, so positions match what it reported. */
	private SourceText text(Path file) throws TopologyWorkspace.UnreadableInput {
		SourceText known = texts.get(file);
		if (known == null) {
			XtextResource resource = workspace.load(file);
			ICompositeNode root = resource.getParseResult() == null ? null : resource.getParseResult().getRootNode();
			known = new SourceText(root == null ? "" : root.getText());
			texts.put(file, known);
		}
		return known;
	}

	static String label(Severity severity) {
		return severity.name().toLowerCase(Locale.ROOT);
	}
}
