package org.ocs.topology.naming;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * How close a misspelt name is to a known one: for "did you mean" suggestions, of declared names
 * in the editor's quick fixes and of rule IDs on the command line. Plain Java.
 */
public final class Similarity {

	private Similarity() {
	}

	/**
	 * The candidates close enough to suggest, nearest first (ties by name), without repeats.
	 * Close: another string, a few edits away relative to the shorter length.
	 */
	public static List<String> closest(String written, Collection<String> candidates) {
		return candidates.stream().distinct().filter(candidate -> isClose(written, candidate))
				.sorted(Comparator.comparingInt((String candidate) -> distance(written, candidate))
						.thenComparing(Function.identity()))
				.toList();
	}

	static boolean isClose(String written, String candidate) {
		return !written.equals(candidate)
				&& distance(written, candidate) <= Math.max(2, Math.min(written.length(), candidate.length()) / 4);
	}

	/** Levenshtein distance, case-insensitive (names are). */
	public static int distance(String a, String b) {
		String x = a.toLowerCase(Locale.ROOT);
		String y = b.toLowerCase(Locale.ROOT);
		int[] previous = new int[y.length() + 1];
		int[] current = new int[y.length() + 1];
		for (int j = 0; j <= y.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= x.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= y.length(); j++) {
				int cost = x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1;
				current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[y.length()];
	}
}
