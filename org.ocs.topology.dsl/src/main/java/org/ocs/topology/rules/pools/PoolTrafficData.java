package org.ocs.topology.rules.pools;

import java.util.List;

import org.ocs.topology.analysis.routing.FlowTrace;

/**
 * What a Front End pair finding carries for its remedies: the verdict, the senders it tells of, the
 * peer, the peer's address on the senders' subnet (null if none) and how the senders resolved the
 * peer's name (DNS, HOSTS_FILE; null if not at all).
 */
public record PoolTrafficData(FlowTrace.Verdict verdict, List<String> senders, String peer, String peerSameSubnetAddress,
		String resolution) {
}
