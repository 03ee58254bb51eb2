package org.ocs.topology.rules.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.eclipse.emf.ecore.EObject;
import org.ocs.topology.analysis.net.Ipv4Address;
import org.ocs.topology.analysis.routing.UndeclaredGateways;
import org.ocs.topology.rules.Findings;
import org.ocs.topology.rules.FolderRule;
import org.ocs.topology.rules.Remedy;
import org.ocs.topology.rules.RemedySite;
import org.ocs.topology.topology.DefaultGateway;
import org.ocs.topology.topology.TopologyPackage;
import org.ocs.topology.validation.Describe;
import org.ocs.topology.validation.TopologyModel;

/** gateway-undeclared: a gateway no declaration owns, where neighbours route through a declared device. */
public final class GatewayUndeclared extends FolderRule {

	private static final TopologyPackage P = TopologyPackage.eINSTANCE;

	/** The routing addresses on the subnet the gateway may have meant, with their devices. */
	public record Data(List<Candidate> candidates) {
	}

	public record Candidate(String address, String device) {
	}

	@Override
	public void check(TopologyModel topology, Findings findings) {
		for (UndeclaredGateways.Suspect suspect : UndeclaredGateways.check(topology.network())) {
			if (!(suspect.route().source() instanceof EObject declaration)) {
				continue;
			}
			Ipv4Address hop = suspect.route().nextHop();
			String what = suspect.route().isDefault() ? "default gateway " + hop
					: "route " + suspect.route().destination() + " via " + hop;
			UndeclaredGateways.Used meant = suspect.usedInstead().get(0);
			String instead;
			if (meant.servers().isEmpty()) {
				instead = ", no other server uses it, and on " + suspect.subnet() + " " + suspect.usedInstead().stream()
						.map(u -> u.device() + " routes at " + u.address()).collect(Collectors.joining(", ")) + ".";
			} else {
				instead = ", while on " + suspect.subnet() + " " + suspect.usedInstead().stream()
						.map(u -> Describe.andList(u.servers()) + (u.servers().size() == 1 ? " uses " : " use ") + u.address()
								+ " (" + u.device() + ")")
						.collect(Collectors.joining("; ")) + " for the same traffic.";
			}
			List<Candidate> candidates = new ArrayList<>();
			suspect.usedInstead().forEach(u -> candidates.add(new Candidate(u.address().toString(), u.device())));
			findings.report(declaration,
					declaration instanceof DefaultGateway ? P.getDefaultGateway_Address() : P.getStaticRoute_NextHop(),
					"The " + what + " of server " + suspect.server().name() + " is no declared device's address" + instead
							+ " If it is a typo, " + suspect.server().name() + " reaches no other subnet, yet ocstopo takes"
							+ " it for a router that reaches them all. Use " + meant.address() + ", or declare the router"
							+ " ('router NAME { interface " + hop + " on SUBNET }').",
					new Data(candidates));
		}
	}

	/** One choice per routing address on the subnet; never safe: the address may be a router not declared yet. */
	@Override
	public List<Remedy> remedies(RemedySite site) {
		Data data = site.data(Data.class);
		if (data == null) {
			return List.of();
		}
		return data.candidates().stream()
				.map(c -> Remedy.of("Use " + c.address() + " (" + c.device() + ")", new Remedy.ReplaceFinding(c.address())))
				.toList();
	}
}
