package org.ocs.topology.ide.quickfix;

import java.util.Locale;

/** How close a misspelt name is to a declared one. */
final class Similarity {

	private Similarity() {
	}

	/** Close enough to suggest: a few edits, relative to the length of the name. */
	static boolean isClose(String written, String candidate) {
		int distance = distance(written, candidate);
		return distance > 0 && distance <= Math.max(2, Math.min(written.length(), candidate.length()) / 4);
	}

	/** Levenshtein distance, case-insensitive (names are). */
	static int distance(String a, String b) {
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
