package org.ocs.topology.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import org.eclipse.xtext.validation.Issue;
import org.ocs.topology.headless.TopologyWorkspace;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "validate", mixinStandardHelpOptions = true,
		description = { "Checks .ocstopo files and prints one line per finding:",
				"  file:line:col: severity RULE-ID message",
				"A folder is one topology: every .ocstopo file in it is read, so references across files resolve." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:no errors (warnings allowed)", "1:at least one error",
				"2:could not run (no such file, unreadable input, bad arguments)" })
public final class ValidateCommand implements Callable<Integer> {

	@Parameters(arity = "1..*", paramLabel = "FILE|FOLDER", description = ".ocstopo files, or folders searched for them")
	private List<Path> paths;

	@Override
	public Integer call() {
		List<Finding> findings = new ArrayList<>();
		Set<Path> files;
		try {
			files = InputFiles.collect(paths);
			TopologyWorkspace workspace = new TopologyWorkspace();
			for (Path file : files) {
				for (Issue issue : workspace.validate(file)) {
					findings.add(Finding.of(file, issue));
				}
			}
		} catch (InputFiles.CannotRun | TopologyWorkspace.UnreadableInput e) {
			System.err.println("ocstopo: " + e.getMessage());
			return Main.CANNOT_RUN;
		}

		findings.sort(Comparator.comparing(Finding::file).thenComparingInt(Finding::line)
				.thenComparingInt(Finding::column).thenComparing(Finding::ruleId));
		for (Finding finding : findings) {
			System.out.println(finding.format());
		}
		long errors = findings.stream().filter(f -> f.severity().equals("error")).count();
		long warnings = findings.stream().filter(f -> f.severity().equals("warning")).count();
		System.err.println(count(files.size(), "file") + ", " + count(errors, "error") + ", " + count(warnings, "warning"));
		return errors > 0 ? Main.FINDINGS : Main.CLEAN;
	}

	static String count(long n, String noun) {
		return n + " " + noun + (n == 1 ? "" : "s");
	}
}
