package org.ocs.topology.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import org.eclipse.xtext.resource.XtextResource;
import org.ocs.topology.formatting2.TopologyFormatting;
import org.ocs.topology.headless.TopologyWorkspace;
import org.ocs.topology.reports.AtomicFiles;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "format", mixinStandardHelpOptions = true,
		description = { "Rewrites .ocstopo files in the canonical layout (the editor's 'format document').",
				"Files with syntax errors are left untouched and reported." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:done (with --check: every file already formatted)",
				"1:with --check: some file would change; or some file has syntax errors",
				"2:could not run (no such file, unreadable input, bad arguments), or a file to change is read-only" })
public final class FormatCommand implements Callable<Integer> {

	@Option(names = "--check", description = "Change nothing; list the files that are not formatted.")
	private boolean check;

	@Parameters(arity = "1..*", paramLabel = "FILE|FOLDER", description = ".ocstopo files, or folders searched for them")
	private List<Path> paths;

	@Override
	public Integer call() {
		int result = Main.CLEAN;
		try {
			InputFiles.Inputs inputs = InputFiles.collect(paths);
			Set<Path> files = inputs.files();
			if (!inputs.unreadable().isEmpty()) {
				result = Main.CANNOT_RUN;
			}
			TopologyWorkspace workspace = XtextSetup.workspace();
			TopologyFormatting formatting = workspace.injector().getInstance(TopologyFormatting.class);
			for (Path file : files) {
				XtextResource resource = workspace.load(file);
				String whyNot = formatting.whyNot(resource);
				if (whyNot != null) {
					System.err.println(InputFiles.shown(file) + ": not formatted: " + whyNot + " (see 'ocstopo validate')");
					result = Math.max(result, Main.FINDINGS);
					continue;
				}
				String original = TopologyFormatting.original(resource);
				String formatted = formatting.format(resource);
				if (original.equals(formatted)) {
					continue;
				}
				if (check) {
					System.out.println(InputFiles.shown(file));
					result = Math.max(result, Main.FINDINGS);
				} else {
					try {
						AtomicFiles.write(file, formatted);
						System.out.println("formatted " + InputFiles.shown(file));
					} catch (AtomicFiles.ReadOnly e) {
						// One read-only file does not stop the others; the run still says it failed.
						System.err.println("ocstopo: " + InputFiles.shown(file) + ": read-only, not changed");
						result = Main.CANNOT_RUN;
					}
				}
			}
		} catch (InputFiles.CannotRun | TopologyWorkspace.UnreadableInput e) {
			System.err.println("ocstopo: " + e.getMessage());
			return Main.CANNOT_RUN;
		} catch (IOException e) {
			System.err.println("ocstopo: cannot write " + e.getMessage());
			return Main.CANNOT_RUN;
		}
		return result;
	}
}
