package org.ocs.topology.reports;

import java.nio.file.Path;

/**
 * How reports name files: relative to a base folder (the working folder of the command line, the
 * project folder of a Maven build) when inside it, with '/' on every system, else absolute.
 */
public record ReportPaths(Path base) {

	public ReportPaths {
		base = base.toAbsolutePath().normalize();
	}

	public static ReportPaths workingFolder() {
		return new ReportPaths(Path.of(""));
	}

	public String shown(Path file) {
		Path absolute = file.toAbsolutePath().normalize();
		Path shown = absolute.startsWith(base) ? base.relativize(absolute) : absolute;
		return shown.toString().replace(java.io.File.separatorChar, '/');
	}

	/** Whether a file lies under the base folder (SARIF then names it relative to the base). */
	public boolean inside(Path file) {
		return file.toAbsolutePath().normalize().startsWith(base);
	}
}
