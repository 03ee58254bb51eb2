package org.ocs.topology.analysis.registrar;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.ocs.topology.analysis.product.DomainLimits;
import org.ocs.topology.analysis.product.ProductGeneration;

/**
 * The Group Chat Lookup account against the registrar's MPOP limit. Every Group Chat server's
 * Lookup service registers the shared account once, so N servers are N endpoints of one user; the
 * registrar closes the connections beyond the limit in force for the account's home pool (pool
 * scope, else site, else global, else the product default,
 * {@link DomainLimits#DEFAULT_ENDPOINTS_PER_USER}; OCS 2007 R2 has only the global one).
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
		return new Limit(Scope.PRODUCT_DEFAULT, null, DomainLimits.DEFAULT_ENDPOINTS_PER_USER, null);
	}

	/**
	 * One Lookup account's registrations, as the registrar counts them: the distinct Group Chat
	 * servers of every pool that uses it plus their other endpoints, against the limit of the home
	 * pool the first use names. Hover and the lookup-over-mpop rule both count through this.
	 */
	public record Registrations(String uri, String homePool, List<String> servers, int otherEndpoints, int count,
			Limit limit, List<Object> uses) {
		public boolean overLimit() {
			return count > limit.value();
		}
	}

	/** Every account's registrations, one entry per account (URIs compare case-insensitively), in order of first use. */
	public static List<Registrations> count(List<Use> uses, List<Setting> settings, ProductGeneration product) {
		Map<String, List<Use>> byAccount = new LinkedHashMap<>();
		for (Use use : uses) {
			byAccount.computeIfAbsent(use.uri().toLowerCase(Locale.ROOT), u -> new ArrayList<>()).add(use);
		}
		List<Registrations> counts = new ArrayList<>();
		for (List<Use> accountUses : byAccount.values()) {
			Use first = accountUses.get(0);
			Set<String> servers = new LinkedHashSet<>();
			List<String> named = new ArrayList<>();
			int others = 0;
			for (Use use : accountUses) {
				for (String server : use.servers()) {
					if (servers.add(server.toLowerCase(Locale.ROOT))) {
						named.add(server);
					}
				}
				others += use.otherEndpoints();
			}
			Limit limit = limitFor(first.homePool(), first.homeSite(), settings, product);
			counts.add(new Registrations(first.uri(), first.homePool(), List.copyOf(named), others,
					servers.size() + others, limit, accountUses.stream().map(Use::source).toList()));
		}
		return counts;
	}

	/** Accounts used by several Group Chat pools count every pool's servers; the first use names the home pool. */
	public static List<OverLimit> check(List<Use> uses, List<Setting> settings, ProductGeneration product) {
		return count(uses, settings, product).stream().filter(Registrations::overLimit)
				.map(r -> new OverLimit(r.uri(), r.homePool(), r.servers(), r.otherEndpoints(), r.count(), r.limit(),
						r.uses()))
				.toList();
	}
}
