package org.ocs.topology.rules.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.ocs.topology.rules.DeclarationRule;
import org.ocs.topology.rules.Findings;
import org.ocs.topology.rules.Remedy;
import org.ocs.topology.rules.RemedySite;
import org.ocs.topology.topology.DefaultGateway;
import org.ocs.topology.topology.LoadBalancer;
import org.ocs.topology.topology.Router;
import org.ocs.topology.topology.Server;
import org.ocs.topology.topology.TopologyPackage;

/**
 * gateway-multiple: a device with more than one default gateway sends off-subnet traffic through
 * either. One finding per extra gateway; each offers removing any one of them, since which to keep
 * is the user's choice.
 */
public final class GatewayMultiple extends DeclarationRule<EObject> {

	private static final TopologyPackage P = TopologyPackage.eINSTANCE;

	public GatewayMultiple() {
		super(EObject.class);
	}

	@Override
	public void check(EObject device, Findings findings) {
		List<DefaultGateway> gateways;
		String owner;
		String system;
		if (device instanceof Server server) {
			gateways = server.getGateways();
			owner = "Server " + server.getName();
			system = "Windows";
		} else if (device instanceof Router router) {
			gateways = router.getGateways();
			owner = "Router " + router.getName();
			system = "the router";
		} else if (device instanceof LoadBalancer balancer) {
			gateways = balancer.getGateways();
			owner = "Load balancer " + balancer.getName();
			system = "the balancer";
		} else {
			return;
		}
		if (gateways.size() < 2) {
			return;
		}
		String all = gateways.stream().map(DefaultGateway::getAddress).collect(Collectors.joining(", "));
		EStructuralFeature address = P.getDefaultGateway_Address();
		for (DefaultGateway extra : gateways.subList(1, gateways.size())) {
			findings.report(extra, address, owner + " has " + gateways.size() + " default gateways (" + all + "): "
					+ system + " sends through one of them at a time, so off-subnet traffic may leave by either; keep"
					+ " one and add static routes.");
		}
	}

	/** Removing any one of the gateways, this one first: keeping the right one is the user's call. */
	@Override
	public List<Remedy> remedies(RemedySite site) {
		if (!(site.object() instanceof DefaultGateway here) || here.eContainer() == null) {
			return List.of();
		}
		EObject device = here.eContainer();
		List<DefaultGateway> gateways = new ArrayList<>();
		for (EObject child : device.eContents()) {
			if (child instanceof DefaultGateway gateway) {
				gateways.add(gateway);
			}
		}
		List<Remedy> remedies = new ArrayList<>();
		remedies.add(Remedy.of("Remove default gateway " + here.getAddress(), new Remedy.Delete(here)));
		for (DefaultGateway other : gateways) {
			if (other != here) {
				remedies.add(Remedy.of("Remove default gateway " + other.getAddress(), new Remedy.Delete(other)));
			}
		}
		return remedies;
	}
}
