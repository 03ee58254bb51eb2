package org.ocs.topology.rules;

import java.util.ArrayList;
import java.util.List;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;

/**
 * A finding's data as it travels in Xtext's issue data (a String[], in the language server a JSON
 * array): the rule's typed record as JSON first, then the hops of its trace. The validator writes
 * it, the quick fixes, the language server and the reports read it; nobody counts positions.
 */
public final class IssueData {

	/** Made on first use: most findings carry no record, and a clean run none at all (start-up). */
	private static final class Json {
		static final Gson GSON = new Gson();
	}

	private IssueData() {
	}

	public static String[] encode(Record data, List<String> hops) {
		List<String> all = new ArrayList<>(1 + hops.size());
		all.add(data == null ? "" : Json.GSON.toJson(data));
		all.addAll(hops);
		return all.toArray(String[]::new);
	}

	/** The typed record of a finding's data, or null if it has none of that type. */
	public static <R extends Record> R read(List<String> data, Class<R> type) {
		if (data == null || data.isEmpty() || data.get(0) == null || !data.get(0).startsWith("{")) {
			return null;
		}
		try {
			return Json.GSON.fromJson(data.get(0), type);
		} catch (JsonParseException | IllegalArgumentException notThisType) {
			return null;
		}
	}

	public static <R extends Record> R read(String[] data, Class<R> type) {
		return data == null ? null : read(List.of(data), type);
	}
}
