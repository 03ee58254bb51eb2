package org.ocs.topology.ide.symbols;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.xtext.ide.server.symbol.DocumentSymbolMapper;
import org.ocs.topology.topology.TopologyPackage;

/**
 * The symbol kind of each declaration, for the outline and workspace symbols (Xtext gives every
 * one "Property"). One mapping, chosen for the icons editors show:
 * <ul>
 * <li>topology header: File (it describes the whole deployment)</li>
 * <li>site: Namespace (it scopes what it contains)</li>
 * <li>subnet: Struct (an address range, plain data)</li>
 * <li>server: Object (one machine)</li>
 * <li>pools of any kind: Module (a unit of servers)</li>
 * <li>load balancer: Class (it defines virtual servers)</li>
 * <li>virtual server, standard or forwarding: Interface (what clients connect to)</li>
 * <li>the dns block: Package (a bundle of records)</li>
 * <li>A and SRV records: Constant (fixed name-to-address facts)</li>
 * <li>registrar settings: Property (a setting)</li>
 * </ul>
 */
public class TopologySymbolKinds extends DocumentSymbolMapper.DocumentSymbolKindProvider {

	private static final TopologyPackage P = TopologyPackage.eINSTANCE;

	@Override
	protected SymbolKind getSymbolKind(EClass type) {
		return kindOf(type);
	}

	public static SymbolKind kindOf(EClass type) {
		if (type == null) {
			return SymbolKind.Property;
		}
		if (P.getTopology().isSuperTypeOf(type)) {
			return SymbolKind.File;
		}
		if (P.getSite().isSuperTypeOf(type)) {
			return SymbolKind.Namespace;
		}
		if (P.getSubnet().isSuperTypeOf(type)) {
			return SymbolKind.Struct;
		}
		if (P.getServer().isSuperTypeOf(type)) {
			return SymbolKind.Object;
		}
		if (P.getPool().isSuperTypeOf(type)) {
			return SymbolKind.Module;
		}
		if (P.getLoadBalancer().isSuperTypeOf(type)) {
			return SymbolKind.Class;
		}
		if (P.getVirtualServer().isSuperTypeOf(type)) {
			return SymbolKind.Interface;
		}
		if (P.getDns().isSuperTypeOf(type)) {
			return SymbolKind.Package;
		}
		if (P.getDnsRecord().isSuperTypeOf(type)) {
			return SymbolKind.Constant;
		}
		return SymbolKind.Property;
	}
}
