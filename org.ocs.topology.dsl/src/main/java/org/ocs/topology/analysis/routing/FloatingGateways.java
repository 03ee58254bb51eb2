package org.ocs.topology.analysis.routing;

import java.util.ArrayList;
import java.util.List;

import org.ocs.topology.analysis.routing.NetworkView.Balancer;
import org.ocs.topology.analysis.routing.NetworkView.Device;
import org.ocs.topology.analysis.routing.NetworkView.Host;
import org.ocs.topology.analysis.routing.NetworkView.Nic;
import org.ocs.topology.analysis.routing.NetworkView.Route;

/**
 * Servers that route through a balancer's unit self IP where a floating one exists on the same
 * subnet. In an HA pair a self IP in traffic-group-local-only stays with its unit while the
 * floating one (traffic-group-1) moves to the unit that takes over; a gateway on the unit address
 * dies with that unit, so what the server sends through it stops on fail-over (F5 TMOS routing
 * guide, self IPs; community.f5.com "SNAT vs Automap").
 */
public final class FloatingGateways {

	/** One route through a unit self IP, and the floating self IP it should use instead. */
	public record UnitGateway(Host server, Route route, Balancer balancer, Nic unit, Nic floating) {
	}

	private FloatingGateways() {
	}

	public static List<UnitGateway> check(NetworkView view) {
		List<UnitGateway> found = new ArrayList<>();
		for (Device device : view.devices()) {
			if (!(device instanceof Host server)) {
				continue;
			}
			for (Route route : server.routes()) {
				if (!(view.ownerOf(route.nextHop()).orElse(null) instanceof Balancer balancer)) {
					continue;
				}
				Nic unit = view.nicOf(route.nextHop()).filter(nic -> !nic.floating()).orElse(null);
				if (unit == null) {
					continue;
				}
				balancer.nics().stream()
						.filter(nic -> nic.floating() && nic.network().networkCidr().equals(unit.network().networkCidr()))
						.min((a, b) -> a.address().compareTo(b.address()))
						.ifPresent(floating -> found.add(new UnitGateway(server, route, balancer, unit, floating)));
			}
		}
		return found;
	}
}
