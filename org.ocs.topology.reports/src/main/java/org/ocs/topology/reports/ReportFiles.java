package org.ocs.topology.reports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a report whole or not at all: a temporary file in the same folder, then a rename, so a CI
 * step never uploads half a SARIF file and a killed run leaves no stray temporary file behind.
 */
public final class ReportFiles {

	private ReportFiles() {
	}

	public static void write(Path file, String report) throws IOException {
		Path target = file.toAbsolutePath().normalize();
		Path folder = target.getParent();
		Files.createDirectories(folder);
		Path temporary = Files.createTempFile(folder, "." + target.getFileName() + ".", ".tmp");
		temporary.toFile().deleteOnExit();
		try {
			Files.writeString(temporary, report, StandardCharsets.UTF_8);
			try {
				Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			} catch (AtomicMoveNotSupportedException e) {
				Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
			}
		} finally {
			Files.deleteIfExists(temporary);
		}
	}
}
