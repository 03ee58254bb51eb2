package org.ocs.topology.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.ocs.topology.headless.TopologyWorkspace;
import org.ocs.topology.ide.fix.SafeFixes;
import org.ocs.topology.reports.AtomicFiles;
import org.ocs.topology.reports.ReportPaths;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import com.google.inject.Injector;

/**
 * {@code validate --fix}: plans the safe fixes in memory, then either writes each changed file
 * atomically or, with {@code --dry-run}, prints them as one unified diff. What was done goes to
 * standard error, one line a fix, so that standard output stays a report (or the diff).
 */
final class FixRun {

	private final Injector ide;
	private final ReportPaths paths;
	private final PrintStream log;

	FixRun(Injector ide, ReportPaths paths, PrintStream log) {
		this.ide = ide;
		this.paths = paths;
		this.log = log;
	}

	/** Returns false when a changed file could not be written (each failure is said on the log). */
	boolean fix(List<Path> files, boolean dryRun, PrintStream diffOut) throws TopologyWorkspace.UnreadableInput {
		SafeFixes.Plan plan = new SafeFixes(ide).plan(files, AtomicFiles::writable);
		String verb = dryRun ? "would fix" : "fixed";
		for (SafeFixes.Applied fix : plan.applied()) {
			log.println(verb + " " + paths.shown(fix.file()) + ":" + fix.line() + ":" + fix.column() + ": " + fix.rule() + ": "
					+ fix.label());
		}
		for (SafeFixes.Skipped skip : plan.skipped()) {
			log.println("not fixed " + paths.shown(skip.file()) + ":" + skip.line() + ":" + skip.column() + ": " + skip.rule()
					+ ": " + skip.reason());
		}
		Map<Path, String> changed = plan.changed();
		log.println((dryRun ? "--fix --dry-run: " : "--fix: ") + ValidateCommand.count(plan.applied().size(), "fix")
				+ (dryRun ? " would change " : " changed ") + ValidateCommand.count(changed.size(), "file")
				+ (plan.skipped().isEmpty() ? "" : "; " + ValidateCommand.count(plan.skipped().size(), "finding")
						+ " of a fixable rule left for a person"));
		if (dryRun) {
			changed.forEach((file, text) -> unifiedDiff(file, plan.before().get(file), text).forEach(diffOut::println));
			diffOut.flush();
			return true;
		}
		boolean written = true;
		for (Map.Entry<Path, String> file : changed.entrySet()) {
			try {
				AtomicFiles.write(file.getKey(), file.getValue());
			} catch (IOException e) {
				log.println("ocstopo: " + paths.shown(file.getKey()) + ": cannot write the fixes: " + e.getMessage());
				written = false;
			}
		}
		return written;
	}

	/** Git's form ({@code a/} and {@code b/} prefixes), so that {@code git apply} or {@code patch -p1} take it. */
	List<String> unifiedDiff(Path file, String before, String after) {
		String name = paths.shown(file);
		boolean relative = paths.inside(file);
		List<String> original = lines(before);
		List<String> revised = lines(after);
		Patch<String> patch = DiffUtils.diff(original, revised);
		List<String> diff = new ArrayList<>(UnifiedDiffUtils.generateUnifiedDiff(relative ? "a/" + name : name,
				relative ? "b/" + name : name, original, patch, 3));
		return diff;
	}

	/** Lines without their terminator; a final newline ends the last line, it does not start another. */
	private static List<String> lines(String text) {
		List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
		if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
			lines.remove(lines.size() - 1);
		}
		return lines;
	}
}
