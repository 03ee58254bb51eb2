package org.ocs.topology.rules.balancer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.ocs.topology.analysis.product.Ports;
import org.ocs.topology.analysis.product.ProductGeneration;
import org.ocs.topology.rules.Findings;
import org.ocs.topology.rules.FolderRule;
import org.ocs.topology.rules.Remedy;
import org.ocs.topology.rules.RemedySite;
import org.ocs.topology.topology.PortList;
import org.ocs.topology.topology.Protocol;
import org.ocs.topology.topology.StandardVirtualServer;
import org.ocs.topology.topology.TopologyPackage;
import org.ocs.topology.validation.TopologyModel;

/** vip-ports-missing: an OCS 2007 R2 pool VIP that lacks ports the pool needs. */
public final class VipPortsMissing extends FolderRule {

	/** The TCP ports the VIP lacks, in Microsoft's order. */
	public record Data(List<Integer> ports) {
	}

	@Override
	public void check(TopologyModel topology, Findings findings) {
		for (R2PoolVips pair : R2PoolVips.of(topology)) {
			StandardVirtualServer vip = pair.vip();
			if (vip.getPorts().isEmpty()) {
				continue;
			}
			Set<Integer> tcp = new LinkedHashSet<>();
			vip.getPorts().stream().filter(p -> p.getProtocol() == Protocol.TCP).forEach(p -> tcp.addAll(p.getNumbers()));
			List<String> missing = new ArrayList<>();
			List<Integer> numbers = new ArrayList<>();
			for (Ports.Port port : ProductGeneration.OCS_2007_R2.requiredPoolVipPorts()) {
				if (!tcp.contains(port.number())) {
					missing.add(port.number() + " (" + port.what() + ")");
					numbers.add(port.number());
				}
			}
			if (!missing.isEmpty()) {
				findings.report(vip, TopologyPackage.eINSTANCE.getVirtualServer_Name(), "Virtual server " + vip.getName()
						+ " of OCS 2007 R2 pool " + pair.pool().getName() + " does not carry TCP " + String.join(", ", missing)
						+ ": what reaches the pool on those ports is dropped by the balancer.", new Data(numbers));
			}
		}
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
