package org.ocs.topology.analysis.routing;

import java.util.ArrayList;
import java.util.List;

import org.ocs.topology.analysis.routing.FlowTrace.Resolution;
import org.ocs.topology.analysis.routing.NetworkView.Host;
import org.ocs.topology.analysis.routing.NetworkView.HostsEntry;

/**
 * Name resolution as a Windows server does it: its hosts file when that names the host (every
 * entry for it), DNS A records otherwise. Each candidate address is traced, so no verdict depends
 * on which one a resolver would have returned first.
 */
public final class NameResolver {

	private final NetworkView view;

	public NameResolver(NetworkView view) {
		this.view = view;
	}

	/** Every candidate address of a name for this server; empty when nothing resolves it. */
	public List<Resolution> resolve(Host from, String name) {
		List<HostsEntry> entries = from.hostsFile().getOrDefault(NetworkView.key(name), List.of());
		List<Resolution> resolutions = new ArrayList<>();
		if (!entries.isEmpty()) {
			for (HostsEntry entry : entries) {
				resolutions.add(new Resolution(name, entry.address(), Resolution.Method.HOSTS_FILE, entry.source()));
			}
			return resolutions;
		}
		for (NetworkView.DnsRecord record : view.dns(name)) {
			resolutions.add(new Resolution(name, record.address(), Resolution.Method.DNS, record.source()));
		}
		return resolutions;
	}
}
