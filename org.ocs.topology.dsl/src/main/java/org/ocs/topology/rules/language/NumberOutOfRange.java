package org.ocs.topology.rules.language;

import java.math.BigInteger;
import java.util.List;

import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.ocs.topology.rules.DeclarationRule;
import org.ocs.topology.rules.Findings;
import org.ocs.topology.topology.LoadBalancer;
import org.ocs.topology.topology.LookupAccount;
import org.ocs.topology.topology.PortList;
import org.ocs.topology.topology.SrvRecord;
import org.ocs.topology.topology.TopologyPackage;
import org.ocs.topology.validation.Describe;

/**
 * number-out-of-range: a number outside what its field can hold: a port (of a virtual server or an
 * SRV record) outside 1 to 65535, an SRV priority or weight outside 0 to 65535, or a count or
 * timeout too large to be a number at all. Judged on the text as written, so the message quotes it.
 * The MPOP value has a rule of its own (mpop-out-of-range).
 */
public final class NumberOutOfRange extends DeclarationRule<EObject> {

	private static final TopologyPackage P = TopologyPackage.eINSTANCE;
	private static final BigInteger LARGEST = BigInteger.valueOf(Integer.MAX_VALUE);

	private record Field(EAttribute attribute, long min, long max, String what, String why) {
	}

	private static final List<Field> FIELDS = List.of(
			new Field(P.getPortList_Numbers(), 1, 65535, "port", "TCP and UDP ports are 1 to 65535"),
			new Field(P.getSrvRecord_Port(), 1, 65535, "SRV port", "TCP and UDP ports are 1 to 65535"),
			new Field(P.getSrvRecord_Priority(), 0, 65535, "SRV priority", "DNS holds it in 16 bits, 0 to 65535"),
			new Field(P.getSrvRecord_Weight(), 0, 65535, "SRV weight", "DNS holds it in 16 bits, 0 to 65535"),
			new Field(P.getLoadBalancer_IdleTimeout(), 0, Integer.MAX_VALUE, "TCP idle timeout", "no timeout is that long"),
			new Field(P.getLookupAccount_OtherEndpoints(), 0, Integer.MAX_VALUE, "count of other endpoints",
					"no registrar counts that many"));

	public NumberOutOfRange() {
		super(EObject.class);
	}

	@Override
	public void check(EObject object, Findings findings) {
		if (!(object instanceof PortList || object instanceof SrvRecord || object instanceof LoadBalancer
				|| object instanceof LookupAccount)) {
			return;
		}
		for (Field field : FIELDS) {
			if (!field.attribute().getEContainingClass().isInstance(object)) {
				continue;
			}
			List<INode> nodes = NodeModelUtils.findNodesForFeature(object, field.attribute());
			for (int i = 0; i < nodes.size(); i++) {
				String written = NodeModelUtils.getTokenText(nodes.get(i));
				if (!written.chars().allMatch(Character::isDigit) || written.isEmpty()) {
					continue;
				}
				BigInteger value = new BigInteger(written);
				if (value.compareTo(BigInteger.valueOf(field.min())) >= 0 && value.compareTo(BigInteger.valueOf(field.max())) <= 0
						&& value.compareTo(LARGEST) <= 0) {
					continue;
				}
				String range = field.max() == Integer.MAX_VALUE ? "is too large: " + field.why()
						: "is outside " + field.min() + " to " + field.max() + ": " + field.why();
				findings.report(object, field.attribute(), field.attribute().isMany() ? i : Findings.WHOLE_FEATURE,
						Describe.capitalize(field.what()) + " " + written + " of " + ownerOf(object) + " " + range
								+ ", so the value cannot be configured as written.", null);
			}
		}
	}

	private static String ownerOf(EObject object) {
		if (object instanceof SrvRecord record) {
			return "SRV record " + record.getService();
		}
		if (object instanceof LookupAccount account) {
			return "Lookup account " + account.getUri();
		}
		return Describe.of(object instanceof PortList && object.eContainer() != null ? object.eContainer() : object);
	}
}
