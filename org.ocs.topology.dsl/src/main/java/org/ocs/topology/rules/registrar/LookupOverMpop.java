package org.ocs.topology.rules.registrar;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.EcoreUtil2;
import org.ocs.topology.analysis.product.DomainLimits;
import org.ocs.topology.analysis.product.ProductGeneration;
import org.ocs.topology.analysis.registrar.LookupRegistrations;
import org.ocs.topology.rules.Findings;
import org.ocs.topology.rules.FolderRule;
import org.ocs.topology.rules.Remedy;
import org.ocs.topology.rules.RemedySite;
import org.ocs.topology.topology.Declaration;
import org.ocs.topology.topology.LookupAccount;
import org.ocs.topology.topology.Model;
import org.ocs.topology.topology.RegistrarSetting;
import org.ocs.topology.topology.Site;
import org.ocs.topology.topology.TopologyPackage;
import org.ocs.topology.validation.TopologyModel;

/**
 * lookup-over-mpop, the Group Chat field report: more Lookup services register the shared Lookup
 * account than the MPOP limit of its home pool allows.
 */
public final class LookupOverMpop extends FolderRule {

	private static final TopologyPackage P = TopologyPackage.eINSTANCE;

	/**
	 * What the remedies need: the registrations to make room for, the scope of the limit that
	 * applies, the home pool, and whether the product has scoped registrar settings at all.
	 */
	public record Data(String account, int registrations, LookupRegistrations.Scope scope, String homePool,
			boolean scopedSettings) {
	}

	@Override
	public void check(TopologyModel topology, Findings findings) {
		ProductGeneration product = topology.product();
		for (LookupRegistrations.OverLimit over : LookupRegistrations.check(topology.lookupUses(),
				topology.registrarSettings(), product)) {
			LookupRegistrations.Limit limit = over.limit();
			String servers = String.join(", ", over.servers());
			String count = over.registrations() + " registrations (" + over.servers().size() + " Lookup services: "
					+ servers + (over.otherEndpoints() > 0 ? ", plus " + over.otherEndpoints() + " other" : "") + ")";
			String message = "Lookup account " + over.uri() + " has " + count + " but the limit for its home pool "
					+ over.homePool() + " is " + limit.value() + (limit.value() == 1 ? " endpoint" : " endpoints")
					+ " per user (" + limit.describe()
					+ "): the registrar closes the surplus connections (\"Connection was closed because the limit on"
					+ " number of incoming connections per user was exceeded\"), the Lookup services flap and events"
					+ " 5282/5283 repeat on every Group Chat server. "
					+ (over.registrations() <= DomainLimits.MAX_ENDPOINTS_PER_USER
							? "Raise it to at least " + over.registrations() + "."
							: "No limit can be that high (the registrar accepts at most "
									+ DomainLimits.MAX_ENDPOINTS_PER_USER
									+ "): share the account among fewer Lookup services and other endpoints.");
			Data data = new Data(over.uri(), over.registrations(), limit.scope(), over.homePool(),
					product == null || product.hasScopedRegistrarSettings());
			if (limit.source() instanceof RegistrarSetting setting) {
				findings.report(setting, P.getRegistrarSetting_MaxEndpointsPerUser(), message, data);
			} else {
				for (Object use : over.uses()) {
					if (use instanceof LookupAccount account) {
						findings.report(account, P.getLookupAccount_Uri(), message, data);
					}
				}
			}
		}
	}

	/**
	 * Raising the setting that governs the home pool is the field report's remedy (safe: it never
	 * lowers, and changes only that value); a pool-scoped setting or a global one where none exists.
	 */
	@Override
	public List<Remedy> remedies(RemedySite site) {
		Data data = site.data(Data.class);
		if (data == null || !DomainLimits.isValidEndpointsPerUser(data.registrations())) {
			// Beyond what the registrar accepts no setting makes room: nothing to offer.
			return List.of();
		}
		String registrations = String.valueOf(data.registrations());
		String homePool = data.homePool() == null ? "" : data.homePool();
		List<String> poolSetting = List.of("registrar pool " + homePool + " {",
				"    max endpoints per user " + registrations, "}");
		List<Remedy> remedies = new ArrayList<>();
		if (site.object() instanceof RegistrarSetting setting) {
			remedies.add(Remedy.safe("Set max endpoints per user to " + registrations + " ("
					+ data.scope().name().toLowerCase(Locale.ROOT) + " setting)", new Remedy.ReplaceFinding(registrations)));
			if (data.scopedSettings() && data.scope() != LookupRegistrations.Scope.POOL && !homePool.isEmpty()) {
				remedies.add(Remedy.of("Add a registrar setting of " + registrations + " for pool " + homePool + " only",
						new Remedy.InsertAfter(declarationOf(setting), poolSetting)));
			}
		} else if (site.object() != null && EcoreUtil2.getContainerOfType(site.object(), LookupAccount.class) != null) {
			EObject anchor = declarationOf(site.object());
			if (data.scopedSettings() && !homePool.isEmpty()) {
				remedies.add(Remedy.of("Add a registrar setting of " + registrations + " for pool " + homePool,
						new Remedy.InsertAfter(anchor, poolSetting)));
			}
			remedies.add(Remedy.of("Add a global registrar setting of " + registrations, new Remedy.InsertAfter(anchor,
					List.of("registrar global {", "    max endpoints per user " + registrations, "}"))));
		}
		return remedies;
	}

	/** The declaration (a member of a file or of a site) that contains an object. */
	static EObject declarationOf(EObject object) {
		EObject current = object;
		while (current.eContainer() != null && !(current.eContainer() instanceof Model)
				&& !(current.eContainer() instanceof Site)) {
			current = current.eContainer();
		}
		return current instanceof Declaration || current.eContainer() instanceof Site ? current : object;
	}
}
