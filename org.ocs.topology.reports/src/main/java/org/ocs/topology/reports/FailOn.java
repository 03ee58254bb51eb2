package org.ocs.topology.reports;

import java.util.Locale;
import java.util.Optional;

/** The lowest severity that fails a run (exit code 1, a failed build). */
public enum FailOn {
	ERROR, WARNING, NEVER;

	public static Optional<FailOn> parse(String value) {
		for (FailOn level : values()) {
			if (level.name().equalsIgnoreCase(value == null ? "" : value.trim())) {
				return Optional.of(level);
			}
		}
		return Optional.empty();
	}

	public boolean fails(org.ocs.topology.rules.Severity severity) {
		return switch (this) {
			case ERROR -> severity == org.ocs.topology.rules.Severity.ERROR;
			case WARNING -> severity != org.ocs.topology.rules.Severity.INFO;
			case NEVER -> false;
		};
	}

	@Override
	public String toString() {
		return name().toLowerCase(Locale.ROOT);
	}
}
