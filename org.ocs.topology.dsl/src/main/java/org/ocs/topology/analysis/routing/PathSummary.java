package org.ocs.topology.analysis.routing;

import org.ocs.topology.analysis.routing.FlowTrace.Verdict;

/** A trace in one line: {@code fe1 -> fe2.contoso.com (10.0.2.10, DNS) -> default gateway 10.0.1.1 = lb1 (...) -> fe2 sees 10.0.1.1, not fe1}. */
public final class PathSummary {

	private PathSummary() {
	}

	public static String of(FlowTrace trace) {
		StringBuilder line = new StringBuilder(trace.from());
		if (trace.request() == null) {
			return line.append(" -> ").append(trace.target()).append(": ").append(TraceText.explanation(trace)).toString();
		}
		boolean afterSend = false;
		for (Hop hop : trace.request().hops()) {
			switch (hop.kind()) {
				case RESOLVE -> line.append(" -> ").append(TraceText.brief(hop));
				case SEND -> {
					if (!TraceText.brief(hop).equals("on-link")) {
						line.append(" -> ").append(TraceText.brief(hop));
						afterSend = true;
					} else {
						line.append(" -> on-link");
						afterSend = false;
					}
				}
				case BALANCER -> {
					line.append(afterSend ? " = " : " -> ").append(TraceText.brief(hop));
					afterSend = false;
				}
				case ROUTER, ASSUMED_ROUTER -> {
					line.append(afterSend ? " = " : " -> ").append(TraceText.brief(hop));
					afterSend = false;
				}
				case DELIVER -> {
					line.append(" -> ").append(TraceText.brief(hop));
					if (trace.verdict() == Verdict.HAIRPIN) {
						line.append(", not ").append(trace.from());
					}
				}
				case DROP -> line.append(" -> dropped: ").append(TraceText.brief(hop));
			}
		}
		if (trace.verdict() == Verdict.ASYMMETRIC || (trace.verdict() == Verdict.UNREACHABLE && trace.reply() != null)) {
			line.append("; ").append(TraceText.explanation(trace));
		}
		return line.toString();
	}
}
