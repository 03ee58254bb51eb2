package org.ocs.topology.cli;

import java.nio.file.Path;
import java.util.Locale;

import org.eclipse.xtext.validation.Issue;
import org.ocs.topology.rules.Rule;

/** One finding as the command line reports it. */
record Finding(Path file, int line, int column, String severity, String ruleId, String message) {

	static Finding of(Path file, Issue issue) {
		String[] data = issue.getData();
		if (Rule.POLICY_INVALID.id().equals(issue.getCode()) && data != null && data.length == 4) {
			// A mistake in ocstopo.json: reported at its place in the policy file, once (a record: equal findings dedupe).
			return new Finding(Path.of(data[0]), Integer.parseInt(data[1]), Integer.parseInt(data[2]), "error",
					issue.getCode(), data[3]);
		}
		String severity = issue.getSeverity().name().toLowerCase(Locale.ROOT);
		String code = issue.getCode() == null ? "unknown" : issue.getCode();
		int line = issue.getLineNumber() == null ? 1 : issue.getLineNumber();
		int column = issue.getColumn() == null ? 1 : issue.getColumn();
		// One finding, one line: a parser message may contain line breaks.
		String message = issue.getMessage() == null ? "" : issue.getMessage().replaceAll("\\s*\\R\\s*", " ");
		return new Finding(file, line, column, severity, code, message);
	}

	String format() {
		return InputFiles.shown(file) + ":" + line + ":" + column + ": " + severity + " " + ruleId + " " + message;
	}
}
