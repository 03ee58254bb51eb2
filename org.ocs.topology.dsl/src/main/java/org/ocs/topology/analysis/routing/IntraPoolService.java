package org.ocs.topology.analysis.routing;

import java.util.List;

import org.ocs.topology.analysis.product.Ports;

/**
 * Server-to-server services between the Front Ends of one pool, with the fact behind each.
 * {@code sourceChecked}: the receiving service authorizes the peer by its source address, so a
 * translated source breaks it (confirmed for Response Group Match Making only).
 */
public record IntraPoolService(String name, int tcpPort, boolean sourceChecked, String source) {

	public static final IntraPoolService RESPONSE_GROUP_MATCH_MAKING = new IntraPoolService(
			"Response Group Match Making", Ports.RESPONSE_GROUP, true,
			"field report 'OCS 2007 R2 Load Balancing - Response Group Service Unavailable'; technet dd572362");

	public static final IntraPoolService SIP_TLS = new IntraPoolService("SIP between Front Ends", Ports.SIP_TLS, false,
			"technet dd572362 (pool ports)");

	public static final IntraPoolService CONFERENCING_CONTROL = new IntraPoolService(
			"conference control (focus to conferencing servers)", Ports.FOCUS_CONFERENCING, false, "technet dd572362 (port 444, focus <-> conferencing)");

	/** The services traced for every ordered pair of Front Ends, Match Making first. */
	public static final List<IntraPoolService> FRONT_END_TO_FRONT_END = List.of(RESPONSE_GROUP_MATCH_MAKING, SIP_TLS,
			CONFERENCING_CONTROL);

	public String label() {
		return name + " (TCP " + tcpPort + ")";
	}
}
