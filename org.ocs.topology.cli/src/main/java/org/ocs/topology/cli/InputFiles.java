package org.ocs.topology.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.ocs.topology.headless.TopologyWorkspace;

/** The .ocstopo files named on the command line: files as given, folders searched recursively. */
final class InputFiles {

	/** Why the command cannot run; the message is the one line the user sees. */
	static final class CannotRun extends Exception {
		private static final long serialVersionUID = 1L;

		CannotRun(String message) {
			super(message);
		}
	}

	private InputFiles() {
	}

	/** The files to check, and the files that could not be read (the run fails once the others are checked). */
	record Inputs(Set<Path> files, List<String> unreadable) {
	}

	static Inputs collect(List<Path> paths) throws CannotRun {
		Set<Path> files = new LinkedHashSet<>();
		List<String> unreadable = new ArrayList<>();
		for (Path path : paths) {
			String problem = TopologyWorkspace.problem(path);
			if ("a folder".equals(problem)) {
				TopologyWorkspace.Search search;
				try {
					search = TopologyWorkspace.search(List.of(path));
				} catch (TopologyWorkspace.UnreadableInput e) {
					throw new CannotRun(e.getMessage());
				}
				files.addAll(search.files());
				search.passedOver().forEach(message -> System.err.println("ocstopo: " + message));
				search.unreadable().forEach(message -> System.err.println("ocstopo: " + message));
				unreadable.addAll(search.unreadable());
			} else if (problem != null && !Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
				throw new CannotRun(path + ": " + problem);
			} else if (!path.getFileName().toString().endsWith(TopologyWorkspace.EXTENSION)) {
				throw new CannotRun(path + ": not an " + TopologyWorkspace.EXTENSION + " file");
			} else if (problem != null) {
				throw new CannotRun(path + ": " + problem);
			} else {
				files.add(path.toAbsolutePath().normalize());
			}
		}
		if (files.isEmpty()) {
			throw new CannotRun("no " + (unreadable.isEmpty() ? "" : "readable ") + TopologyWorkspace.EXTENSION + " files in "
					+ String.join(", ", paths.stream().map(Path::toString).toList()));
		}
		return new Inputs(files, unreadable);
	}

	/** A path as the user would write it: relative to the working folder when inside it. */
	static String shown(Path file) {
		Path cwd = Path.of("").toAbsolutePath();
		return (file.startsWith(cwd) ? cwd.relativize(file) : file).toString();
	}
}
