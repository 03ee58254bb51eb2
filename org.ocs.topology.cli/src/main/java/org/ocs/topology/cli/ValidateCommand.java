package org.ocs.topology.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.eclipse.xtext.validation.Issue;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "validate", mixinStandardHelpOptions = true,
		description = { "Checks .ocstopo files and prints one line per finding:",
				"  file:line:col: severity RULE-ID message",
				"A folder is one topology: every .ocstopo file in it is read, so references across files resolve." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:no errors (warnings allowed)", "1:at least one error", "2:could not run (no such file, unreadable input, bad arguments)" })
public final class ValidateCommand implements Callable<Integer> {

	static final String EXTENSION = ".ocstopo";

	@Parameters(arity = "1..*", paramLabel = "FILE|FOLDER", description = ".ocstopo files, or folders searched for them")
	private List<Path> paths;

	@Override
	public Integer call() {
		Set<Path> requested = new LinkedHashSet<>();
		for (Path path : paths) {
			if (!Files.exists(path)) {
				System.err.println("ocstopo: " + path + ": no such file or folder");
				return Main.CANNOT_RUN;
			}
			if (Files.isDirectory(path)) {
				try (Stream<Path> walk = Files.walk(path)) {
					walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(EXTENSION)).sorted()
							.forEach(p -> requested.add(p.toAbsolutePath().normalize()));
				} catch (IOException | RuntimeException e) {
					System.err.println("ocstopo: " + path + ": cannot list folder: " + e.getMessage());
					return Main.CANNOT_RUN;
				}
			} else if (!path.getFileName().toString().endsWith(EXTENSION)) {
				System.err.println("ocstopo: " + path + ": not an " + EXTENSION + " file");
				return Main.CANNOT_RUN;
			} else if (!Files.isReadable(path)) {
				System.err.println("ocstopo: " + path + ": cannot read file");
				return Main.CANNOT_RUN;
			} else {
				requested.add(path.toAbsolutePath().normalize());
			}
		}
		if (requested.isEmpty()) {
			System.err.println("ocstopo: no " + EXTENSION + " files in " + paths);
			return Main.CANNOT_RUN;
		}

		TopologyWorkspace workspace = new TopologyWorkspace();
		List<Finding> findings = new ArrayList<>();
		try {
			for (Path file : requested) {
				for (Issue issue : workspace.validate(file)) {
					findings.add(Finding.of(file, issue));
				}
			}
		} catch (TopologyWorkspace.UnreadableInput e) {
			System.err.println("ocstopo: " + e.getMessage());
			return Main.CANNOT_RUN;
		}

		findings.sort(Comparator.comparing(Finding::file).thenComparingInt(Finding::line)
				.thenComparingInt(Finding::column).thenComparing(Finding::ruleId));
		Path cwd = Path.of("").toAbsolutePath();
		for (Finding finding : findings) {
			System.out.println(finding.format(cwd));
		}
		long errors = findings.stream().filter(f -> f.severity().equals("error")).count();
		long warnings = findings.stream().filter(f -> f.severity().equals("warning")).count();
		System.err.println(requested.size() + (requested.size() == 1 ? " file, " : " files, ") + errors
				+ (errors == 1 ? " error, " : " errors, ") + warnings + (warnings == 1 ? " warning" : " warnings"));
		return errors > 0 ? Main.FINDINGS : Main.CLEAN;
	}
}
