package org.ocs.topology.rules.pools;

import java.util.List;

import org.ocs.topology.analysis.routing.FlowTrace;

/**
 * What a Front End pair finding carries for its remedies: the verdict, the pool, every pair it tells
 * of (the first one's peer is the one it is placed at), the peer's address on the senders' subnet
 * (null if none) and how the senders resolved the peer's name (DNS, HOSTS_FILE; null if not at all).
 */
public record PoolTrafficData(FlowTrace.Verdict verdict, String pool, List<Pair> pairs, String peerSameSubnetAddress,
		String resolution) {

	/** The Front Ends the finding tells of as senders, in the order told. */
	public List<String> senders() {
		return pairs == null ? List.of() : pairs.stream().map(Pair::from).distinct().toList();
	}

	/** The peer of the finding's first pair. */
	public String peer() {
		return pairs == null || pairs.isEmpty() ? null : pairs.get(0).to();
	}

	/** One Front End and the peer it cannot talk to as it should. */
	public record Pair(String from, String to) {
	}
}
