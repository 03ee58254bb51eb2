package org.ocs.topology.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.ocs.topology.TopologyStandaloneSetup;

import com.google.inject.Injector;

/**
 * The same Xtext services the language server uses, without a server: one resource set in which
 * every folder holding a requested file is loaded whole, so references across files resolve.
 */
final class TopologyWorkspace {

	static final class UnreadableInput extends Exception {
		private static final long serialVersionUID = 1L;

		UnreadableInput(String message) {
			super(message);
		}
	}

	private final Injector injector = new TopologyStandaloneSetup().createInjectorAndDoEMFRegistration();
	private final XtextResourceSet resourceSet = injector.getInstance(XtextResourceSet.class);
	private final IResourceValidator validator = injector.getInstance(IResourceValidator.class);
	private final Set<Path> loadedFolders = new HashSet<>();

	List<Issue> validate(Path file) throws UnreadableInput {
		loadFolder(file.getParent());
		Resource resource = load(file);
		return validator.validate(resource, CheckMode.ALL, CancelIndicator.NullImpl);
	}

	private void loadFolder(Path folder) throws UnreadableInput {
		if (folder == null || !loadedFolders.add(folder)) {
			return;
		}
		try (Stream<Path> siblings = Files.list(folder)) {
			for (Path sibling : (Iterable<Path>) siblings.filter(
					p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(ValidateCommand.EXTENSION))
					.sorted()::iterator) {
				load(sibling);
			}
		} catch (IOException e) {
			throw new UnreadableInput(folder + ": cannot list folder: " + e.getMessage());
		}
	}

	private Resource load(Path file) throws UnreadableInput {
		URI uri = URI.createFileURI(file.toString());
		try {
			return resourceSet.getResource(uri, true);
		} catch (RuntimeException e) {
			Throwable cause = e.getCause() != null ? e.getCause() : e;
			throw new UnreadableInput(file + ": cannot read file: " + cause.getMessage());
		}
	}
}
