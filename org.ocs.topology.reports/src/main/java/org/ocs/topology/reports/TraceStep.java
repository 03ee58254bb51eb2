package org.ocs.topology.reports;

/** One hop of a finding's trace: the declaration it passes and what happens there. */
public record TraceStep(Span span, String why) {
}
