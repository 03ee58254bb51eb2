package org.ocs.topology.rules.balancer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.ocs.topology.analysis.product.Ports;
import org.ocs.topology.analysis.product.ProductGeneration;
import org.ocs.topology.rules.Findings;
import org.ocs.topology.rules.FolderRule;
import org.ocs.topology.rules.Remedy;
import org.ocs.topology.rules.RemedySite;
import org.ocs.topology.topology.DirectorPool;
import org.ocs.topology.topology.DnsLoadBalancing;
import org.ocs.topology.topology.EnterprisePool;
import org.ocs.topology.topology.HardwareLoadBalancing;
import org.ocs.topology.topology.Pool;
import org.ocs.topology.topology.PortList;
import org.ocs.topology.topology.Protocol;
import org.ocs.topology.topology.StandardVirtualServer;
import org.ocs.topology.topology.TopologyPackage;
import org.ocs.topology.topology.VirtualServer;
import org.ocs.topology.validation.TopologyModel;

/**
 * vip-ports-missing: a pool VIP that lacks ports the pool needs: an OCS 2007 R2 or Lync Server 2010
 * Enterprise pool's, a Lync 2010 Director pool's, or the web services VIP of a Lync 2010 pool whose
 * SIP is balanced by DNS. Which ports each needs is {@link ProductGeneration}'s.
 */
public final class VipPortsMissing extends FolderRule {

	/** The TCP ports the VIP lacks, in Microsoft's order. */
	public record Data(List<Integer> ports) {
	}

	/** What a virtual server must carry for one pool, and how the message names that use. */
	private record Need(StandardVirtualServer vip, String use, List<Ports.Port> ports) {
	}

	@Override
	public void check(TopologyModel topology, Findings findings) {
		ProductGeneration product = topology.product();
		if (product == null) {
			return; // product-missing says so; which list applies is then unknown
		}
		// One finding per virtual server, whatever number of pools name it (pools in name order).
		Map<StandardVirtualServer, List<Need>> byVip = new LinkedHashMap<>();
		List<Pool> pools = new ArrayList<>(topology.all(Pool.class));
		pools.removeIf(pool -> pool.getName() == null);
		pools.sort(Comparator.comparing(Pool::getName, String.CASE_INSENSITIVE_ORDER));
		for (Pool pool : pools) {
			for (Need need : needs(pool, product)) {
				if (!need.ports().isEmpty()) {
					byVip.computeIfAbsent(need.vip(), v -> new ArrayList<>()).add(need);
				}
			}
		}
		byVip.forEach((vip, needs) -> check(vip, needs, findings));
	}

	private static void check(StandardVirtualServer vip, List<Need> needs, Findings findings) {
		if (vip.getPorts().isEmpty()) {
			return; // no ports line: it listens on every port
		}
		Set<Integer> tcp = new LinkedHashSet<>();
		vip.getPorts().stream().filter(p -> p.getProtocol() == Protocol.TCP).forEach(p -> tcp.addAll(p.getNumbers()));
		Map<Integer, Ports.Port> missing = new LinkedHashMap<>();
		for (Need need : needs) {
			need.ports().stream().filter(port -> !tcp.contains(port.number())).forEach(port -> missing.putIfAbsent(port.number(), port));
		}
		if (missing.isEmpty()) {
			return;
		}
		String uses = String.join(" and ", needs.stream().map(Need::use).distinct().toList());
		String ports = String.join(", ", missing.values().stream().map(p -> p.number() + " (" + p.what() + ")").toList());
		findings.report(vip, TopologyPackage.eINSTANCE.getVirtualServer_Name(), "Virtual server " + vip.getName() + " of "
				+ uses + " does not carry TCP " + ports + ": what reaches the pool on those ports is dropped by the balancer.",
				new Data(List.copyOf(missing.keySet())));
	}

	/** The VIPs a pool's traffic reaches, with the ports each must carry for it. */
	private static List<Need> needs(Pool pool, ProductGeneration product) {
		boolean director = pool instanceof DirectorPool;
		if (!(pool instanceof EnterprisePool) && !director) {
			return List.of();
		}
		String role = product == ProductGeneration.OCS_2007_R2 ? product.displayName() + " pool "
				: product.displayName() + (director ? " Director pool " : " Front End pool ");
		StandardVirtualServer web = pool.getWebServices() == null ? null : standard(pool.getWebServices().getVip());
		List<Ports.Port> webPorts = product.requiredWebServicesVipPorts(director);
		List<Need> needs = new ArrayList<>();
		if (pool.getLoadBalancing() instanceof HardwareLoadBalancing hardware && standard(hardware.getVip()) != null) {
			StandardVirtualServer vip = standard(hardware.getVip());
			List<Ports.Port> ports = director ? product.requiredDirectorVipPorts() : product.requiredPoolVipPorts();
			if (web != null && web != vip) {
				// Web services on a VIP of their own: the pool VIP keeps the rest.
				ports = ports.stream().filter(p -> webPorts.stream().noneMatch(w -> w.number() == p.number())).toList();
				needs.add(new Need(web, "the web services of " + role + pool.getName(), webPorts));
			}
			needs.add(new Need(vip, role + pool.getName(), ports));
		} else if (pool.getLoadBalancing() instanceof DnsLoadBalancing && web != null) {
			needs.add(new Need(web, "the web services of " + role + pool.getName(), webPorts));
		}
		return needs;
	}

	private static StandardVirtualServer standard(VirtualServer vs) {
		return vs instanceof StandardVirtualServer standard && !standard.eIsProxy() ? standard : null;
	}

	/** The ports are the ones Microsoft lists for the pool's VIP; nothing else changes. */
	@Override
	public List<Remedy> remedies(RemedySite site) {
		Data data = site.data(Data.class);
		if (!(site.object() instanceof StandardVirtualServer vs) || data == null || data.ports().isEmpty()) {
			return List.of();
		}
		String ports = String.join(", ", data.ports().stream().map(String::valueOf).toList());
		// Onto the existing 'ports tcp' line where there is one: one list of TCP ports, as written.
		for (PortList list : vs.getPorts()) {
			if (list.getProtocol() == Protocol.TCP && !list.getNumbers().isEmpty()) {
				return List.of(Remedy.safe("Add " + ports + " to the TCP ports of virtual server " + vs.getName(),
						new Remedy.AppendToFeature(list, TopologyPackage.eINSTANCE.getPortList_Numbers(), ", " + ports)));
			}
		}
		return List.of(Remedy.safe("Add ports tcp " + ports + " to virtual server " + vs.getName(),
				new Remedy.InsertIntoBlock(vs, List.of("ports tcp " + ports))));
	}
}
