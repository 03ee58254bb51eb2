package org.ocs.topology.reports;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The formats a headless run writes, for people and for the CI systems that read them. */
public enum ReportFormat {
	/** {@code file:line:col: severity rule message}, the trace indented under it. */
	TEXT("txt", TextReport::render),
	/** The shape of {@code terraform validate -json}. */
	JSON("json", JsonReport::render),
	/** SARIF 2.1.0, as GitHub code scanning uploads it. */
	SARIF("sarif", SarifReport::render),
	/** JUnit XML: a test case per rule and file, as GitLab, Jenkins and Azure Pipelines read it. */
	JUNIT("xml", JunitReport::render),
	/** Checkstyle XML, as Jenkins' Warnings plug-in, reviewdog and SonarQube read it. */
	CHECKSTYLE("xml", CheckstyleReport::render);

	private final String extension;
	private final java.util.function.BiFunction<CheckResult, ReportContext, String> renderer;

	ReportFormat(String extension, java.util.function.BiFunction<CheckResult, ReportContext, String> renderer) {
		this.extension = extension;
		this.renderer = renderer;
	}

	public String render(CheckResult result, ReportContext context) {
		return renderer.apply(result, context);
	}

	/** The name users write: text, json, sarif, junit, checkstyle. */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The report's default file name, e.g. {@code ocstopo.sarif}, {@code ocstopo-junit.xml}. */
	public String defaultFileName() {
		return this == JUNIT || this == CHECKSTYLE ? "ocstopo-" + id() + "." + extension : "ocstopo." + extension;
	}

	public static Optional<ReportFormat> byId(String id) {
		return Arrays.stream(values()).filter(f -> f.id().equalsIgnoreCase(id == null ? "" : id.trim())).findFirst();
	}

	public static String ids() {
		return String.join(", ", Arrays.stream(values()).map(ReportFormat::id).toList());
	}
}
