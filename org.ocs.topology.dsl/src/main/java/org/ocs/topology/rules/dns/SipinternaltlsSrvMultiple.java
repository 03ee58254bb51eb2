package org.ocs.topology.rules.dns;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.ocs.topology.rules.Findings;
import org.ocs.topology.rules.FolderRule;
import org.ocs.topology.topology.SrvRecord;
import org.ocs.topology.topology.TopologyPackage;
import org.ocs.topology.validation.TopologyModel;

/** sipinternaltls-srv-multiple: exactly one _sipinternaltls._tcp SRV record per SIP domain (bb663700). */
public final class SipinternaltlsSrvMultiple extends FolderRule {

	static final String SIP_INTERNAL_TLS = "_sipinternaltls._tcp.";

	@Override
	public void check(TopologyModel topology, Findings findings) {
		Map<String, List<SrvRecord>> byDomain = new LinkedHashMap<>();
		for (SrvRecord record : topology.all(SrvRecord.class)) {
			String service = record.getService() == null ? "" : record.getService().toLowerCase(Locale.ROOT);
			if (service.startsWith(SIP_INTERNAL_TLS)) {
				byDomain.computeIfAbsent(service.substring(SIP_INTERNAL_TLS.length()), d -> new ArrayList<>()).add(record);
			}
		}
		for (Map.Entry<String, List<SrvRecord>> domain : byDomain.entrySet()) {
			List<SrvRecord> records = domain.getValue();
			// Identical copies are one record in DNS (dns-record-duplicate says so): only distinct ones count.
			if (records.stream().map(DnsRecordDuplicate::key).distinct().count() < 2) {
				continue;
			}
			String targets = records.stream().map(SrvRecord::getTarget).collect(Collectors.joining(", "));
			for (SrvRecord record : records) {
				findings.report(record, TopologyPackage.eINSTANCE.getSrvRecord_Service(), "SIP domain " + domain.getKey()
						+ " has " + records.size() + " _sipinternaltls._tcp SRV records (" + targets + "): automatic"
						+ " sign-in must lead to one designated pool, so clients may sign in to a pool that is not meant"
						+ " for them.");
			}
		}
	}
}
