package org.ocs.topology.reports;

import java.nio.file.Path;
import java.util.List;

import org.ocs.topology.rules.Rule;
import org.ocs.topology.rules.Severity;

/** What one headless check run found: the files checked and the findings, in report order. */
public record CheckResult(List<Path> files, List<Finding> findings) {

	/** Exit code (and Maven outcome): no finding at or above the level. */
	public static final int CLEAN = 0;
	/** Some finding at or above the level. */
	public static final int FINDINGS = 1;
	/** Could not run, or a check could not finish. */
	public static final int CANNOT_RUN = 2;

	public CheckResult {
		files = List.copyOf(files);
		findings = List.copyOf(findings);
	}

	public long count(Severity severity) {
		return findings.stream().filter(f -> f.severity() == severity).count();
	}

	/**
	 * False when a check failed (an {@code internal-error} finding): its findings are missing, so the
	 * run must never read as clean; false too when the project policy has a mistake ({@code policy-invalid}).
	 */
	public boolean complete() {
		// Likewise a broken project policy: the files were not checked as the project asked.
		return findings.stream().noneMatch(f -> f.ruleId().equals(Rule.INTERNAL_ERROR.id())
				|| f.ruleId().equals(Rule.POLICY_INVALID.id()));
	}

	public boolean fails(FailOn failOn) {
		return findings.stream().anyMatch(f -> failOn.fails(f.severity()));
	}

	/** 0 clean, 1 findings at or above {@code failOn}, 2 a check could not finish (fail closed). */
	public int exitCode(FailOn failOn) {
		if (!complete()) {
			return CANNOT_RUN;
		}
		return fails(failOn) ? FINDINGS : CLEAN;
	}

	/** "4 files, 2 errors, 1 warning". */
	public String summary() {
		return count(files.size(), "file") + ", " + count(count(Severity.ERROR), "error") + ", "
				+ count(count(Severity.WARNING), "warning");
	}

	static String count(long n, String noun) {
		return n + " " + noun + (n == 1 ? "" : "s");
	}
}
