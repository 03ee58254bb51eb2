package org.ocs.topology.reports;

/**
 * What a report needs beyond the findings: how to name files, the level that fails the run (JUnit
 * marks only those findings as failures), and where the rule pages are published, if anywhere
 * (SARIF's {@code helpUri}; a base URL ending in '/', or null).
 */
public record ReportContext(ReportPaths paths, FailOn failOn, String docsUrl) {

	public static final String TOOL = "ocstopo";
	public static final String VERSION = "0.1.0";

	public String helpUri(String ruleId) {
		return docsUrl == null || docsUrl.isBlank() ? null : docsUrl + ruleId + ".md";
	}
}
