package org.ocs.topology.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import org.apache.log4j.Level;
import org.apache.log4j.Logger;
import org.eclipse.xtext.validation.CompositeEValidator;
import org.eclipse.xtext.validation.ResourceValidatorImpl;
import org.ocs.topology.headless.TopologyWorkspace;
import org.ocs.topology.reports.CheckResult;
import org.ocs.topology.reports.CheckRun;
import org.ocs.topology.reports.FailOn;
import org.ocs.topology.reports.ReportContext;
import org.ocs.topology.reports.AtomicFiles;
import org.ocs.topology.reports.ReportFormat;
import org.ocs.topology.reports.ReportPaths;
import org.ocs.topology.validation.CheckFailures;

import com.google.inject.Injector;

import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

@Command(name = "validate", mixinStandardHelpOptions = true,
		description = { "Checks .ocstopo files and prints one line per finding:",
				"  file:line:col: severity RULE-ID message",
				"with a traced finding's hops indented under it, or reports for CI (--format).",
				"A folder is one topology: every .ocstopo file in it is read, so references across files resolve." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:no finding at or above the --fail-on level (by default: no errors)",
				"1:some finding at or above the --fail-on level",
				"2:could not run (no such file, unreadable input, bad arguments, a fix that could not be written)",
				"  or could not finish a check (an internal-error finding, whatever --fail-on says)",
				"  or the project policy (ocstopo.json) has a mistake (a policy-invalid finding)" })
public final class ValidateCommand implements Callable<Integer> {

	/** Takes the levels as written in the help, in any case; a bad one is a one-line usage error. */
	static final class FailOnConverter implements ITypeConverter<FailOn> {
		@Override
		public FailOn convert(String value) {
			return FailOn.parse(value).orElseThrow(() -> new TypeConversionException(
					"expected error, warning or never, but was '" + value + "'"));
		}
	}

	@Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "error", converter = FailOnConverter.class,
			description = "error (default), warning or never: the lowest severity that makes the exit code 1.")
	private FailOn failOn;

	@Parameters(arity = "1..*", paramLabel = "FILE|FOLDER", description = ".ocstopo files, or folders searched for them")
	private List<Path> paths;

	@Option(names = "--format", paramLabel = "FORMAT[=FILE]", converter = ReportTarget.Converter.class,
			description = { "text (default), json, sarif, junit or checkstyle; repeat for several reports.",
					"FORMAT alone goes to standard output, FORMAT=FILE to that file (written whole or not at all),",
					"e.g. --format text --format sarif=ocstopo.sarif --format junit=ocstopo-junit.xml" })
	private List<ReportTarget> formats;

	@Option(names = "--docs-url", paramLabel = "URL",
			description = "Where the rule pages are published (ending in '/'), for SARIF's helpUri; default $OCSTOPO_DOCS_URL.")
	private String docsUrl;

	@Option(names = "--debug", description = "Print the stack trace of an internal error to standard error.")
	private boolean debug;

	@Option(names = "--fix", description = { "Apply the fixes the rules mark safe ('ocstopo rules': FIXABLE --fix), each kept",
			"only if its finding goes and no other appears; write each changed file atomically, say what",
			"changed on standard error, then check again and report what is left." })
	private boolean fix;

	@Option(names = "--dry-run", description = { "With --fix: change nothing, print the fixes as a unified diff on standard",
			"output (git apply / patch -p1 take it); reports and exit code describe the files as they are." })
	private boolean dryRun;

	@Override
	public Integer call() {
		Main.debug = debug;
		// A failed check's stack trace is for ocstopo's developers: shown only when asked for.
		// Xtext's own loggers log the same failures again, stack trace and all.
		for (Logger logger : List.of(CheckFailures.LOG, Logger.getLogger(CompositeEValidator.class),
				Logger.getLogger(ResourceValidatorImpl.class))) {
			logger.setLevel(debug ? Level.ALL : Level.OFF);
		}
		List<ReportTarget> targets = formats == null || formats.isEmpty()
				? List.of(new ReportTarget(ReportFormat.TEXT, null)) : formats;
		if (targets.stream().filter(t -> t.file() == null).count() > 1) {
			System.err.println("ocstopo: only one --format can go to standard output; give the others a file (--format sarif=ocstopo.sarif)");
			return Main.CANNOT_RUN;
		}
		if (dryRun && !fix) {
			System.err.println("ocstopo: --dry-run goes with --fix: 'ocstopo validate --fix --dry-run FOLDER' prints the fixes as a diff");
			return Main.CANNOT_RUN;
		}
		if (dryRun && formats != null && formats.stream().anyMatch(t -> t.file() == null)) {
			System.err.println("ocstopo: --fix --dry-run prints the diff on standard output; give reports a file (--format sarif=ocstopo.sarif)");
			return Main.CANNOT_RUN;
		}
		if (dryRun && (formats == null || formats.isEmpty())) {
			targets = List.of();
		}
		CheckResult result;
		boolean written = true;
		List<String> unreadable;
		try {
			InputFiles.Inputs inputs = InputFiles.collect(paths);
			Set<Path> files = inputs.files();
			unreadable = inputs.unreadable();
			TopologyWorkspace workspace;
			if (fix) {
				// The editors' quick fixes need the IDE injector (Main started it so); it serves the check after the fixes too.
				Injector ide = XtextSetup.injector(true);
				written = new FixRun(ide, ReportPaths.workingFolder(), System.err).fix(List.copyOf(files), dryRun, System.out);
				workspace = new TopologyWorkspace(ide);
			} else {
				workspace = XtextSetup.workspace();
			}
			result = new CheckRun(workspace).check(files);
		} catch (InputFiles.CannotRun | TopologyWorkspace.UnreadableInput e) {
			System.err.println("ocstopo: " + e.getMessage());
			return Main.CANNOT_RUN;
		}
		ReportContext context = new ReportContext(ReportPaths.workingFolder(), failOn,
				docsUrl != null ? docsUrl : System.getenv("OCSTOPO_DOCS_URL"));
		for (ReportTarget target : targets) {
			String report = target.format().render(result, context);
			if (target.file() == null) {
				System.out.print(report);
				System.out.flush();
			} else {
				try {
					AtomicFiles.write(target.file(), report);
				} catch (IOException e) {
					System.err.println("ocstopo: " + target.file() + ": cannot write the " + target.format().id() + " report: "
							+ e.getMessage());
					return Main.CANNOT_RUN;
				}
			}
		}
		System.err.println(result.summary());
		if (!unreadable.isEmpty()) {
			// Fail closed: a file that could not be read may hold errors.
			System.err.println("ocstopo: " + count(unreadable.size(), "file") + " could not be read (see above)");
			return Main.CANNOT_RUN;
		}
		if (!written) {
			return Main.CANNOT_RUN;
		}
		// Fail closed: a check that could not finish may have hidden errors, so never "clean".
		return result.exitCode(failOn);
	}

	static String count(long n, String noun) {
		return n + " " + noun + (n == 1 ? "" : noun.endsWith("x") || noun.endsWith("s") ? "es" : "s");
	}
}
