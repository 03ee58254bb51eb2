package org.ocs.topology.rules.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.eclipse.emf.ecore.EObject;
import org.ocs.topology.analysis.net.AddressText;
import org.ocs.topology.analysis.net.Cidr;
import org.ocs.topology.rules.DeclarationRule;
import org.ocs.topology.rules.Findings;
import org.ocs.topology.rules.addressing.WrittenAddress;
import org.ocs.topology.topology.DefaultGateway;
import org.ocs.topology.topology.LoadBalancer;
import org.ocs.topology.topology.Router;
import org.ocs.topology.topology.Server;
import org.ocs.topology.topology.StaticRoute;
import org.ocs.topology.topology.TopologyPackage;
import org.ocs.topology.validation.Describe;

/** gateway-not-on-link: a default gateway or route next hop on none of the device's own subnets. */
public final class GatewayNotOnLink extends DeclarationRule<EObject> {

	private static final TopologyPackage P = TopologyPackage.eINSTANCE;

	public GatewayNotOnLink() {
		super(EObject.class);
	}

	@Override
	public void check(EObject device, Findings findings) {
		List<Cidr> onLink = new ArrayList<>();
		String system;
		if (device instanceof Server server) {
			server.getInterfaces().forEach(nic -> add(onLink, WrittenAddress.networkOf(nic.getAddress(), nic.getSubnet())));
			system = "Windows";
		} else if (device instanceof Router router) {
			router.getInterfaces().forEach(nic -> add(onLink, WrittenAddress.networkOf(nic.getAddress(), nic.getSubnet())));
			system = "the router";
		} else if (device instanceof LoadBalancer balancer) {
			balancer.getSelfIps().forEach(ip -> add(onLink, WrittenAddress.networkOf(ip.getAddress(), ip.getSubnet())));
			system = "the balancer";
		} else {
			return;
		}
		if (onLink.isEmpty()) {
			return;
		}
		for (EObject child : device.eContents()) {
			if (child instanceof DefaultGateway gateway) {
				AddressText text = usable(gateway);
				if (text != null && onLink.stream().noneMatch(n -> n.contains(text.address()))) {
					findings.report(gateway, P.getDefaultGateway_Address(), "Default gateway " + gateway.getAddress() + " of "
							+ Describe.of(device) + " is on none of its subnets (" + networks(onLink) + "): " + system
							+ " cannot reach it, so nothing off-subnet is reachable.");
				}
			} else if (child instanceof StaticRoute route) {
				AddressText text = usable(route);
				if (text != null && onLink.stream().noneMatch(n -> n.contains(text.address()))) {
					findings.report(route, P.getStaticRoute_NextHop(), "Next hop " + route.getNextHop() + " of route "
							+ route.getDestination() + " on " + Describe.of(device) + " is on none of its subnets ("
							+ networks(onLink) + "): the route cannot be used.");
				}
			}
		}
	}

	/** The subnets said in a finding; told only when there is one (every server is checked). */
	private static String networks(List<Cidr> onLink) {
		return onLink.stream().map(Cidr::toString).distinct().collect(Collectors.joining(", "));
	}

	/** The gateway's address or the route's next hop, when it is usable. */
	private static AddressText usable(EObject object) {
		for (WrittenAddress address : WrittenAddress.of(object)) {
			if (address.feature() == P.getDefaultGateway_Address() || address.feature() == P.getStaticRoute_NextHop()) {
				return address.usable();
			}
		}
		return null;
	}

	private static void add(List<Cidr> networks, Cidr network) {
		if (network != null) {
			networks.add(network);
		}
	}
}
