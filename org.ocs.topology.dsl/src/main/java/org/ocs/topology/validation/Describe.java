package org.ocs.topology.validation;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.ocs.topology.topology.DefaultGateway;
import org.ocs.topology.topology.LoadBalancer;
import org.ocs.topology.topology.NetworkInterface;
import org.ocs.topology.topology.RegistrarSetting;
import org.ocs.topology.topology.SelfIp;
import org.ocs.topology.topology.Server;
import org.ocs.topology.topology.StandardVirtualServer;
import org.ocs.topology.topology.StaticRoute;
import org.ocs.topology.topology.TopologyPackage;

/** Names model objects the way an engineer would in a sentence: "interface 10.0.1.10 of server fe1.contoso.com". */
public final class Describe {

	private static final TopologyPackage P = TopologyPackage.eINSTANCE;

	private Describe() {
	}

	public static String kindOf(EClass type) {
		if (type == P.getServer()) return "server";
		if (type == P.getSubnet()) return "subnet";
		if (type == P.getSite()) return "site";
		if (type == P.getTopology()) return "topology";
		if (type == P.getLoadBalancer()) return "load balancer";
		if (type == P.getRouter()) return "router";
		if (type == P.getEnterprisePool()) return "Enterprise pool";
		if (type == P.getStandardEditionPool()) return "Standard Edition pool";
		if (type == P.getRegistrarPool()) return "Enterprise or Standard Edition pool";
		if (type == P.getDirectorPool()) return "Director pool";
		if (type == P.getEdgePool()) return "Edge pool";
		if (type == P.getMediationPool()) return "Mediation pool";
		if (type == P.getGroupChatPool()) return "Group Chat pool";
		if (type == P.getPool()) return "pool";
		if (type == P.getForwardingVirtualServer()) return "forwarding virtual server";
		if (type == P.getStandardVirtualServer() || type == P.getVirtualServer()) return "virtual server";
		return type.getName();
	}

	/** The namespace a declaration's name lives in: all pools share one, whatever their role. */
	public static EClass nameGroupOf(EClass type) {
		if (P.getPool().isSuperTypeOf(type)) return P.getPool();
		if (P.getVirtualServer().isSuperTypeOf(type)) return P.getVirtualServer();
		return type;
	}

	public static String of(EObject object) {
		if (object instanceof NetworkInterface nic) {
			return "interface " + nic.getAddress() + " of " + owner(nic);
		}
		if (object instanceof SelfIp selfIp) {
			return "self IP " + selfIp.getAddress() + " of " + owner(selfIp);
		}
		if (object instanceof StandardVirtualServer vs) {
			return "virtual server " + vs.getName() + " (" + vs.getAddress() + ") of " + owner(vs);
		}
		if (object instanceof org.ocs.topology.topology.SourceTranslation translation) {
			return "the SNAT pool (" + String.join(", ", translation.getSnatAddresses()) + ") of "
					+ (translation.eContainer() == null ? "?" : of(translation.eContainer()));
		}
		if (object instanceof DefaultGateway gateway) {
			return "default gateway " + gateway.getAddress() + " of " + owner(gateway);
		}
		if (object instanceof StaticRoute route) {
			return "route " + route.getDestination() + " via " + route.getNextHop() + " of " + owner(route);
		}
		if (object instanceof RegistrarSetting setting) {
			String scope = setting.isGlobal() ? "global"
					: setting.getSite() != null ? "site " + NodeModelUtils.getTokenText(
							NodeModelUtils.findNodesForFeature(setting, P.getRegistrarSetting_Site()).get(0))
					: setting.getPool() != null ? "pool " + NodeModelUtils.getTokenText(
							NodeModelUtils.findNodesForFeature(setting, P.getRegistrarSetting_Pool()).get(0))
					: "?";
			return "registrar settings (" + scope + ")";
		}
		String name = nameOf(object);
		return name == null ? kindOf(object.eClass()) : kindOf(object.eClass()) + " " + name;
	}

	/** What an address is to its owner, without the address: "interface of server fe1.contoso.com". */
	public static String roleOf(EObject object) {
		if (object instanceof NetworkInterface) return "interface of " + owner(object);
		if (object instanceof SelfIp) return "self IP of " + owner(object);
		return of(object);
	}

	private static String owner(EObject object) {
		Server server = EcoreUtil2.getContainerOfType(object, Server.class);
		if (server != null) return of(server);
		LoadBalancer balancer = EcoreUtil2.getContainerOfType(object, LoadBalancer.class);
		if (balancer != null) return of(balancer);
		org.ocs.topology.topology.Router router = EcoreUtil2.getContainerOfType(object, org.ocs.topology.topology.Router.class);
		if (router != null) return of(router);
		return "?";
	}

	public static String capitalize(String s) {
		return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
	}

	/** "maxEndpointsPerUser" as "max endpoints per user". */
	public static String words(String camelCase) {
		return camelCase.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
	}

	public static String nameOf(EObject object) {
		var feature = object.eClass().getEStructuralFeature("name");
		return feature == null ? null : (String) object.eGet(feature);
	}

	/** "file.ocstopo:12" for pointing at another declaration in a message. */
	public static String location(EObject object) {
		ICompositeNode node = NodeModelUtils.getNode(object);
		// As the user wrote the file's name ("my pools.ocstopo"), not URI-encoded ("my%20pools.ocstopo").
		String file = object.eResource() == null || object.eResource().getURI().lastSegment() == null ? "?"
				: org.eclipse.emf.common.util.URI.decode(object.eResource().getURI().lastSegment());
		return node == null ? file : file + ":" + node.getStartLine();
	}

	/** "fe1", "fe1 and fe2", "fe1, fe2 and fe3". */
	public static String andList(java.util.List<String> names) {
		if (names.size() == 1) {
			return names.get(0);
		}
		return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
	}
}
