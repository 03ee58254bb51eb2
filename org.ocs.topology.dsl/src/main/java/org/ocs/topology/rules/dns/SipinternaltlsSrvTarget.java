package org.ocs.topology.rules.dns;

import java.util.Locale;

import org.eclipse.emf.ecore.EObject;
import org.ocs.topology.rules.Findings;
import org.ocs.topology.rules.FolderRule;
import org.ocs.topology.topology.DirectorPool;
import org.ocs.topology.topology.Pool;
import org.ocs.topology.topology.RegistrarPool;
import org.ocs.topology.topology.Server;
import org.ocs.topology.topology.SrvRecord;
import org.ocs.topology.topology.TopologyPackage;
import org.ocs.topology.validation.Describe;
import org.ocs.topology.validation.TopologyModel;

/**
 * sipinternaltls-srv-target: a _sipinternaltls._tcp SRV record for automatic sign-in that does not
 * lead to a pool that can sign users in (an Enterprise or Standard Edition pool, or a Director that
 * authenticates and redirects them), or not on port 5061 (bb663700; Lync 2010 Gg425884).
 */
public final class SipinternaltlsSrvTarget extends FolderRule {

	private static final TopologyPackage P = TopologyPackage.eINSTANCE;

	@Override
	public void check(TopologyModel topology, Findings findings) {
		for (SrvRecord record : topology.all(SrvRecord.class)) {
			String service = record.getService() == null ? "" : record.getService().toLowerCase(Locale.ROOT);
			if (!service.startsWith(SipinternaltlsSrvMultiple.SIP_INTERNAL_TLS) || record.getTarget() == null) {
				continue;
			}
			if (record.getPort() != 5061 && record.getPort() >= 1 && record.getPort() <= 65535) {
				findings.report(record, P.getSrvRecord_Port(), "The _sipinternaltls._tcp SRV record of "
						+ service.substring(SipinternaltlsSrvMultiple.SIP_INTERNAL_TLS.length()) + " gives port "
						+ record.getPort() + ": clients sign in over SIP/TLS on 5061, where the pool listens, so"
						+ " automatic sign-in fails. Write port 5061.");
			}
			EObject target = declared(topology, record.getTarget());
			if (target instanceof Pool pool && !(pool instanceof RegistrarPool || pool instanceof DirectorPool)) {
				findings.report(record, P.getSrvRecord_Target(), "The _sipinternaltls._tcp SRV record leads to "
						+ Describe.of(pool) + ", which signs no users in: automatic sign-in fails for every client of the"
						+ " domain. Point it at the Enterprise or Standard Edition pool (or the Director) that takes sign-ins.");
			} else if (target instanceof Server server) {
				findings.report(record, P.getSrvRecord_Target(), "The _sipinternaltls._tcp SRV record leads to server "
						+ server.getName() + ", not to a pool: automatic sign-in depends on that one computer and stops"
						+ " when it does. Point it at the FQDN of the pool that takes sign-ins.");
			}
		}
	}

	/** The pool of that FQDN, else the server, else null (a name the topology does not declare is not judged). */
	private static EObject declared(TopologyModel topology, String name) {
		for (Pool pool : topology.all(Pool.class)) {
			if (name.equalsIgnoreCase(pool.getName())) {
				return pool;
			}
		}
		for (Server server : topology.all(Server.class)) {
			if (name.equalsIgnoreCase(server.getName())) {
				return server;
			}
		}
		return null;
	}
}
