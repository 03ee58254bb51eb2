package org.ocs.topology.rules.addressing;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EObject;
import org.ocs.topology.analysis.net.AddressText;
import org.ocs.topology.analysis.net.Cidr;
import org.ocs.topology.rules.Findings;
import org.ocs.topology.topology.ARecord;
import org.ocs.topology.topology.DefaultGateway;
import org.ocs.topology.topology.ForwardingVirtualServer;
import org.ocs.topology.topology.HostsEntry;
import org.ocs.topology.topology.NetworkInterface;
import org.ocs.topology.topology.SelfIp;
import org.ocs.topology.topology.SourceTranslation;
import org.ocs.topology.topology.StandardVirtualServer;
import org.ocs.topology.topology.StaticRoute;
import org.ocs.topology.topology.Subnet;
import org.ocs.topology.topology.TopologyPackage;
import org.ocs.topology.topology.VirtualServer;
import org.ocs.topology.validation.Describe;

/**
 * One address as written in a topology, with what it is for: the addressing rules each read the
 * ones of an object from {@link #of(EObject)}, so that all agree on which text is an address and
 * how it may carry a prefix length.
 */
public record WrittenAddress(EObject owner, EAttribute feature, int index, String written, Use use) {

	private static final TopologyPackage P = TopologyPackage.eINSTANCE;

	/** How a written address may carry a prefix length. */
	public enum Use {
		/** A host on a network: the prefix is optional (a subnet may give it). */
		HOST,
		/** A single address (gateway, VIP, record): a prefix is wrong. */
		SINGLE,
		/** A network (subnet, route destination): the prefix is required. */
		NETWORK
	}

	/**
	 * Whether objects of a class may carry an address. Most objects carry none, and six rules ask of
	 * each object of every validation: nine interface checks an object were 12% of a 5,000-line
	 * file's validation on Java 17, where a failed interface check scans the class's interfaces.
	 */
	private static final ClassValue<Boolean> CARRIES_ADDRESSES = new ClassValue<>() {
		@Override
		protected Boolean computeValue(Class<?> type) {
			return List.of(Subnet.class, NetworkInterface.class, SelfIp.class, HostsEntry.class, ARecord.class,
					VirtualServer.class, SourceTranslation.class, DefaultGateway.class, StaticRoute.class).stream()
					.anyMatch(carrier -> carrier.isAssignableFrom(type));
		}
	};

	public AddressText text() {
		return AddressText.parse(written);
	}

	/**
	 * The address when it is fit for the checks that build on it: well formed, with a prefix length
	 * where it needs one and none where it must not (the addressing rules report the rest).
	 */
	public AddressText usable() {
		AddressText text = text();
		if (!text.isValid() || use == Use.NETWORK && text.prefixLength().isEmpty()
				|| use == Use.SINGLE && text.prefixLength().isPresent()) {
			return null;
		}
		return text;
	}

	/** The addresses written on this object (not on the objects it contains). */
	public static List<WrittenAddress> of(EObject object) {
		if (!CARRIES_ADDRESSES.get(object.getClass())) {
			return List.of();
		}
		List<WrittenAddress> all = new ArrayList<>(2);
		if (object instanceof Subnet subnet) {
			add(all, subnet, P.getSubnet_Range(), Use.NETWORK);
		} else if (object instanceof NetworkInterface || object instanceof SelfIp) {
			add(all, object, object instanceof SelfIp ? P.getSelfIp_Address() : P.getNetworkInterface_Address(), Use.HOST);
		} else if (object instanceof HostsEntry entry) {
			add(all, entry, P.getHostsEntry_Address(), Use.SINGLE);
		} else if (object instanceof ARecord record) {
			add(all, record, P.getARecord_Address(), Use.SINGLE);
		} else if (object instanceof StandardVirtualServer vs) {
			add(all, vs, P.getStandardVirtualServer_Address(), Use.SINGLE);
		} else if (object instanceof ForwardingVirtualServer vs) {
			add(all, vs, P.getForwardingVirtualServer_Destination(), Use.NETWORK);
		} else if (object instanceof SourceTranslation translation) {
			List<String> snat = translation.getSnatAddresses();
			for (int i = 0; i < snat.size(); i++) {
				all.add(new WrittenAddress(translation, P.getSourceTranslation_SnatAddresses(), i, snat.get(i), Use.SINGLE));
			}
		} else if (object instanceof DefaultGateway gateway) {
			add(all, gateway, P.getDefaultGateway_Address(), Use.SINGLE);
		} else if (object instanceof StaticRoute route) {
			add(all, route, P.getStaticRoute_Destination(), Use.NETWORK);
			add(all, route, P.getStaticRoute_NextHop(), Use.SINGLE);
		}
		return all;
	}

	private static void add(List<WrittenAddress> all, EObject owner, EAttribute feature, Use use) {
		if (owner.eGet(feature) instanceof String written) {
			all.add(new WrittenAddress(owner, feature, Findings.WHOLE_FEATURE, written, use));
		}
	}

	/** What the address is, in the user's words ("default gateway of server fe1"): for messages only. */
	public String what() {
		if (owner instanceof Subnet subnet) {
			return "subnet " + subnet.getName();
		}
		if (owner instanceof NetworkInterface || owner instanceof SelfIp) {
			return Describe.roleOf(owner);
		}
		if (owner instanceof HostsEntry entry) {
			return "hosts entry " + entry.getHostName() + " of " + Describe.of(entry.eContainer());
		}
		if (owner instanceof ARecord record) {
			return "A record " + record.getHost();
		}
		if (owner instanceof StandardVirtualServer vs) {
			return "virtual server " + vs.getName();
		}
		if (owner instanceof ForwardingVirtualServer vs) {
			return "forwarding virtual server " + vs.getName();
		}
		if (owner instanceof SourceTranslation translation) {
			return "SNAT pool address of " + (translation.eContainer() instanceof VirtualServer vs
					? (vs instanceof ForwardingVirtualServer ? "forwarding virtual server " : "virtual server ") + vs.getName()
					: "?");
		}
		if (owner instanceof DefaultGateway gateway) {
			return "default gateway of " + Describe.of(gateway.eContainer());
		}
		if (owner instanceof StaticRoute route) {
			return (feature == P.getStaticRoute_NextHop() ? "route next hop of " : "route destination of ")
					+ Describe.of(route.eContainer());
		}
		return Describe.of(owner);
	}

	/** The network of an interface or self IP: its subnet's range, else its own prefix. */
	public static Cidr networkOf(String address, Subnet subnet) {
		AddressText own = AddressText.parse(address);
		if (!own.isValid()) {
			return null;
		}
		Cidr subnetRange = rangeOf(subnet);
		if (subnetRange != null) {
			return subnetRange.networkCidr();
		}
		return own.cidr() == null ? null : own.cidr().networkCidr();
	}

	/** A subnet's range as written, or null if it has none that parses. */
	public static Cidr rangeOf(Subnet subnet) {
		if (subnet == null || subnet.eIsProxy() || subnet.getRange() == null) {
			return null;
		}
		return AddressText.parse(subnet.getRange()).cidr();
	}
}
