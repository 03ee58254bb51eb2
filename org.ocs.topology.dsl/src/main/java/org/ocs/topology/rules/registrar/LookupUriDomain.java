package org.ocs.topology.rules.registrar;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.ocs.topology.naming.Similarity;
import org.ocs.topology.rules.Findings;
import org.ocs.topology.rules.FolderRule;
import org.ocs.topology.rules.Remedy;
import org.ocs.topology.rules.RemedySite;
import org.ocs.topology.rules.language.Headers;
import org.ocs.topology.topology.LookupAccount;
import org.ocs.topology.topology.Topology;
import org.ocs.topology.topology.TopologyPackage;
import org.ocs.topology.validation.TopologyModel;

/**
 * lookup-uri-domain: the Lookup account's SIP URI is in a domain the topology header does not list
 * under {@code sip domains}. A SIP address must be in one of the organisation's SIP domains
 * (Remove-CsSipDomain, gg398865), and Enable-CsUser does not check it, so nothing stops the mistake
 * before the Lookup services fail to sign in. Judged only where a {@code sip domains} line is
 * written: that list is then the topology's SIP domains.
 */
public final class LookupUriDomain extends FolderRule {

	private static final TopologyPackage P = TopologyPackage.eINSTANCE;

	/** The account's domain and the domains the topology lists, as written. */
	public record Data(String domain, List<String> sipDomains) {
	}

	@Override
	public void check(TopologyModel topology, Findings findings) {
		// Every header's list counts (two headers are topology-header-duplicate's finding, not this one's).
		Map<String, String> declared = new LinkedHashMap<>();
		for (Topology header : Headers.of(topology)) {
			header.getSipDomains().stream().filter(d -> d != null)
					.forEach(d -> declared.putIfAbsent(d.toLowerCase(Locale.ROOT), d));
		}
		if (declared.isEmpty()) {
			return;
		}
		for (LookupAccount account : topology.all(LookupAccount.class)) {
			String domain = domainOf(account.getUri());
			if (domain == null || declared.containsKey(domain.toLowerCase(Locale.ROOT))) {
				continue;
			}
			List<String> listed = List.copyOf(declared.values());
			findings.report(account, P.getLookupAccount_Uri(), "Lookup account " + account.getUri() + " is in SIP domain "
					+ domain + ", which is not one of the topology's SIP domains (" + String.join(", ", listed)
					+ "): the pools serve only those domains, so the Lookup services cannot sign in with it and Group"
					+ " Chat clients find no channel server. Enabling the account does not check its domain, so nothing"
					+ " warns before then.", new Data(domain, listed));
		}
	}

	/** The part after the '@' of {@code sip:user@domain}; null where there is none. */
	static String domainOf(String uri) {
		if (uri == null) {
			return null;
		}
		int at = uri.lastIndexOf('@');
		return at < 0 || at == uri.length() - 1 ? null : uri.substring(at + 1);
	}

	/**
	 * The account moved into a listed domain (nearest spelling first: a typo is the likely cause), or
	 * the domain added to the topology's list. Offered, never applied unasked: only the user knows
	 * which of the two is true.
	 */
	@Override
	public List<Remedy> remedies(RemedySite site) {
		Data data = site.data(Data.class);
		if (!(site.object() instanceof LookupAccount account) || data == null || account.getUri() == null) {
			return List.of();
		}
		String uri = account.getUri();
		String user = uri.substring(0, uri.lastIndexOf('@') + 1);
		List<Remedy> remedies = new ArrayList<>();
		data.sipDomains().stream().sorted(Comparator.comparingInt((String d) -> Similarity.distance(data.domain(), d)))
				.forEach(d -> remedies.add(Remedy.of("Change the account to " + user + d,
						new Remedy.ReplaceFeature(account, P.getLookupAccount_Uri(), user + d))));
		Topology header = Headers.of(site.folder()).stream().filter(h -> !h.getSipDomains().isEmpty()).findFirst()
				.orElse(null);
		if (header != null) {
			remedies.add(Remedy.of("Add " + data.domain() + " to the SIP domains of topology " + header.getName(),
					new Remedy.AppendToFeature(header, P.getTopology_SipDomains(), ", " + data.domain())));
		}
		return remedies;
	}
}
