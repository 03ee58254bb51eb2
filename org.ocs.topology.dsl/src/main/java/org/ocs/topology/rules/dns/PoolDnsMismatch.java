package org.ocs.topology.rules.dns;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.ocs.topology.analysis.net.AddressText;
import org.ocs.topology.rules.Findings;
import org.ocs.topology.rules.FolderRule;
import org.ocs.topology.topology.ARecord;
import org.ocs.topology.topology.DirectorPool;
import org.ocs.topology.topology.DnsLoadBalancing;
import org.ocs.topology.topology.EnterprisePool;
import org.ocs.topology.topology.HardwareLoadBalancing;
import org.ocs.topology.topology.NetworkInterface;
import org.ocs.topology.topology.Pool;
import org.ocs.topology.topology.Server;
import org.ocs.topology.topology.StandardVirtualServer;
import org.ocs.topology.topology.TopologyPackage;
import org.ocs.topology.topology.VirtualServer;
import org.ocs.topology.validation.Describe;
import org.ocs.topology.validation.TopologyModel;

/**
 * pool-dns-mismatch: the A records of a pool's FQDN where its load balancing does not send clients.
 * With a hardware load balancer the pool FQDN resolves to the VIP (dd572362, gg412910); with DNS
 * load balancing to every Front End's own address (gg412910); the internal web services FQDN
 * resolves to its VIP. Judged only where the topology writes A records for the name.
 */
public final class PoolDnsMismatch extends FolderRule {

	private static final TopologyPackage P = TopologyPackage.eINSTANCE;

	@Override
	public void check(TopologyModel topology, Findings findings) {
		Map<String, List<ARecord>> byName = new LinkedHashMap<>();
		for (ARecord record : topology.all(ARecord.class)) {
			if (record.getHost() != null && AddressText.parse(record.getAddress()).isValid()) {
				byName.computeIfAbsent(record.getHost().toLowerCase(Locale.ROOT), h -> new ArrayList<>()).add(record);
			}
		}
		for (Pool pool : topology.all(Pool.class)) {
			if (!(pool instanceof EnterprisePool || pool instanceof DirectorPool) || pool.getName() == null) {
				continue;
			}
			List<ARecord> records = byName.getOrDefault(pool.getName().toLowerCase(Locale.ROOT), List.of());
			if (pool.getLoadBalancing() instanceof HardwareLoadBalancing hardware) {
				String vip = addressOf(hardware.getVip());
				if (vip != null) {
					for (ARecord record : records) {
						if (!same(record.getAddress(), vip)) {
							findings.report(record, P.getARecord_Address(), "The A record " + record.getHost() + " -> "
									+ record.getAddress() + " does not point at the VIP of " + Describe.of(pool) + " ("
									+ hardware.getVip().getName() + ", " + vip + "), which balances it: clients that get this"
									+ " address bypass the load balancer, reach one server or none, and lose the pool when it"
									+ " fails. Point it at " + vip + ".");
						}
					}
				}
			} else if (pool.getLoadBalancing() instanceof DnsLoadBalancing && !records.isEmpty()) {
				Map<String, Server> memberByAddress = new LinkedHashMap<>();
				for (Server member : pool.getMembers()) {
					if (!member.eIsProxy()) {
						for (NetworkInterface nic : member.getInterfaces()) {
							AddressText text = AddressText.parse(nic.getAddress());
							if (text.isValid()) {
								memberByAddress.put(text.address().toString(), member);
							}
						}
					}
				}
				for (ARecord record : records) {
					if (!memberByAddress.containsKey(AddressText.parse(record.getAddress()).address().toString())) {
						findings.report(record, P.getARecord_Address(), "The A record " + record.getHost() + " -> "
								+ record.getAddress() + " points at no Front End of " + Describe.of(pool) + ", which is DNS"
								+ " load balanced: clients given this address reach no server of the pool. List the address of"
								+ " each of its servers instead.");
					}
				}
				List<String> missing = new ArrayList<>();
				for (Server member : pool.getMembers()) {
					if (!member.eIsProxy() && records.stream().map(r -> AddressText.parse(r.getAddress()).address().toString())
							.noneMatch(a -> memberByAddress.get(a) == member)) {
						missing.add(member.getName());
					}
				}
				if (!missing.isEmpty()) {
					findings.report(pool, P.getPool_Name(), Describe.capitalize(Describe.of(pool)) + " is DNS load balanced"
							+ " but its FQDN has no A record for " + Describe.andList(missing) + ": DNS load balancing sends"
							+ " clients only to the servers the pool FQDN resolves to, so "
							+ (missing.size() == 1 ? "it takes" : "they take") + " no client traffic and the others carry"
							+ " it all. Add an A record for each.");
				}
			}
			if (pool.getWebServices() != null && pool.getWebServices().getFqdn() != null) {
				String vip = addressOf(pool.getWebServices().getVip());
				for (ARecord record : byName.getOrDefault(pool.getWebServices().getFqdn().toLowerCase(Locale.ROOT), List.of())) {
					if (vip != null && !same(record.getAddress(), vip)) {
						findings.report(record, P.getARecord_Address(), "The A record " + record.getHost() + " -> "
								+ record.getAddress() + " does not point at the web services VIP of " + Describe.of(pool) + " ("
								+ pool.getWebServices().getVip().getName() + ", " + vip + "): web traffic (address book,"
								+ " meetings, the Response Group tab) bypasses the balancer and fails with that server."
								+ " Point it at " + vip + ".");
					}
				}
			}
		}
	}

	private static String addressOf(VirtualServer vs) {
		if (vs instanceof StandardVirtualServer standard && !standard.eIsProxy()) {
			AddressText text = AddressText.parse(standard.getAddress());
			return text.isValid() && text.prefixLength().isEmpty() ? text.address().toString() : null;
		}
		return null;
	}

	private static boolean same(String written, String address) {
		AddressText text = AddressText.parse(written);
		return text.isValid() && text.address().toString().equals(address);
	}
}
