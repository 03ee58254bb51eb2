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
		// One cause, one finding: where the home pool or the setting in force is written twice in
		// disagreement, lookup-home-conflict or registrar-setting-duplicate says so and no count is judged.
		java.util.Set<String> conflicting = new java.util.HashSet<>();
		RegistrarScopes.conflictingHomes(topology).forEach(uses -> conflicting.add(uses.get(0).getUri().toLowerCase(Locale.ROOT)));
		java.util.Set<Object> repeated = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
		RegistrarScopes.repeatedScopes(topology).forEach(repeated::addAll);
		List<LookupRegistrations.Setting> settings = topology.registrarSettings();
		boolean scoped = product == null || product.hasScopedRegistrarSettings();
		List<String> settingSites = settings.stream().filter(x -> x.scope() == LookupRegistrations.Scope.SITE)
				.map(LookupRegistrations.Setting::scopeName).distinct().toList();
		for (LookupRegistrations.Registrations account : LookupRegistrations.count(topology.lookupUses(), settings, product)) {
			LookupRegistrations.Limit limit = account.limit();
			if (conflicting.contains(account.uri().toLowerCase(Locale.ROOT)) || repeated.contains(limit.source())
					|| !DomainLimits.isValidEndpointsPerUser(limit.value())) {
				// The registrar refuses an out-of-range setting (mpop-out-of-range says so): the limit in force is unknown.
				continue;
			}
			String assumption = null;
			if (scoped && !settingSites.isEmpty() && homeSiteOf(account) == null) {
				// The home pool is in no site block: which site's setting governs it is not written down.
				List<String> over = new ArrayList<>();
				List<String> within = new ArrayList<>();
				List<LookupRegistrations.Limit> candidates = new ArrayList<>(List.of(limit));
				for (String site : settingSites) {
					LookupRegistrations.Limit inSite = LookupRegistrations.limitFor(account.homePool(), site, settings, product);
					candidates.add(inSite);
					(account.count() > inSite.value() ? over : within).add("site " + site);
				}
				(account.count() > limit.value() ? over : within).add("no site");
				if (!over.isEmpty() && !within.isEmpty()) {
					// Told with the lowest of the limits it exceeds (ties: the scope name), whatever the order
					// the settings are written in.
					limit = candidates.stream().filter(l -> account.count() > l.value())
							.min(java.util.Comparator.comparingInt(LookupRegistrations.Limit::value).thenComparing(
									l -> l.scopeName() == null ? "" : l.scopeName().toLowerCase(Locale.ROOT)))
							.orElseThrow();
					assumption = "Pool " + account.homePool() + " is declared outside every site block, so which site's"
							+ " registrar setting governs it is not written down: the limit is exceeded if the pool is in "
							+ String.join(" or ", over) + ", not if it is in " + String.join(" or ", within)
							+ ". Declare the pool inside its site block.";
				}
			}
			if (account.count() <= limit.value()) {
				continue;
			}
			String servers = String.join(", ", account.servers());
			String count = account.count() + " registrations (" + account.servers().size() + " Lookup services: "
					+ servers + (account.otherEndpoints() > 0 ? ", plus " + account.otherEndpoints() + " other" : "") + ")";
			String message = "Lookup account " + account.uri() + " has " + count + " but the limit for its home pool "
					+ account.homePool() + " is " + limit.value() + (limit.value() == 1 ? " endpoint" : " endpoints")
					+ " per user (" + limit.describe()
					+ "): the registrar closes the surplus connections (\"Connection was closed because the limit on"
					+ " number of incoming connections per user was exceeded\"), the Lookup services flap and events"
					+ " 5282/5283 repeat on every Group Chat server. "
					+ (account.count() <= DomainLimits.MAX_ENDPOINTS_PER_USER
							? "Raise it to at least " + account.count() + "."
							: "No limit can be that high (the registrar accepts at most "
									+ DomainLimits.MAX_ENDPOINTS_PER_USER
									+ "): share the account among fewer Lookup services and other endpoints.")
					+ (assumption == null ? "" : " " + assumption);
			Data data = new Data(account.uri(), account.count(), limit.scope(), account.homePool(), scoped);
			boolean restsOnAssumption = assumption != null;
			if (limit.source() instanceof RegistrarSetting setting) {
				findings.report(setting, P.getRegistrarSetting_MaxEndpointsPerUser(), Findings.WHOLE_FEATURE, message, data,
						List.of(), restsOnAssumption);
			} else {
				for (Object use : account.uses()) {
					if (use instanceof LookupAccount lookup) {
						findings.report(lookup, P.getLookupAccount_Uri(), Findings.WHOLE_FEATURE, message, data, List.of(),
								restsOnAssumption);
					}
				}
			}
		}
	}

	/** The site block that holds the account's home pool, or null. */
	private static Site homeSiteOf(LookupRegistrations.Registrations account) {
		for (Object use : account.uses()) {
			if (use instanceof LookupAccount lookup && lookup.getHomePool() != null) {
				return EcoreUtil2.getContainerOfType(lookup.getHomePool(), Site.class);
			}
		}
		return null;
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
