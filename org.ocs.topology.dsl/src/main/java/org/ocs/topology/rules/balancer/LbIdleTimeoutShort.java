package org.ocs.topology.rules.balancer;

import java.util.List;

import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.ocs.topology.analysis.product.DomainLimits;
import org.ocs.topology.rules.DeclarationRule;
import org.ocs.topology.rules.Findings;
import org.ocs.topology.rules.Remedy;
import org.ocs.topology.rules.RemedySite;
import org.ocs.topology.topology.LoadBalancer;
import org.ocs.topology.topology.TopologyPackage;

/** lb-idle-timeout-short: a balancer drops SIP connections that idle between keep-alives. */
public final class LbIdleTimeoutShort extends DeclarationRule<LoadBalancer> {

	private static final TopologyPackage P = TopologyPackage.eINSTANCE;

	public LbIdleTimeoutShort() {
		super(LoadBalancer.class);
	}

	@Override
	public void check(LoadBalancer balancer, Findings findings) {
		// Written or not is read from the text: EMF calls an int of 0 "not set".
		if (!NodeModelUtils.findNodesForFeature(balancer, P.getLoadBalancer_IdleTimeout()).isEmpty()
				&& balancer.getIdleTimeout() < DomainLimits.MIN_LB_TCP_IDLE_TIMEOUT_SECONDS) {
			findings.report(balancer, P.getLoadBalancer_IdleTimeout(), "Load balancer " + balancer.getName()
					+ " closes idle TCP connections after " + balancer.getIdleTimeout() + " s; SIP connections idle"
					+ " longer between keep-alives and REGISTER refreshes, so clients are disconnected and sign in"
					+ " again. Use at least " + DomainLimits.MIN_LB_TCP_IDLE_TIMEOUT_SECONDS + " s.");
		}
	}

	/** The minimum is the value Microsoft prescribes for OCS and Lync pools: nothing to choose. */
	@Override
	public List<Remedy> remedies(RemedySite site) {
		String value = String.valueOf(DomainLimits.MIN_LB_TCP_IDLE_TIMEOUT_SECONDS);
		return List.of(Remedy.safe("Set the idle timeout to " + value + " s", new Remedy.ReplaceFinding(value)));
	}
}
