package org.ocs.topology.headless;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.ocs.topology.TopologyStandaloneSetup;
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

	public TopologyWorkspace() {
		this(new TopologyStandaloneSetup().createInjectorAndDoEMFRegistration());
	}

	public TopologyWorkspace(Injector injector) {
		this.injector = injector;
		this.resourceSet = injector.getInstance(XtextResourceSet.class);
		this.validator = injector.getInstance(IResourceValidator.class);
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
		for (Path sibling : filesOf(folder)) {
			loadFile(sibling);
		}
	}

	/** The files of one topology: the folder's .ocstopo files the project policy does not exclude, sorted. */
	public static List<Path> filesOf(Path folder) throws UnreadableInput {
		try (Stream<Path> siblings = Files.list(folder)) {
			// A file the project policy excludes is not part of the topology: its declarations resolve nothing.
			return siblings.filter(TopologyWorkspace::isTopologyFile)
					.filter(sibling -> !SuppressingResourceValidator.excluded(sibling)).sorted().toList();
		} catch (IOException e) {
			throw new UnreadableInput(folder + ": cannot list folder: " + e.getMessage());
		}
	}

	public static boolean isTopologyFile(Path path) {
		return Files.isRegularFile(path) && path.getFileName().toString().endsWith(EXTENSION);
	}

	private XtextResource loadFile(Path file) throws UnreadableInput {
		URI uri = URI.createFileURI(file.toString());
		try {
			Resource resource = resourceSet.getResource(uri, true);
			return (XtextResource) resource;
		} catch (RuntimeException e) {
			Throwable cause = e.getCause() != null ? e.getCause() : e;
			throw new UnreadableInput(file + ": cannot read file: " + cause.getMessage());
		}
	}
}
