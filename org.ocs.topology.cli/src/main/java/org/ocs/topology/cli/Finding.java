package org.ocs.topology.cli;

import java.nio.file.Path;
import java.util.Locale;

import org.eclipse.xtext.validation.Issue;

/** One finding as the command line reports it. */
record Finding(Path file, int line, int column, String severity, String ruleId, String message) {

	static Finding of(Path file, Issue issue) {
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
