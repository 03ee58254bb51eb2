package org.ocs.topology.reports;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;

/**
 * Writes a file whole or not at all, for reports, {@code ocstopo format} and fixes: a temporary
 * file in the same folder, flushed to disk, then renamed over the target, so a killed run leaves
 * the old or the new file and no stray temporary one. An existing file keeps its permissions and,
 * where the process may, its owner and group; a symlink's target is written, the link stays a
 * link; a file without write permission for its owner is refused, not overwritten (root ignores
 * access(2), so the permission bits are read, not asked).
 */
public final class AtomicFiles {

	/** The file may not be written; the message names it. */
	public static final class ReadOnly extends IOException {
		private static final long serialVersionUID = 1L;

		ReadOnly(Path file) {
			super(file + ": read-only, not changed");
		}
	}

	private AtomicFiles() {
	}

	/** Whether {@link #write} would take this existing file (or its link's target), by the same test. */
	public static boolean writable(Path file) {
		try {
			Path target = file.toAbsolutePath().normalize().toRealPath();
			PosixFileAttributeView view = Files.getFileAttributeView(target, PosixFileAttributeView.class);
			return view != null ? view.readAttributes().permissions().contains(PosixFilePermission.OWNER_WRITE)
					: Files.isWritable(target);
		} catch (IOException gone) {
			return false;
		}
	}

	/** A temporary file older than this is one a killed run (SIGKILL, power loss) left; younger may be another run's. */
	private static final long STALE_MILLIS = 60_000;

	/**
	 * Removes what a killed earlier write of the same file left: only a SIGKILL or a crash of the
	 * machine skips the clean-up below and the shutdown hook, so the next write does it.
	 */
	private static void sweepStaleTemporaries(Path folder, String name) {
		String prefix = "." + name + ".";
		long now = System.currentTimeMillis();
		try (java.util.stream.Stream<Path> siblings = Files.list(folder)) {
			for (Path sibling : (Iterable<Path>) siblings::iterator) {
				String candidate = sibling.getFileName().toString();
				if (candidate.startsWith(prefix) && candidate.endsWith(".tmp")
						&& candidate.substring(prefix.length(), candidate.length() - 4).matches("[0-9]+")
						&& now - Files.getLastModifiedTime(sibling, LinkOption.NOFOLLOW_LINKS).toMillis() > STALE_MILLIS) {
					Files.deleteIfExists(sibling);
				}
			}
		} catch (IOException | RuntimeException e) {
			// Tidying is a courtesy: the write itself does not depend on it.
		}
	}

	public static void write(Path file, String text) throws IOException {
		Path target = file.toAbsolutePath().normalize();
		if (Files.exists(target)) {
			// The link's target is what the user edits; replacing the link by a file would break it.
			target = target.toRealPath();
		}
		Path folder = target.getParent();
		Files.createDirectories(folder);
		PosixFileAttributes existing = null;
		if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
			PosixFileAttributeView view = Files.getFileAttributeView(target, PosixFileAttributeView.class);
			if (view != null) {
				existing = view.readAttributes();
				if (!existing.permissions().contains(PosixFilePermission.OWNER_WRITE)) {
					throw new ReadOnly(file);
				}
			} else if (!Files.isWritable(target)) {
				throw new ReadOnly(file);
			}
		}
		sweepStaleTemporaries(folder, target.getFileName().toString());
		Path temporary = Files.createTempFile(folder, "." + target.getFileName() + ".", ".tmp");
		temporary.toFile().deleteOnExit();
		try {
			try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
				ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
				while (bytes.hasRemaining()) {
					channel.write(bytes);
				}
				channel.force(true);
			}
			if (existing != null) {
				PosixFileAttributeView view = Files.getFileAttributeView(temporary, PosixFileAttributeView.class);
				view.setPermissions(existing.permissions());
				try {
					view.setGroup(existing.group());
					view.setOwner(existing.owner());
				} catch (IOException | UnsupportedOperationException e) {
					// Only root may give a file away; a user's own file keeps its owner anyway.
				}
			} else if (Files.getFileAttributeView(temporary, PosixFileAttributeView.class) != null) {
				// A new file gets what the umask usually gives, not createTempFile's 0600.
				Files.setPosixFilePermissions(temporary, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
			}
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
