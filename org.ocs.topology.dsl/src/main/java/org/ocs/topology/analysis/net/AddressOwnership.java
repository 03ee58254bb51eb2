package org.ocs.topology.analysis.net;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who owns which address across a topology. Owners that share a {@code sharingKey} may hold the
 * same address without conflict (several virtual servers on one balancer share a VIP, one per
 * port); any other two owners of one address are a conflict: both would answer ARP for it.
 *
 * @param <S> the caller's handle for an owner (a model object, a test label)
 */
public final class AddressOwnership<S> {

	public record Owner<S>(Ipv4Address address, Object sharingKey, S source) {
	}

	/** One address held by owners that may not share it; {@code owners} in the order they were added. */
	public record Conflict<S>(Ipv4Address address, List<Owner<S>> owners) {
	}

	private final Map<Ipv4Address, List<Owner<S>>> ownersByAddress = new LinkedHashMap<>();

	public void add(Ipv4Address address, Object sharingKey, S source) {
		ownersByAddress.computeIfAbsent(address, a -> new ArrayList<>()).add(new Owner<>(address, sharingKey, source));
	}

	public List<Conflict<S>> conflicts() {
		List<Conflict<S>> conflicts = new ArrayList<>();
		for (Map.Entry<Ipv4Address, List<Owner<S>>> entry : ownersByAddress.entrySet()) {
			Set<Object> keys = new LinkedHashSet<>();
			for (Owner<S> owner : entry.getValue()) {
				keys.add(owner.sharingKey());
			}
			if (keys.size() > 1) {
				conflicts.add(new Conflict<>(entry.getKey(), List.copyOf(entry.getValue())));
			}
		}
		return conflicts;
	}
}
