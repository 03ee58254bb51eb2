package org.ocs.topology.rules.pools;

import java.util.List;

import org.ocs.topology.analysis.routing.FlowTrace;

/**
 * What a Front End pair finding carries for its remedies: the verdict, the senders it tells of, the
 * peer, the peer's address on the senders' subnet (null if none), how the senders resolved the
 * peer's name (DNS, HOSTS_FILE; null if not at all), and the network changes proven to mend it.
 */
public record PoolTrafficData(FlowTrace.Verdict verdict, List<String> senders, String peer, String peerSameSubnetAddress,
		String resolution, List<PathFix> pathFixes) {

	/**
	 * A network change the analysis proved (see {@link org.ocs.topology.analysis.routing.PathRemedies}):
	 * {@code kind} ROUTE (on server {@code device}, {@code route destination via via}), FORWARDING (on
	 * balancer {@code device}, a forwarding virtual server for {@code destination}) or FORWARDING_PORT
	 * ({@code port} added to its forwarding virtual server {@code virtualServer}); {@code viaDevice}
	 * names what {@code via} belongs to; the fixes of one {@code remedy} number are made together.
	 */
	public record PathFix(int remedy, String kind, String device, String destination, String via, String viaDevice,
			String virtualServer, int port) {
	}
}
