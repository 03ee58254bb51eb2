package org.ocs.topology.rules.pools;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.ocs.topology.analysis.routing.FlowTrace;
import org.ocs.topology.analysis.routing.Hop;
import org.ocs.topology.analysis.routing.TraceText;
import org.ocs.topology.rules.Findings;
import org.ocs.topology.topology.ARecord;
import org.ocs.topology.topology.DefaultGateway;
import org.ocs.topology.topology.HostsEntry;
import org.ocs.topology.topology.NetworkInterface;
import org.ocs.topology.topology.SelfIp;
import org.ocs.topology.topology.SourceTranslation;
import org.ocs.topology.topology.StaticRoute;
import org.ocs.topology.topology.TopologyPackage;
import org.ocs.topology.validation.HopData;

/** How the rules that judge a traced path report: the trace as hops, the assumptions said, the anchor's feature. */
public final class TracedFindings {

	private static final TopologyPackage P = TopologyPackage.eINSTANCE;

	private TracedFindings() {
	}

	/** A declaration compared by identity (model objects have no value equality). */
	public record Identity(Object object) {
		@Override
		public boolean equals(Object other) {
			return other instanceof Identity identity && identity.object == object;
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(object);
		}
	}

	/** The trace travels with the finding: one entry per hop that has a declaration. */
	public static List<String> hops(List<Hop> hops) {
		List<String> data = new ArrayList<>();
		for (Hop hop : hops) {
			if (hop.declaration() instanceof EObject declaration && declaration.eResource() != null) {
				data.add(HopData.encode(declaration, TraceText.why(hop)));
			}
		}
		return data;
	}

	/** A finding from a trace: what its verdict assumed is said, and no error rests on it alone (only a warning). */
	public static void report(Findings findings, FlowTrace trace, String message, EObject anchor,
			EStructuralFeature feature, int index, Record data, List<String> hops) {
		FlowTrace.Assumption assumption = trace.assumption();
		String told = assumption == null ? message : message + " " + assumptionText(assumption);
		List<String> routers = trace.assumedRouters();
		if (!routers.isEmpty()) {
			told += " " + assumedRoutersText(routers);
		}
		findings.report(anchor, feature, index, told, data, hops, trace.problemRestsOnAssumption());
	}

	private static String assumedRoutersText(List<String> routers) {
		boolean one = routers.size() == 1;
		return "This rests on " + (one ? "router " : "routers ") + String.join(", ", routers) + ", which no declaration owns"
				+ (one ? " and is" : " and are") + " assumed to reach every declared subnet directly; declare "
				+ (one ? "it" : "them") + " ('router NAME { interface " + routers.get(0) + " on SUBNET ... }', with "
				+ (one ? "its" : "their") + " routes) to check the real path.";
	}

	private static String assumptionText(FlowTrace.Assumption assumption) {
		String servers = String.join(", ", assumption.servers());
		String otherwise = switch (assumption.otherwise()) {
			case DIRECT, THROUGH_BALANCER_SOURCE_KEPT -> "the flow would work";
			case HAIRPIN -> "it would hairpin instead";
			case ASYMMETRIC -> "it would be asymmetric instead";
			case UNREACHABLE -> "it would not get through instead";
			case UNRESOLVED -> "the name would not resolve";
		};
		String say = " Say which with 'windows ws2003|ws2008|ws2008r2' (or 'host model strong|weak') in the server or"
				+ " the topology header.";
		if (assumption.problemEitherWay()) {
			return "The topology does not state the host model of " + servers + ": this is under "
					+ TraceText.hostModel(assumption.assumed()) + "; under the other " + otherwise
					+ ", so it fails either way." + say;
		}
		return "This assumes " + TraceText.hostModel(assumption.assumed()) + " for " + servers + ", which the topology"
				+ " does not state; under the other model " + otherwise + "." + say;
	}

	/** The part of a declaration a path finding is underlined on. */
	public static EStructuralFeature anchorFeature(EObject anchor) {
		if (anchor instanceof ARecord) return P.getARecord_Address();
		if (anchor instanceof HostsEntry) return P.getHostsEntry_Address();
		if (anchor instanceof DefaultGateway) return P.getDefaultGateway_Address();
		if (anchor instanceof StaticRoute) return P.getStaticRoute_NextHop();
		if (anchor instanceof SourceTranslation) return P.getSourceTranslation_Kind();
		if (anchor instanceof NetworkInterface) return P.getNetworkInterface_Address();
		if (anchor instanceof SelfIp) return P.getSelfIp_Address();
		return anchor.eClass().getEStructuralFeature("name");
	}
}
