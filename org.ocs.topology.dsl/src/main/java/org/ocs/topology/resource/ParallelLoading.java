package org.ocs.topology.resource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EClassifier;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.xtext.resource.XtextResource;
import org.ocs.topology.topology.TopologyPackage;

/**
 * Loads files into a resource set with every core parsing: each file's read, parse and lazy links
 * are its own, so files are loaded several at once, while the set itself is changed by the calling
 * thread only (its resources are made there, in the files' order, so the set is the same as one
 * loaded file by file). A folder of 5,000 small files spent half of {@code ocstopo validate}'s time
 * after start-up parsing them one at a time.
 */
public final class ParallelLoading {

	private ParallelLoading() {
	}

	/** Fewer files than this are loaded on the calling thread. */
	private static final int FEW = 2;

	private static final AtomicBoolean METADATA_READY = new AtomicBoolean();

	/**
	 * Loads each file not yet loaded into {@code set}, as {@code set.getResource(uri, true)} would;
	 * a file that cannot be read or parsed is taken out of the set again (EMF would leave it marked
	 * loaded, empty). Returns the files that could not be loaded with why, in the files' order; an
	 * Error (out of memory, a stack overflow) is thrown as it was, once every thread has stopped.
	 * With the set's option to resolve every link on load, files are loaded one after another:
	 * that resolution reaches into the other files.
	 */
	public static Map<Path, Exception> load(ResourceSet set, List<Path> files) {
		List<Path> toLoad = new ArrayList<>();
		List<Resource> resources = new ArrayList<>();
		java.util.Set<Resource> queued = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
		for (Path file : files) {
			URI uri = URI.createFileURI(file.toString());
			Resource resource = set.getResource(uri, false);
			if (resource == null) {
				resource = set.createResource(uri);
				if (resource == null) {
					throw new IllegalStateException("no resource factory for " + uri);
				}
			}
			if (!resource.isLoaded() && queued.add(resource)) {
				toLoad.add(file);
				resources.add(resource);
			}
		}
		Map<?, ?> options = set.getLoadOptions();
		AtomicReferenceArray<Throwable> failures = new AtomicReferenceArray<>(toLoad.size());
		AtomicBoolean stop = new AtomicBoolean();
		boolean resolvesOnLoad = Boolean.TRUE.equals(options.get(XtextResource.OPTION_RESOLVE_ALL));
		if (toLoad.size() >= FEW && Runtime.getRuntime().availableProcessors() > 1 && !resolvesOnLoad) {
			prepareMetadata();
			// The first file alone: the singletons a parse and its links share make their caches on
			// first use. (Xtext's linker keeps a cache made unguarded on first use, for references to
			// abstract types; this grammar has none.)
			loadOne(toLoad.get(0), resources.get(0), options, failures, 0, stop);
			IntStream.range(1, toLoad.size()).parallel().forEach(i -> loadOne(toLoad.get(i), resources.get(i), options, failures, i, stop));
		} else {
			IntStream.range(0, toLoad.size()).forEach(i -> loadOne(toLoad.get(i), resources.get(i), options, failures, i, stop));
		}
		Map<Path, Exception> unreadable = new LinkedHashMap<>();
		for (int i = 0; i < toLoad.size(); i++) {
			Throwable failure = failures.get(i);
			if (failure instanceof Error error) {
				throw error;
			}
			if (failure != null) {
				unreadable.put(toLoad.get(i), (Exception) failure);
				set.getResources().remove(resources.get(i));
			}
		}
		return unreadable;
	}

	private static void loadOne(Path file, Resource resource, Map<?, ?> options, AtomicReferenceArray<Throwable> failures, int index,
			AtomicBoolean stop) {
		if (stop.get()) {
			return;
		}
		try {
			try {
				resource.load(new ByteArrayInputStream(Files.readAllBytes(file)), options);
			} catch (IOException | RuntimeException e) {
				failures.set(index, e); // the file's own failure: named by the caller
				return;
			}
			listNames(resource);
		} catch (Error e) {
			// Out of memory or a stack overflow: the other threads stop, the caller throws it.
			stop.set(true);
			failures.set(index, e);
		}
	}

	/**
	 * The file's exported names, while no other thread looks at it: the folder's scope lists every
	 * file's, and listing them one file after another was a third of linking a 100,000-line folder.
	 * Kept in the file's own cache, as Xtext keeps them. A failure here is not the file's: the names
	 * are then listed when the scope asks, where a failure is told as any other.
	 */
	private static void listNames(Resource resource) {
		if (resource instanceof XtextResource xtext && xtext.getResourceServiceProvider() != null) {
			try {
				xtext.getResourceServiceProvider().getResourceDescriptionManager().getResourceDescription(xtext).getExportedObjects();
			} catch (RuntimeException listedLater) {
				org.apache.log4j.Logger.getLogger(ParallelLoading.class)
						.debug("names of " + resource.getURI() + " left to be listed when asked: " + listedLater);
			}
		}
	}

	/**
	 * EMF works out a class's features on first use and keeps them; doing that on two threads at
	 * once is not safe, so it is done here, once, before any file is parsed off this thread.
	 */
	private static void prepareMetadata() {
		if (METADATA_READY.get()) {
			return;
		}
		synchronized (METADATA_READY) {
			for (EClassifier classifier : TopologyPackage.eINSTANCE.getEClassifiers()) {
				if (classifier instanceof EClass type) {
					type.getEAllSuperTypes();
					type.getEAllStructuralFeatures();
					type.getEAllAttributes();
					type.getEAllReferences();
					type.getEAllContainments();
					type.getEAllOperations();
					type.getFeatureCount();
					type.getEIDAttribute();
					type.getEAllGenericSuperTypes();
					type.getEStructuralFeature("name"); // builds the class's map of features by name
					for (org.eclipse.emf.ecore.EReference reference : type.getEAllReferences()) {
						reference.getEReferenceType();
					}
				}
			}
			METADATA_READY.set(true);
		}
	}
}
