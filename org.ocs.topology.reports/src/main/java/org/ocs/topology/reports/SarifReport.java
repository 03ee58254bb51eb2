package org.ocs.topology.reports;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ocs.topology.rules.Rule;
import org.ocs.topology.rules.Severity;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * SARIF 2.1.0 as GitHub code scanning takes it: the whole rule catalogue as
 * {@code tool.driver.rules} (the rule page as help), a result per finding with its trace twice: as
 * a {@code codeFlow} (the hops in order, which GitHub shows as "Show paths") and as
 * {@code relatedLocations} (linked from the message). Files under the base folder are named
 * relative to {@code %SRCROOT%}, the way GitHub maps them onto the repository.
 */
final class SarifReport {

	static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
	static final String SRCROOT = "%SRCROOT%";

	private SarifReport() {
	}

	static String render(CheckResult result, ReportContext context) {
		JsonObject root = new JsonObject();
		root.addProperty("$schema", SCHEMA);
		root.addProperty("version", "2.1.0");
		JsonObject run = new JsonObject();
		run.add("tool", tool(context));
		JsonObject baseIds = new JsonObject();
		JsonObject srcroot = new JsonObject();
		srcroot.addProperty("uri", folderUri(context.paths().base()));
		baseIds.add(SRCROOT, srcroot);
		run.add("originalUriBaseIds", baseIds);
		run.addProperty("columnKind", "utf16CodeUnits");
		JsonArray results = new JsonArray();
		JsonArray notifications = new JsonArray();
		List<Rule> rules = List.of(Rule.values());
		for (Finding finding : result.findings()) {
			JsonObject sarif = new JsonObject();
			sarif.addProperty("ruleId", finding.ruleId());
			finding.rule().ifPresent(rule -> sarif.addProperty("ruleIndex", rules.indexOf(rule)));
			sarif.addProperty("level", level(finding.severity()));
			sarif.add("message", message(finding.message()));
			JsonArray locations = new JsonArray();
			locations.add(location(finding.span(), null, context));
			sarif.add("locations", locations);
			if (!finding.trace().isEmpty()) {
				JsonArray related = new JsonArray();
				JsonArray flowLocations = new JsonArray();
				int id = 1;
				for (TraceStep step : finding.trace()) {
					JsonObject relatedLocation = location(step.span(), step.why(), context);
					relatedLocation.addProperty("id", id);
					related.add(relatedLocation);
					JsonObject flowLocation = new JsonObject();
					flowLocation.add("location", location(step.span(), step.why(), context));
					flowLocation.addProperty("executionOrder", id);
					flowLocations.add(flowLocation);
					id++;
				}
				sarif.add("relatedLocations", related);
				JsonObject threadFlow = new JsonObject();
				threadFlow.add("locations", flowLocations);
				JsonArray threadFlows = new JsonArray();
				threadFlows.add(threadFlow);
				JsonObject codeFlow = new JsonObject();
				codeFlow.add("message", message("The traffic hop by hop, each hop at its declaration."));
				codeFlow.add("threadFlows", threadFlows);
				JsonArray codeFlows = new JsonArray();
				codeFlows.add(codeFlow);
				sarif.add("codeFlows", codeFlows);
			}
			// Stable across edits that only move the finding, so code scanning keeps its alerts' history.
			JsonObject fingerprints = new JsonObject();
			fingerprints.addProperty("ocstopoFinding/v1",
					sha256(finding.ruleId() + "\n" + context.paths().shown(finding.span().file()) + "\n" + finding.message()));
			sarif.add("partialFingerprints", fingerprints);
			results.add(sarif);
			if (finding.ruleId().equals(Rule.INTERNAL_ERROR.id())) {
				JsonObject notification = new JsonObject();
				notification.addProperty("level", "error");
				notification.add("message", message(finding.message()));
				JsonArray where = new JsonArray();
				where.add(location(finding.span(), null, context));
				notification.add("locations", where);
				notifications.add(notification);
			}
		}
		run.add("results", results);
		JsonObject invocation = new JsonObject();
		// A check that could not finish means missing findings: the run did not succeed.
		invocation.addProperty("executionSuccessful", result.complete());
		invocation.addProperty("exitCode", result.exitCode(context.failOn()));
		if (!notifications.isEmpty()) {
			invocation.add("toolExecutionNotifications", notifications);
		}
		JsonArray invocations = new JsonArray();
		invocations.add(invocation);
		run.add("invocations", invocations);
		JsonArray runs = new JsonArray();
		runs.add(run);
		root.add("runs", runs);
		return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root) + "\n";
	}

	private static JsonObject tool(ReportContext context) {
		JsonObject driver = new JsonObject();
		driver.addProperty("name", ReportContext.TOOL);
		driver.addProperty("version", ReportContext.VERSION);
		driver.addProperty("semanticVersion", ReportContext.VERSION);
		JsonArray rules = new JsonArray();
		for (Rule rule : Rule.values()) {
			JsonObject descriptor = new JsonObject();
			descriptor.addProperty("id", rule.id());
			descriptor.addProperty("name", pascalCase(rule.id()));
			descriptor.add("shortDescription", message(rule.summary()));
			String page = RulePages.text(rule).orElse(null);
			descriptor.add("fullDescription", message(page == null ? rule.summary() : whatItCatches(page, rule.summary())));
			if (page != null) {
				JsonObject help = new JsonObject();
				help.addProperty("text", page);
				help.addProperty("markdown", page);
				descriptor.add("help", help);
			}
			String helpUri = context.helpUri(rule.id());
			if (helpUri != null) {
				descriptor.addProperty("helpUri", helpUri);
			}
			JsonObject configuration = new JsonObject();
			configuration.addProperty("level", level(rule.severity()));
			descriptor.add("defaultConfiguration", configuration);
			JsonObject properties = new JsonObject();
			JsonArray tags = new JsonArray();
			tags.add(ReportContext.TOOL);
			tags.add(rule.triggeredByText() ? "topology" : rule.policyFile() ? "configuration" : "tool-failure");
			properties.add("tags", tags);
			descriptor.add("properties", properties);
			rules.add(descriptor);
		}
		driver.add("rules", rules);
		JsonObject tool = new JsonObject();
		tool.add("driver", driver);
		return tool;
	}

	private static final Pattern WHAT_IT_CATCHES = Pattern.compile("(?s)## What it catches\\s*\\R(.*?)(?=\\R\\s*\\R|\\R##|$)");

	/** The first paragraph of the page's "What it catches", unwrapped; else the summary. */
	static String whatItCatches(String page, String fallback) {
		Matcher matcher = WHAT_IT_CATCHES.matcher(page);
		return matcher.find() ? matcher.group(1).replaceAll("\\s*\\R\\s*", " ").trim() : fallback;
	}

	private static JsonObject location(Span span, String why, ReportContext context) {
		JsonObject artifact = new JsonObject();
		if (context.paths().inside(span.file())) {
			artifact.addProperty("uri", uriPath(context.paths().shown(span.file())));
			artifact.addProperty("uriBaseId", SRCROOT);
		} else {
			artifact.addProperty("uri", span.file().toAbsolutePath().toUri().toString());
		}
		JsonObject region = new JsonObject();
		region.addProperty("startLine", span.start().line());
		region.addProperty("startColumn", span.start().column());
		boolean backwards = span.end().line() < span.start().line()
				|| (span.end().line() == span.start().line() && span.end().column() < span.start().column());
		Position end = backwards ? span.start() : span.end();
		region.addProperty("endLine", end.line());
		region.addProperty("endColumn", end.column());
		JsonObject physical = new JsonObject();
		physical.add("artifactLocation", artifact);
		physical.add("region", region);
		JsonObject location = new JsonObject();
		location.add("physicalLocation", physical);
		if (why != null) {
			location.add("message", message(why));
		}
		return location;
	}

	/** A relative path as a URI reference: each segment percent-encoded where it must be. */
	private static String uriPath(String relative) {
		StringBuilder uri = new StringBuilder();
		for (String segment : relative.split("/")) {
			if (uri.length() > 0) {
				uri.append('/');
			}
			uri.append(java.net.URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
		}
		return uri.toString();
	}

	private static String folderUri(Path folder) {
		String uri = folder.toAbsolutePath().normalize().toUri().toString();
		return uri.endsWith("/") ? uri : uri + "/";
	}

	private static JsonObject message(String text) {
		JsonObject message = new JsonObject();
		message.addProperty("text", text);
		return message;
	}

	static String level(Severity severity) {
		return switch (severity) {
			case ERROR -> "error";
			case WARNING -> "warning";
			case INFO -> "note";
		};
	}

	static String pascalCase(String id) {
		StringBuilder name = new StringBuilder();
		for (String part : id.split("-")) {
			if (!part.isEmpty()) {
				name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
			}
		}
		return name.toString();
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is part of every Java", e);
		}
	}
}
