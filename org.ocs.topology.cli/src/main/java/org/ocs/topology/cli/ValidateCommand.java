package org.ocs.topology.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

import org.eclipse.xtext.validation.Issue;
import org.apache.log4j.Level;
import org.apache.log4j.Logger;
import org.eclipse.xtext.validation.CompositeEValidator;
import org.eclipse.xtext.validation.ResourceValidatorImpl;
import org.ocs.topology.headless.TopologyWorkspace;
import org.ocs.topology.rules.Rule;
import org.ocs.topology.validation.CheckFailures;

import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

@Command(name = "validate", mixinStandardHelpOptions = true,
		description = { "Checks .ocstopo files and prints one line per finding:",
				"  file:line:col: severity RULE-ID message",
				"A folder is one topology: every .ocstopo file in it is read, so references across files resolve." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:no finding at or above the --fail-on level (by default: no errors)",
				"1:some finding at or above the --fail-on level",
				"2:could not run (no such file, unreadable input, bad arguments)",
				"  or could not finish a check (an internal-error finding, whatever --fail-on says)",
				"  or the project policy (ocstopo.json) has a mistake (a policy-invalid finding)" })
public final class ValidateCommand implements Callable<Integer> {

	/** The lowest severity that makes the exit code 1. */
	enum FailOn {
		ERROR, WARNING, NEVER;

		@Override
		public String toString() {
			return name().toLowerCase(Locale.ROOT);
		}
	}

	/** Takes the levels as written in the help, in any case; a bad one is a one-line usage error. */
	static final class FailOnConverter implements ITypeConverter<FailOn> {
		@Override
		public FailOn convert(String value) {
			for (FailOn level : FailOn.values()) {
				if (level.name().equalsIgnoreCase(value)) {
					return level;
				}
			}
			throw new TypeConversionException("expected error, warning or never, but was '" + value + "'");
		}
	}

	@Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "error", converter = FailOnConverter.class,
			description = "error (default), warning or never: the lowest severity that makes the exit code 1.")
	private FailOn failOn;

	@Parameters(arity = "1..*", paramLabel = "FILE|FOLDER", description = ".ocstopo files, or folders searched for them")
	private List<Path> paths;

	@Option(names = "--debug", description = "Print the stack trace of an internal error to standard error.")
	private boolean debug;

	@Override
	public Integer call() {
		Main.debug = debug;
		// A failed check's stack trace is for ocstopo's developers: shown only when asked for.
		// Xtext's own loggers log the same failures again, stack trace and all.
		for (Logger logger : List.of(CheckFailures.LOG, Logger.getLogger(CompositeEValidator.class),
				Logger.getLogger(ResourceValidatorImpl.class))) {
			logger.setLevel(debug ? Level.ALL : Level.OFF);
		}
		List<Finding> findings = new ArrayList<>();
		Set<Path> files;
		try {
			files = InputFiles.collect(paths);
			TopologyWorkspace workspace = new TopologyWorkspace();
			for (Path file : files) {
				for (Issue issue : workspace.validate(file)) {
					Finding finding = Finding.of(file, issue);
					if (!findings.contains(finding)) {
						findings.add(finding);
					}
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
		// Fail closed: a check that could not finish may have hidden errors, so never "clean".
		// Likewise a broken policy: the files were not checked as the project asked.
		if (findings.stream().anyMatch(f -> f.ruleId().equals(Rule.INTERNAL_ERROR.id())
				|| f.ruleId().equals(Rule.POLICY_INVALID.id()))) {
			return Main.CANNOT_RUN;
		}
		boolean failing = switch (failOn) {
			case ERROR -> errors > 0;
			case WARNING -> errors + warnings > 0;
			case NEVER -> false;
		};
		return failing ? Main.FINDINGS : Main.CLEAN;
	}

	static String count(long n, String noun) {
		return n + " " + noun + (n == 1 ? "" : "s");
	}
}
