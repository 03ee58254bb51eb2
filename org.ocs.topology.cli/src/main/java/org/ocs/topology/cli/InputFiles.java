package org.ocs.topology.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.ocs.topology.headless.TopologyWorkspace;
import org.ocs.topology.validation.SuppressingResourceValidator;

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

	static Set<Path> collect(List<Path> paths) throws CannotRun {
		Set<Path> files = new LinkedHashSet<>();
		for (Path path : paths) {
			if (!Files.exists(path)) {
				throw new CannotRun(path + ": no such file or folder");
			}
			if (Files.isDirectory(path)) {
				try (Stream<Path> walk = Files.walk(path)) {
					// The project policy's "exclude" leaves files out of a folder's search.
					walk.filter(TopologyWorkspace::isTopologyFile).filter(p -> !SuppressingResourceValidator.excluded(p)).sorted()
							.forEach(p -> files.add(p.toAbsolutePath().normalize()));
				} catch (IOException | RuntimeException e) {
					throw new CannotRun(path + ": cannot list folder: " + e.getMessage());
				}
			} else if (!path.getFileName().toString().endsWith(TopologyWorkspace.EXTENSION)) {
				throw new CannotRun(path + ": not an " + TopologyWorkspace.EXTENSION + " file");
			} else if (!Files.isReadable(path)) {
				throw new CannotRun(path + ": cannot read file");
			} else {
				files.add(path.toAbsolutePath().normalize());
			}
		}
		if (files.isEmpty()) {
			throw new CannotRun("no " + TopologyWorkspace.EXTENSION + " files in " + String.join(", ",
					paths.stream().map(Path::toString).toList()));
		}
		return files;
	}

	/** A path as the user would write it: relative to the working folder when inside it. */
	static String shown(Path file) {
		Path cwd = Path.of("").toAbsolutePath();
		return (file.startsWith(cwd) ? cwd.relativize(file) : file).toString();
	}
}
