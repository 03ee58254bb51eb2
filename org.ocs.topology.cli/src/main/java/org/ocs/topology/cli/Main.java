package org.ocs.topology.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ocstopo}: the command line. Exit codes: 0 clean, 1 findings (errors, or what {@code --fail-on}
 * names), 2 could not run or could not finish a check.
 */
@Command(name = "ocstopo", mixinStandardHelpOptions = true, version = "ocstopo 0.1.0",
		description = "Validates OCS 2007 R2 / Lync Server 2010 topologies written in .ocstopo files.")
public final class Main implements Runnable {

	public static final int CLEAN = 0;
	public static final int FINDINGS = 1;
	public static final int CANNOT_RUN = 2;

	/**
	 * The subcommands, by name, in the order of the help. Each is built (picocli reads its annotations
	 * by reflection) only when needed: the one named first, or all of them when the first argument names
	 * none (the help lists them, a mistyped name gets the closest).
	 */
	private static final Map<String, Supplier<Object>> SUBCOMMANDS = new LinkedHashMap<>();
	static {
		SUBCOMMANDS.put("validate", ValidateCommand::new);
		SUBCOMMANDS.put("format", FormatCommand::new);
		SUBCOMMANDS.put("rules", RulesCommand::new);
		SUBCOMMANDS.put("explain", ExplainCommand::new);
		SUBCOMMANDS.put("trace", TraceCommand::new);
	}

	/** The subcommands that need the language's Xtext services: those set up from the start. */
	private static final Set<String> READS_TOPOLOGIES = Set.of("validate", "format", "trace");

	/** Set by {@code --debug}: stack traces go to standard error. */
	static volatile boolean debug;

	@Override
	public void run() {
		throw new CommandLine.ParameterException(new CommandLine(this), "Missing command: try 'ocstopo validate <files or folders>'");
	}

	public static void main(String[] args) {
		System.exit(execute(args));
	}

	static int execute(String[] args) {
		String named = args.length > 0 ? args[0] : "";
		if (READS_TOPOLOGIES.contains(named)) {
			// First, before picocli reads its annotations: the set-up is the longest part of a short run.
			// validate --fix needs the editors' quick fixes: set up once, with them, not twice.
			XtextSetup.start(java.util.Arrays.asList(args).contains("--fix"));
		}
		CommandLine commandLine = new CommandLine(new Main());
		SUBCOMMANDS.forEach((name, command) -> {
			if (named.equals(name) || !SUBCOMMANDS.containsKey(named)) {
				commandLine.addSubcommand(name, command.get());
			}
		});
		// Usage mistakes are "could not run"; no stack trace ever reaches the user.
		commandLine.setParameterExceptionHandler((ex, a) -> {
			System.err.println("ocstopo: " + ex.getMessage());
			return CANNOT_RUN;
		});
		commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
			return internalError(ex);
		});
		try {
			return commandLine.execute(args);
		} catch (Throwable failure) {
			// picocli hands only Exceptions to the handler: out of memory, a stack overflow and other
			// Errors arrive here. Exit 1 would read "the topology has errors", so exit 2, in one line.
			return internalError(failure);
		}
	}

	private static int internalError(Throwable failure) {
		if (failure instanceof OutOfMemoryError) {
			System.err.println("ocstopo: out of memory (" + failure.getMessage()
					+ "); give Java more with JAVA_TOOL_OPTIONS=-Xmx<size>, or check fewer files at once");
		} else {
			System.err.println("ocstopo: internal error: " + failure);
		}
		if (debug) {
			failure.printStackTrace();
		}
		return CANNOT_RUN;
	}
}
