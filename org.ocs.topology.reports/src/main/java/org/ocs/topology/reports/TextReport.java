package org.ocs.topology.reports;

import org.ocs.topology.rules.Severity;

/**
 * One line per finding, {@code file:line:col: severity rule message}, so grep and editors' error
 * parsers read it; the trace follows, one hop a line, indented, each at its declaration.
 */
final class TextReport {

	private TextReport() {
	}

	static String render(CheckResult result, ReportContext context) {
		StringBuilder out = new StringBuilder();
		for (Finding finding : result.findings()) {
			out.append(line(finding, context)).append('\n');
			int hop = 1;
			for (TraceStep step : finding.trace()) {
				out.append("    ").append(hop++).append(". ").append(context.paths().shown(step.span().file()))
						.append(':').append(step.span().start().line()).append(':').append(step.span().start().column())
						.append(": ").append(oneLine(step.why())).append('\n');
			}
		}
		return out.toString();
	}

	static String line(Finding finding, ReportContext context) {
		return finding.location(context.paths()) + ": " + label(finding.severity()) + " " + finding.ruleId() + " "
				+ oneLine(finding.message());
	}

	/** One finding, one line: a parser message may contain line breaks. */
	static String oneLine(String text) {
		return text.replaceAll("\\s*\\R\\s*", " ");
	}

	static String label(Severity severity) {
		return severity.label();
	}
}
