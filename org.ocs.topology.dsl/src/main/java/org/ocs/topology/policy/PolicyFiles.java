package org.ocs.topology.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the policy that governs a file: the nearest {@code ocstopo.json} or {@code .ocstopo.json}
 * in its folder or a folder above, stopping after a folder that holds {@code .git} (the
 * repository's root) or at the filesystem root. Each policy file is read again when its
 * modification time or size changes, so the language server can ask on every validation, or when
 * told that policy files changed ({@link #forget()}: a client's file watcher knows even when a
 * rewrite keeps both).
 */
public final class PolicyFiles {

	private record Cached(FileTime modified, long size, ProjectPolicy policy) {
	}

	private final Map<Path, Cached> cache = new ConcurrentHashMap<>();

	/** The policy governing a file (the file need not exist). */
	public Optional<ProjectPolicy> forFile(Path file) {
		return forFolder(file.toAbsolutePath().normalize().getParent());
	}

	private Optional<ProjectPolicy> forFolder(Path start) {
		for (Path folder = start; folder != null; folder = folder.getParent()) {
			for (String name : ProjectPolicy.FILE_NAMES) {
				Path candidate = folder.resolve(name);
				if (Files.isRegularFile(candidate)) {
					return Optional.of(read(candidate));
				}
			}
			if (Files.exists(folder.resolve(".git"))) {
				break;
			}
		}
		return Optional.empty();
	}

	/**
	 * Reads every policy file again at the next question, whatever its time and size say. All of
	 * them, not the one named in a change: the client may name it by another path (a link), and
	 * reading a few small files again costs nothing.
	 */
	public void forget() {
		cache.clear();
	}

	/** Whether the policy governing a file leaves it out. */
	public boolean excluded(Path file) {
		return forFile(file).map(policy -> policy.excludes(file)).orElse(false);
	}

	/**
	 * Answers for one view of the disk that does not change, such as a command-line run, which
	 * reads each file once: each folder's policy is looked up once. Asking again for every file cost
	 * three to nine file-system calls a file (each name in each folder up to the repository's root),
	 * 15% of validating a folder of 5,000 one-server files.
	 */
	public Snapshot snapshot() {
		return new Snapshot();
	}

	/** The policies as the disk had them when each folder was first asked about. */
	public final class Snapshot {
		private final Map<Path, Optional<ProjectPolicy>> byFolder = new ConcurrentHashMap<>();

		private Snapshot() {
		}

		public Optional<ProjectPolicy> forFile(Path file) {
			Path folder = file.toAbsolutePath().normalize().getParent();
			if (folder == null) {
				return Optional.empty();
			}
			return byFolder.computeIfAbsent(folder, PolicyFiles.this::forFolder);
		}

		public boolean excluded(Path file) {
			return forFile(file).map(policy -> policy.excludes(file)).orElse(false);
		}
	}

	private ProjectPolicy read(Path file) {
		try {
			BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
			Cached cached = cache.get(file);
			if (cached != null && cached.modified().equals(attributes.lastModifiedTime())
					&& cached.size() == attributes.size()) {
				return cached.policy();
			}
			ProjectPolicy policy = ProjectPolicy.read(file);
			cache.put(file, new Cached(attributes.lastModifiedTime(), attributes.size(), policy));
			return policy;
		} catch (IOException | RuntimeException e) {
			// An unreadable policy is a mistake to report, never a policy silently skipped.
			return ProjectPolicy.unreadable(file, e.getMessage());
		}
	}

}
