package org.ocs.topology.rules.pools;

import java.util.List;

import org.ocs.topology.analysis.routing.FlowTrace;

/**
 * What a Front End pair finding carries for its remedies: the verdict, the pool, the senders it
 * tells of, the peer, the peer's address on the senders' subnet (null if none) and how the senders
 * resolved the peer's name (DNS, HOSTS_FILE; null if not at all), and every pair it tells of.
 */
public record PoolTrafficData(FlowTrace.Verdict verdict, String pool, List<String> senders, String peer,
		String peerSameSubnetAddress, String resolution, List<Pair> pairs) {

	/** One Front End and the peer it cannot talk to as it should. */
	public record Pair(String from, String to) {
	}
}
