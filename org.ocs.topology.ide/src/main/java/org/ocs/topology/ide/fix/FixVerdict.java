package org.ocs.topology.ide.fix;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether a fix is kept, from the findings before and after it (each a key of rule, file and
 * message; a multiset, since two findings may read alike): its own finding must be gone and no
 * finding may appear that was not there, of any severity. Plain Java, so it is tested alone.
 */
public record FixVerdict(boolean kept, String reason) {

	private static final char SEPARATOR = '\u0000';

	public static String key(String rule, String file, String message) {
		return rule + SEPARATOR + file + SEPARATOR + message;
	}

	public static FixVerdict judge(List<String> before, List<String> after, String target) {
		Map<String, Integer> was = counts(before);
		Map<String, Integer> is = counts(after);
		if (is.getOrDefault(target, 0) >= was.getOrDefault(target, 0)) {
			return new FixVerdict(false, "would not remove the finding");
		}
		for (Map.Entry<String, Integer> entry : is.entrySet()) {
			if (entry.getValue() > was.getOrDefault(entry.getKey(), 0)) {
				String[] parts = entry.getKey().split(String.valueOf(SEPARATOR), 3);
				return new FixVerdict(false, "would add a finding, so it was not applied: " + parts[0]
						+ " in " + java.nio.file.Path.of(parts[1]).getFileName() + ": " + parts[2]);
			}
		}
		return new FixVerdict(true, "");
	}

	private static Map<String, Integer> counts(List<String> keys) {
		Map<String, Integer> counts = new HashMap<>();
		keys.forEach(key -> counts.merge(key, 1, Integer::sum));
		return counts;
	}
}
