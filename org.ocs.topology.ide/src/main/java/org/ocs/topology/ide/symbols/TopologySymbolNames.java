package org.ocs.topology.ide.symbols;

import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.ide.server.symbol.DocumentSymbolMapper;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.ocs.topology.topology.ARecord;
import org.ocs.topology.topology.Dns;
import org.ocs.topology.topology.RegistrarSetting;
import org.ocs.topology.topology.SrvRecord;
import org.ocs.topology.topology.TopologyPackage;

/**
 * Names for the outline: a declaration's own name, and for the declarations that have none (the
 * dns block, its records, registrar settings) what they say, so that they are in the outline too.
 */
public class TopologySymbolNames extends DocumentSymbolMapper.DocumentSymbolNameProvider {

	private static final TopologyPackage P = TopologyPackage.eINSTANCE;

	@Override
	public String getName(EObject object) {
		if (object instanceof Dns) {
			return "dns";
		}
		if (object instanceof ARecord record && record.getHost() != null) {
			return "A " + record.getHost() + " -> " + record.getAddress();
		}
		if (object instanceof SrvRecord record && record.getService() != null) {
			return "SRV " + record.getService() + " -> " + record.getTarget() + " port " + record.getPort();
		}
		if (object instanceof RegistrarSetting setting) {
			if (setting.isGlobal()) {
				return "registrar global";
			}
			String site = written(setting, P.getRegistrarSetting_Site());
			if (site != null) {
				return "registrar site " + site;
			}
			String pool = written(setting, P.getRegistrarSetting_Pool());
			return pool != null ? "registrar pool " + pool : "registrar";
		}
		return super.getName(object);
	}

	/** A reference as written (resolving it is not needed for a name). */
	private static String written(EObject object, EStructuralFeature feature) {
		List<INode> nodes = NodeModelUtils.findNodesForFeature(object, feature);
		return nodes.isEmpty() ? null : NodeModelUtils.getTokenText(nodes.get(0));
	}
}
