package org.ocs.topology.analysis.registrar;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.ocs.topology.analysis.product.ProductGeneration;

/**
 * The Group Chat Lookup account against the registrar's MPOP limit. Every Group Chat server's
 * Lookup service registers the shared account once, so N servers are N endpoints of one user; the
 * registrar closes the connections beyond the limit in force for the account's home pool (pool
 * scope, else site, else global, else the default 8; OCS 2007 R2 has only the global one).
 */
public final class LookupRegistrations {

	public enum Scope {
		POOL, SITE, GLOBAL, PRODUCT_DEFAULT
	}

	/** A registrar setting: {@code scopeName} is the pool FQDN or site name (null for global). */
	public record Setting(Scope scope, String scopeName, int maxEndpointsPerUser, Object source) {
	}

	/** The limit in force; {@code source} is the governing setting, null for the product default. */
	public record Limit(Scope scope, String scopeName, int value, Object source) {
		public String describe() {
			return switch (scope) {
				case POOL -> "the pool setting of " + scopeName;
				case SITE -> "the site setting of " + scopeName;
				case GLOBAL -> "the global setting";
				case PRODUCT_DEFAULT -> "the product default";
			};
		}
	}

	/** One Group Chat pool's use of a Lookup account. */
	public record Use(String uri, String homePool, String homeSite, List<String> servers, int otherEndpoints,
			Object source) {
	}

	/** An account whose registrations exceed the limit in force. */
	public record OverLimit(String uri, String homePool, List<String> servers, int otherEndpoints, int registrations,
			Limit limit, List<Object> uses) {
	}

	private LookupRegistrations() {
	}

	public static Limit limitFor(String pool, String site, List<Setting> settings, ProductGeneration product) {
		boolean scoped = product == null || product.hasScopedRegistrarSettings();
		if (scoped) {
			for (Setting setting : settings) {
				if (setting.scope() == Scope.POOL && setting.scopeName().equalsIgnoreCase(pool)) {
					return new Limit(Scope.POOL, setting.scopeName(), setting.maxEndpointsPerUser(), setting.source());
				}
			}
			if (site != null) {
				for (Setting setting : settings) {
					if (setting.scope() == Scope.SITE && setting.scopeName().equalsIgnoreCase(site)) {
						return new Limit(Scope.SITE, setting.scopeName(), setting.maxEndpointsPerUser(), setting.source());
					}
				}
			}
		}
		for (Setting setting : settings) {
			if (setting.scope() == Scope.GLOBAL) {
				return new Limit(Scope.GLOBAL, null, setting.maxEndpointsPerUser(), setting.source());
			}
		}
		return new Limit(Scope.PRODUCT_DEFAULT, null, ProductGeneration.DEFAULT_ENDPOINTS_PER_USER, null);
	}

	/** Accounts used by several Group Chat pools count every pool's servers; the first use names the home pool. */
	public static List<OverLimit> check(List<Use> uses, List<Setting> settings, ProductGeneration product) {
		Map<String, List<Use>> byAccount = new LinkedHashMap<>();
		for (Use use : uses) {
			byAccount.computeIfAbsent(use.uri().toLowerCase(Locale.ROOT), u -> new ArrayList<>()).add(use);
		}
		List<OverLimit> overLimits = new ArrayList<>();
		for (List<Use> accountUses : byAccount.values()) {
			Use first = accountUses.get(0);
			Set<String> servers = new LinkedHashSet<>();
			int others = 0;
			for (Use use : accountUses) {
				use.servers().forEach(s -> servers.add(s.toLowerCase(Locale.ROOT)));
				others += use.otherEndpoints();
			}
			int registrations = servers.size() + others;
			Limit limit = limitFor(first.homePool(), first.homeSite(), settings, product);
			if (registrations > limit.value()) {
				List<String> named = new ArrayList<>();
				for (Use use : accountUses) {
					for (String server : use.servers()) {
						if (named.stream().noneMatch(server::equalsIgnoreCase)) {
							named.add(server);
						}
					}
				}
				overLimits.add(new OverLimit(first.uri(), first.homePool(), named, others, registrations, limit,
						accountUses.stream().map(Use::source).toList()));
			}
		}
		return overLimits;
	}
}
