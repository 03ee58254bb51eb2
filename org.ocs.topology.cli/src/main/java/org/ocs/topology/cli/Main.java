package org.ocs.topology.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ocstopo}: the command line. Exit codes: 0 clean, 1 findings with errors, 2 could not run. */
@Command(name = "ocstopo", mixinStandardHelpOptions = true, version = "ocstopo 0.1.0",
		description = "Validates OCS 2007 R2 / Lync Server 2010 topologies written in .ocstopo files.",
		subcommands = { ValidateCommand.class, FormatCommand.class })
public final class Main implements Runnable {

	public static final int CLEAN = 0;
	public static final int FINDINGS = 1;
	public static final int CANNOT_RUN = 2;

	@Override
	public void run() {
		throw new CommandLine.ParameterException(new CommandLine(this), "Missing command: try 'ocstopo validate <files or folders>'");
	}

	public static void main(String[] args) {
		System.exit(execute(args));
	}

	static int execute(String[] args) {
		CommandLine commandLine = new CommandLine(new Main());
		// Usage mistakes are "could not run"; no stack trace ever reaches the user.
		commandLine.setParameterExceptionHandler((ex, a) -> {
			System.err.println("ocstopo: " + ex.getMessage());
			return CANNOT_RUN;
		});
		commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
			System.err.println("ocstopo: internal error: " + ex);
			return CANNOT_RUN;
		});
		return commandLine.execute(args);
	}
}
