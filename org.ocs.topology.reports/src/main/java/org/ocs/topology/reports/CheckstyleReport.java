package org.ocs.topology.reports;

import java.nio.file.Path;
import java.util.List;

/**
 * Checkstyle's XML (version 4.3): every checked file, each finding an {@code error} element with
 * line, column, severity, message and {@code source="ocstopo.<rule>"}.
 */
final class CheckstyleReport {

	private CheckstyleReport() {
	}

	static String render(CheckResult result, ReportContext context) {
		Xml xml = new Xml();
		xml.start("checkstyle").attribute("version", "4.3");
		for (Path file : result.files()) {
			xml.start("file").attribute("name", context.paths().shown(file));
			List<Finding> inFile = result.findings().stream().filter(f -> f.span().file().equals(file)).toList();
			for (Finding finding : inFile) {
				xml.start("error").attribute("line", finding.span().start().line())
						.attribute("column", finding.span().start().column())
						.attribute("severity", finding.severity().label())
						.attribute("message", TextReport.oneLine(finding.message()))
						.attribute("source", ReportContext.TOOL + "." + finding.ruleId()).end();
			}
			xml.end();
		}
		xml.end();
		return xml.done();
	}
}
