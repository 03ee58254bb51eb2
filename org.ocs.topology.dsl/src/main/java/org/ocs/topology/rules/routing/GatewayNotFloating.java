package org.ocs.topology.rules.routing;

import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.ocs.topology.analysis.routing.FloatingGateways;
import org.ocs.topology.rules.Findings;
import org.ocs.topology.rules.FolderRule;
import org.ocs.topology.rules.Remedy;
import org.ocs.topology.rules.RemedySite;
import org.ocs.topology.topology.DefaultGateway;
import org.ocs.topology.topology.TopologyPackage;
import org.ocs.topology.validation.TopologyModel;

/** gateway-not-floating: a gateway or route through a balancer's unit self IP, which a fail-over leaves behind. */
public final class GatewayNotFloating extends FolderRule {

	private static final TopologyPackage P = TopologyPackage.eINSTANCE;

	/** The floating self IP of the same subnet, which the remedy writes. */
	public record Data(String floating) {
	}

	@Override
	public void check(TopologyModel topology, Findings findings) {
		for (FloatingGateways.UnitGateway gateway : FloatingGateways.check(topology.network())) {
			if (!(gateway.route().source() instanceof EObject declaration)) {
				continue;
			}
			String what = gateway.route().isDefault() ? "default gateway " + gateway.route().nextHop()
					: "route " + gateway.route().destination() + " via " + gateway.route().nextHop();
			findings.report(declaration,
					declaration instanceof DefaultGateway ? P.getDefaultGateway_Address() : P.getStaticRoute_NextHop(),
					"The " + what + " of server " + gateway.server().name() + " is a unit self IP of "
							+ gateway.balancer().name() + ", which has the floating self IP " + gateway.floating().address()
							+ " on " + gateway.unit().network().networkCidr() + ": when the pair fails over, the unit address"
							+ " stays with the failed unit and what " + gateway.server().name() + " sends through it stops."
							+ " Use " + gateway.floating().address() + ".",
					new Data(gateway.floating().address().toString()));
		}
	}

	/** The floating self IP of the same subnet is the one remedy: the route stays, only its next hop moves. */
	@Override
	public List<Remedy> remedies(RemedySite site) {
		Data data = site.data(Data.class);
		return data == null ? List.of()
				: List.of(Remedy.safe("Use the floating self IP " + data.floating(), new Remedy.ReplaceFinding(data.floating())));
	}
}
