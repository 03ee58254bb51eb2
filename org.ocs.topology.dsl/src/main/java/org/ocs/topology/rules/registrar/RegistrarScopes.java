package org.ocs.topology.rules.registrar;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.ocs.topology.topology.GroupChatPool;
import org.ocs.topology.topology.LookupAccount;
import org.ocs.topology.topology.RegistrarSetting;
import org.ocs.topology.validation.TopologyModel;

/** Registrar settings by the scope they configure, and Lookup accounts by URI: what is written twice. */
final class RegistrarScopes {

	private RegistrarScopes() {
	}

	/** "global", "site:<name>", "pool:<fqdn>", lower case; null when the scope's name is not resolved. */
	static String scopeOf(RegistrarSetting setting) {
		if (setting.isGlobal()) {
			return "global";
		}
		if (setting.getSite() != null && !setting.getSite().eIsProxy() && setting.getSite().getName() != null) {
			return "site:" + setting.getSite().getName().toLowerCase(Locale.ROOT);
		}
		if (setting.getPool() != null && !setting.getPool().eIsProxy() && setting.getPool().getName() != null) {
			return "pool:" + setting.getPool().getName().toLowerCase(Locale.ROOT);
		}
		return null;
	}

	/** The settings of every scope written more than once, in file order. */
	static List<List<RegistrarSetting>> repeatedScopes(TopologyModel topology) {
		Map<String, List<RegistrarSetting>> byScope = new LinkedHashMap<>();
		for (RegistrarSetting setting : topology.all(RegistrarSetting.class)) {
			String scope = scopeOf(setting);
			if (scope != null) {
				byScope.computeIfAbsent(scope, s -> new ArrayList<>()).add(setting);
			}
		}
		return byScope.values().stream().filter(list -> list.size() > 1).toList();
	}

	/** The Lookup accounts of every URI homed on more than one pool, in file order. */
	static List<List<LookupAccount>> conflictingHomes(TopologyModel topology) {
		Map<String, List<LookupAccount>> byUri = new LinkedHashMap<>();
		for (GroupChatPool pool : topology.all(GroupChatPool.class)) {
			LookupAccount account = pool.getLookupAccount();
			if (account != null && account.getUri() != null && account.getHomePool() != null
					&& !account.getHomePool().eIsProxy()) {
				byUri.computeIfAbsent(account.getUri().toLowerCase(Locale.ROOT), u -> new ArrayList<>()).add(account);
			}
		}
		return byUri.values().stream().filter(uses -> uses.stream().map(a -> a.getHomePool().getName().toLowerCase(Locale.ROOT))
				.distinct().count() > 1).toList();
	}
}
