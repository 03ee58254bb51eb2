package org.ocs.topology.rules.dns;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.ocs.topology.rules.Findings;
import org.ocs.topology.rules.FolderRule;
import org.ocs.topology.rules.Remedy;
import org.ocs.topology.rules.RemedySite;
import org.ocs.topology.topology.ARecord;
import org.ocs.topology.topology.DnsRecord;
import org.ocs.topology.topology.SrvRecord;
import org.ocs.topology.topology.TopologyPackage;
import org.ocs.topology.validation.Describe;
import org.ocs.topology.validation.TopologyModel;

/**
 * dns-record-duplicate: one DNS record written twice, identically (an A record with the same name
 * and address, an SRV record with the same service, target, port, priority and weight). DNS holds
 * it once; the copy says nothing, so removing it changes nothing.
 */
public final class DnsRecordDuplicate extends FolderRule {

	@Override
	public void check(TopologyModel topology, Findings findings) {
		for (List<DnsRecord> copies : copies(topology)) {
			for (DnsRecord record : copies) {
				String others = copies.stream().filter(r -> r != record).map(Describe::location)
						.collect(Collectors.joining(", "));
				findings.report(record, record instanceof SrvRecord ? TopologyPackage.eINSTANCE.getSrvRecord_Service()
						: TopologyPackage.eINSTANCE.getARecord_Host(), describe(record) + " is written " + copies.size()
								+ " times (also at " + others + "): DNS holds it once, so the copies add nothing; keep one.");
			}
		}
	}

	/** The records written more than once, each group in file order. */
	static List<List<DnsRecord>> copies(TopologyModel topology) {
		Map<String, List<DnsRecord>> byKey = new LinkedHashMap<>();
		for (DnsRecord record : topology.all(DnsRecord.class)) {
			String key = key(record);
			if (key != null) {
				byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(record);
			}
		}
		return byKey.values().stream().filter(list -> list.size() > 1).toList();
	}

	/** What makes two records the same record in DNS; null when a part is missing. */
	static String key(DnsRecord record) {
		if (record instanceof ARecord a && a.getHost() != null && a.getAddress() != null) {
			return "A\u0000" + a.getHost().toLowerCase(Locale.ROOT) + "\u0000" + a.getAddress();
		}
		if (record instanceof SrvRecord srv && srv.getService() != null && srv.getTarget() != null) {
			return "SRV\u0000" + srv.getService().toLowerCase(Locale.ROOT) + "\u0000" + srv.getTarget().toLowerCase(Locale.ROOT)
					+ "\u0000" + srv.getPort() + "\u0000" + srv.getPriority() + "\u0000" + srv.getWeight();
		}
		return null;
	}

	private static String describe(DnsRecord record) {
		if (record instanceof SrvRecord srv) {
			return "SRV record " + srv.getService() + " -> " + srv.getTarget() + " port " + srv.getPort();
		}
		ARecord a = (ARecord) record;
		return "A record " + a.getHost() + " -> " + a.getAddress();
	}

	/** Removing this copy: another one stays, so DNS holds the same record as before. */
	@Override
	public List<Remedy> remedies(RemedySite site) {
		if (site.object() instanceof DnsRecord record) {
			return List.of(Remedy.safe("Remove this copy of the record", new Remedy.Delete(record)));
		}
		return List.of();
	}
}
