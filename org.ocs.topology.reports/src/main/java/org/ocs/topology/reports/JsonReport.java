package org.ocs.topology.reports;

import org.ocs.topology.rules.Rule;
import org.ocs.topology.rules.Severity;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * The shape of {@code terraform validate -json} (format_version 1.0: valid, error_count,
 * warning_count, diagnostics with severity, summary, detail and a range with line, column and byte
 * offset), so tools that read Terraform's already read ocstopo's. Added: each diagnostic's
 * {@code rule} and its {@code trace}, one range per hop.
 */
final class JsonReport {

	private JsonReport() {
	}

	static String render(CheckResult result, ReportContext context) {
		JsonObject root = new JsonObject();
		root.addProperty("format_version", "1.0");
		root.addProperty("valid", result.count(Severity.ERROR) == 0);
		root.addProperty("error_count", result.count(Severity.ERROR));
		root.addProperty("warning_count", result.count(Severity.WARNING));
		root.addProperty("complete", result.complete());
		JsonArray diagnostics = new JsonArray();
		for (Finding finding : result.findings()) {
			JsonObject diagnostic = new JsonObject();
			diagnostic.addProperty("severity", finding.severity().label());
			diagnostic.addProperty("rule", finding.ruleId());
			diagnostic.addProperty("summary", finding.rule().map(Rule::summary).orElse(finding.ruleId()));
			diagnostic.addProperty("detail", finding.message());
			diagnostic.add("range", range(finding.span(), context));
			JsonArray trace = new JsonArray();
			for (TraceStep step : finding.trace()) {
				JsonObject hop = new JsonObject();
				hop.addProperty("message", step.why());
				hop.add("range", range(step.span(), context));
				trace.add(hop);
			}
			diagnostic.add("trace", trace);
			diagnostics.add(diagnostic);
		}
		root.add("diagnostics", diagnostics);
		return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root) + "\n";
	}

	private static JsonObject range(Span span, ReportContext context) {
		JsonObject range = new JsonObject();
		range.addProperty("filename", context.paths().shown(span.file()));
		range.add("start", position(span.start()));
		range.add("end", position(span.end()));
		return range;
	}

	private static JsonObject position(Position position) {
		JsonObject json = new JsonObject();
		json.addProperty("line", position.line());
		json.addProperty("column", position.column());
		json.addProperty("byte", position.byteOffset());
		return json;
	}
}
