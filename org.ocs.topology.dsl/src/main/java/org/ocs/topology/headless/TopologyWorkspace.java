package org.ocs.topology.headless;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.ocs.topology.TopologyStandaloneSetup;
import org.ocs.topology.policy.PolicyFiles;
import org.ocs.topology.resource.ParallelLoading;
import org.ocs.topology.validation.SuppressingResourceValidator;

import com.google.inject.Injector;

/**
 * The language's Xtext services without a language server, for the command line, build plugins
 * and tests: one resource set in which every folder holding a requested file is loaded whole, so
 * that references across the files of a topology resolve.
 */
public final class TopologyWorkspace {

	public static final String EXTENSION = ".ocstopo";

	/** A file or folder that cannot be read; the message names it. */
	public static final class UnreadableInput extends Exception {
		private static final long serialVersionUID = 1L;

		public UnreadableInput(String message) {
			super(message);
		}
	}

	private final Injector injector;
	private final XtextResourceSet resourceSet;
	private final IResourceValidator validator;
	private final Set<Path> loadedFolders = new HashSet<>();
	/** A workspace reads each file once, and each folder's policy once. */
	private final PolicyFiles.Snapshot policies;

	public TopologyWorkspace() {
		this(new TopologyStandaloneSetup().createInjectorAndDoEMFRegistration());
	}

	public TopologyWorkspace(Injector injector) {
		this.injector = injector;
		this.resourceSet = injector.getInstance(XtextResourceSet.class);
		this.validator = injector.getInstance(IResourceValidator.class);
		this.policies = SuppressingResourceValidator.readPoliciesOnce(resourceSet);
	}

	public Injector injector() {
		return injector;
	}

	/** Validates one file, with the other files of its folder loaded for reference resolution. */
	public List<Issue> validate(Path file) throws UnreadableInput {
		return validator.validate(load(file), CheckMode.ALL, CancelIndicator.NullImpl);
	}

	/** Loads a file and every other .ocstopo file of its folder. */
	public XtextResource load(Path file) throws UnreadableInput {
		Path absolute = file.toAbsolutePath().normalize();
		loadFolder(absolute.getParent());
		return loadFile(absolute);
	}

	private void loadFolder(Path folder) throws UnreadableInput {
		if (folder == null || !loadedFolders.add(folder)) {
			return;
		}
		loadAll(filesOf(folder, policies));
	}

	/** Loads files (several parsed at once); the first that cannot be read, in their order, is thrown. */
	private void loadAll(List<Path> files) throws UnreadableInput {
		java.util.Map<Path, Exception> unreadable = ParallelLoading.load(resourceSet, files);
		if (!unreadable.isEmpty()) {
			var first = unreadable.entrySet().iterator().next();
			Throwable cause = first.getValue().getCause() != null ? first.getValue().getCause() : first.getValue();
			throw new UnreadableInput(first.getKey() + ": cannot read file: " + problem(first.getKey(), cause));
		}
	}

	/**
	 * Loads every .ocstopo file of a folder that the project policy does not exclude, as a check of
	 * one of them does; its resources in the files' order.
	 */
	public List<XtextResource> loadFolderOf(Path folder) throws UnreadableInput {
		Path absolute = folder.toAbsolutePath().normalize();
		List<Path> files = filesOf(absolute, policies);
		if (loadedFolders.add(absolute)) {
			loadAll(files);
		}
		List<XtextResource> resources = new java.util.ArrayList<>();
		for (Path file : files) {
			resources.add(loadFile(file));
		}
		return resources;
	}

	/** The files of one topology: the folder's .ocstopo files the project policy does not exclude, sorted. */
	public static List<Path> filesOf(Path folder) throws UnreadableInput {
		return filesOf(folder, SuppressingResourceValidator.policySnapshot());
	}

	private static List<Path> filesOf(Path folder, PolicyFiles.Snapshot policies) throws UnreadableInput {
		try (Stream<Path> siblings = Files.list(folder)) {
			// A file the project policy excludes is not part of the topology: its declarations resolve nothing.
			List<Path> named = siblings.filter(sibling -> sibling.getFileName().toString().endsWith(EXTENSION))
					.filter(sibling -> !policies.excluded(sibling)).toList();
			// Each file's type and permission asked of the file system on every core: two calls a file,
			// a tenth of loading a folder of 5,000 small files when asked one after another.
			return named.parallelStream().filter(sibling -> problem(sibling) == null).sorted().toList();
		} catch (IOException | java.io.UncheckedIOException e) {
			throw new UnreadableInput(folder + ": cannot list folder: " + problem(folder, e));
		}
	}

	/** A readable regular file named *.ocstopo: never a named pipe or device (opening one waits for ever). */
	public static boolean isTopologyFile(Path path) {
		return path.getFileName().toString().endsWith(EXTENSION) && problem(path) == null;
	}

	/**
	 * What a search of folders found: the files to check, the files that could not be read (the run
	 * cannot call them clean: it fails once the others are checked), and what was passed over
	 * (named pipes, sockets and devices named *.ocstopo), each with its reason.
	 */
	public record Search(List<Path> files, List<String> unreadable, List<String> passedOver) {
	}

	/** The .ocstopo files under folders, sorted, the project policy's exclusions left out. */
	public static Search search(List<Path> folders) throws UnreadableInput {
		java.util.TreeSet<Path> files = new java.util.TreeSet<>();
		List<String> unreadable = new java.util.ArrayList<>();
		List<String> passedOver = new java.util.ArrayList<>();
		PolicyFiles.Snapshot policies = SuppressingResourceValidator.policySnapshot();
		for (Path folder : folders) {
			try (Stream<Path> walk = Files.walk(folder)) {
				for (Path path : walk.filter(p -> p.getFileName().toString().endsWith(EXTENSION))
						.filter(p -> !policies.excluded(p)).sorted().toList()) {
					String problem = problem(path);
					if (problem == null) {
						files.add(path.toAbsolutePath().normalize());
					} else if (problem.equals(NOT_A_FILE)) {
						passedOver.add(path + ": " + problem + ", passed over");
					} else if (!Files.isDirectory(path)) {
						unreadable.add(path + ": " + problem);
					}
				}
			} catch (IOException | java.io.UncheckedIOException e) {
				throw new UnreadableInput(folder + ": cannot list folder: " + problem(folder, e.getCause() != null ? e.getCause() : e));
			}
		}
		return new Search(List.copyOf(files), unreadable, passedOver);
	}

	private static final String NOT_A_FILE = "not a regular file (a named pipe, socket or device)";

	/**
	 * Why a path cannot be read as a topology file, in the user's words, or null if it can: opening
	 * a named pipe or a device would wait for ever; a broken link or a file without read permission
	 * is said as such.
	 */
	public static String problem(Path file) {
		java.nio.file.attribute.BasicFileAttributes attributes;
		try {
			attributes = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
		} catch (IOException e) {
			return problem(file, e);
		}
		if (attributes.isDirectory()) {
			return "a folder";
		}
		if (!attributes.isRegularFile()) {
			return NOT_A_FILE;
		}
		if (!Files.isReadable(file)) {
			return "permission denied";
		}
		return null;
	}

	/** An I/O failure on a path as the user would say it. */
	public static String problem(Path path, Throwable e) {
		if (e instanceof java.nio.file.AccessDeniedException) {
			return "permission denied";
		}
		if (e instanceof java.nio.file.NoSuchFileException) {
			if (Files.isSymbolicLink(path)) {
				try {
					return "a symbolic link to " + Files.readSymbolicLink(path) + ", which does not exist";
				} catch (IOException unreadableLink) {
					return "a broken symbolic link";
				}
			}
			return "no such file or folder";
		}
		if (e instanceof java.nio.file.FileSystemLoopException) {
			return "a loop of symbolic links";
		}
		return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
	}

	private XtextResource loadFile(Path file) throws UnreadableInput {
		loadAll(List.of(file));
		return (XtextResource) resourceSet.getResource(URI.createFileURI(file.toString()), false);
	}
}
