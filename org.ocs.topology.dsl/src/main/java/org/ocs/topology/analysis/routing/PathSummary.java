package org.ocs.topology.analysis.routing;

import org.ocs.topology.analysis.routing.FlowTrace.Verdict;

/** A trace in one line: {@code fe1 -> fe2.contoso.com (10.0.2.10, DNS) -> default gateway 10.0.1.1 = lb1 (...) -> fe2 sees 10.0.1.1, not fe1}. */
public final class PathSummary {

	private PathSummary() {
	}

	public static String of(FlowTrace trace) {
		StringBuilder line = new StringBuilder(trace.from());
		if (trace.request() == null) {
			return line.append(" -> ").append(trace.target()).append(": ").append(trace.explanation()).toString();
		}
		boolean afterSend = false;
		for (Hop hop : trace.request().hops()) {
			switch (hop.kind()) {
				case RESOLVE -> line.append(" -> ").append(hop.brief());
				case SEND -> {
					if (!hop.brief().equals("on-link")) {
						line.append(" -> ").append(hop.brief());
						afterSend = true;
					} else {
						line.append(" -> on-link");
						afterSend = false;
					}
				}
				case BALANCER -> {
					line.append(afterSend ? " = " : " -> ").append(hop.brief());
					afterSend = false;
				}
				case ROUTER, ASSUMED_ROUTER -> {
					line.append(afterSend ? " = " : " -> ").append(hop.brief());
					afterSend = false;
				}
				case DELIVER -> {
					line.append(" -> ").append(hop.brief());
					if (trace.verdict() == Verdict.HAIRPIN) {
						line.append(", not ").append(trace.from());
					}
				}
				case DROP -> line.append(" -> dropped: ").append(hop.brief());
			}
		}
		if (trace.verdict() == Verdict.ASYMMETRIC || (trace.verdict() == Verdict.UNREACHABLE && trace.reply() != null)) {
			line.append("; ").append(trace.explanation());
		}
		return line.toString();
	}
}
