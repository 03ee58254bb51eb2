package org.ocs.topology.reports;

import java.util.List;
import java.util.Optional;

import org.ocs.topology.rules.Rule;
import org.ocs.topology.rules.Severity;

/**
 * One finding as every headless report tells it: the rule, the severity it has in this run, the
 * message in the user's terms, where it is, and the trace (hop by hop, each at its declaration)
 * for the findings that have one.
 */
public record Finding(String ruleId, Severity severity, String message, Span span, List<TraceStep> trace) {

	public Finding {
		trace = List.copyOf(trace);
	}

	public Optional<Rule> rule() {
		return Rule.byId(ruleId);
	}

	/** {@code file:line:col}, the file as {@code paths} shows it. */
	public String location(ReportPaths paths) {
		return paths.shown(span.file()) + ":" + span.start().line() + ":" + span.start().column();
	}
}
