package org.ocs.topology.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.ocs.topology.headless.TopologyWorkspace;
import org.ocs.topology.reports.CheckResult;
import org.ocs.topology.reports.CheckRun;
import org.ocs.topology.reports.FailOn;
import org.ocs.topology.reports.Finding;
import org.ocs.topology.reports.ReportContext;
import org.ocs.topology.reports.AtomicFiles;
import org.ocs.topology.reports.ReportFormat;
import org.ocs.topology.reports.ReportPaths;
import org.ocs.topology.rules.Rule;
import org.ocs.topology.rules.Severity;

/**
 * Checks the project's topologies with the same services as {@code ocstopo validate}, writes the
 * reports under {@code target/ocstopo/}, and fails the build on findings at or above
 * {@code failOn}; a check that could not finish always fails it (fail closed).
 */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.VERIFY, threadSafe = false)
public class ValidateMojo extends AbstractMojo {

	@Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
	private File basedir;

	/** Folders searched for .ocstopo files; each folder is one topology. */
	@Parameter(property = "ocstopo.topologies")
	private List<File> topologies;

	/** error (default), warning or never. */
	@Parameter(property = "ocstopo.failOn", defaultValue = "error")
	private String failOn;

	/** Report formats written under {@code outputDirectory}: text, json, sarif, junit, checkstyle. */
	@Parameter(property = "ocstopo.formats", defaultValue = "text,sarif,junit")
	private List<String> formats;

	@Parameter(property = "ocstopo.outputDirectory", defaultValue = "${project.build.directory}/ocstopo")
	private File outputDirectory;

	/** Base URL of the published rule pages, for SARIF's helpUri. */
	@Parameter(property = "ocstopo.docsUrl")
	private String docsUrl;

	@Parameter(property = "ocstopo.skip", defaultValue = "false")
	private boolean skip;

	@Override
	public void execute() throws MojoExecutionException, MojoFailureException {
		if (skip) {
			getLog().info("ocstopo: skipped");
			return;
		}
		FailOn level = FailOn.parse(failOn).orElseThrow(() -> new MojoExecutionException(
				"ocstopo: failOn must be error, warning or never, not '" + failOn + "'"));
		List<ReportFormat> reports = new ArrayList<>();
		for (String format : formats) {
			reports.add(ReportFormat.byId(format).orElseThrow(() -> new MojoExecutionException(
					"ocstopo: unknown format '" + format + "': expected " + ReportFormat.ids())));
		}
		List<File> folders = topologies == null || topologies.isEmpty()
				? List.of(new File(basedir, "src/main/topology")) : topologies;
		for (File folder : folders) {
			if (!Files.isDirectory(folder.toPath())) {
				throw new MojoExecutionException("ocstopo: " + folder + ": no such folder (set <topologies>)");
			}
		}
		TopologyWorkspace.Search search;
		try {
			search = TopologyWorkspace.search(folders.stream().map(File::toPath).toList());
		} catch (TopologyWorkspace.UnreadableInput e) {
			throw new MojoExecutionException("ocstopo: " + e.getMessage());
		}
		search.passedOver().forEach(message -> getLog().warn("ocstopo: " + message));
		if (!search.unreadable().isEmpty()) {
			// Fail closed: a file that cannot be read may hold errors.
			search.unreadable().forEach(message -> getLog().error("ocstopo: " + message));
			throw new MojoExecutionException("ocstopo: " + search.unreadable().size() + " .ocstopo file(s) could not be read: "
					+ search.unreadable().get(0));
		}
		List<Path> files = search.files();
		if (files.isEmpty()) {
			getLog().warn("ocstopo: no .ocstopo files in " + folders);
			return;
		}
		CheckResult result;
		try {
			result = new CheckRun(new TopologyWorkspace()).check(files);
		} catch (TopologyWorkspace.UnreadableInput e) {
			throw new MojoExecutionException("ocstopo: " + e.getMessage());
		}
		ReportContext context = new ReportContext(new ReportPaths(basedir.toPath()), level, docsUrl);
		for (Finding finding : result.findings()) {
			// The command line's text report, one finding at a time so each logs at its own level.
			String line = ReportFormat.TEXT.render(new CheckResult(List.of(), List.of(finding)), context).stripTrailing();
			switch (finding.severity()) {
				case ERROR -> getLog().error(line);
				case WARNING -> getLog().warn(line);
				default -> getLog().info(line);
			}
		}
		for (ReportFormat format : reports) {
			Path report = outputDirectory.toPath().resolve(format.defaultFileName());
			try {
				AtomicFiles.write(report, format.render(result, context));
			} catch (IOException e) {
				throw new MojoExecutionException("ocstopo: " + report + ": cannot write the report: " + e.getMessage());
			}
		}
		getLog().info("ocstopo: " + result.summary() + "; reports in " + outputDirectory);
		List<Finding> policyMistakes = result.findings().stream()
				.filter(f -> f.ruleId().equals(Rule.POLICY_INVALID.id())).toList();
		if (!policyMistakes.isEmpty()) {
			// Exit 2 on the command line: the files were not checked as the project asked.
			StringBuilder message = new StringBuilder("ocstopo: the project policy has ")
					.append(policyMistakes.size() == 1 ? "a mistake" : policyMistakes.size() + " mistakes")
					.append(" (policy-invalid), so the topology is not checked as the project asks; fix it (see docs/policy.md):");
			for (Finding mistake : policyMistakes) {
				message.append(System.lineSeparator()).append("  ").append(mistake.location(context.paths()))
						.append(": ").append(mistake.message());
			}
			throw new MojoExecutionException(message.toString());
		}
		if (!result.complete()) {
			throw new MojoExecutionException("ocstopo: a check could not finish (internal-error findings above): the topology is not checked");
		}
		if (result.fails(level)) {
			throw new MojoFailureException("ocstopo: " + result.count(Severity.ERROR) + " error(s), "
					+ result.count(Severity.WARNING) + " warning(s) at or above failOn=" + level.toString().toLowerCase(Locale.ROOT));
		}
	}
}
