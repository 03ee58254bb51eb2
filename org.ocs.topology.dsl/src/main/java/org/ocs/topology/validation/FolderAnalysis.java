package org.ocs.topology.validation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.eclipse.emf.ecore.resource.Resource;
import java.util.Map;

import org.apache.log4j.Logger;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.ocs.topology.analysis.routing.PoolTraffic;
import org.ocs.topology.resource.PerResourceSet;
import org.ocs.topology.resource.TopologyResource;
import org.ocs.topology.scoping.TopologyFolder;
import org.ocs.topology.topology.Model;

import com.google.inject.Singleton;

/**
 * Runs the folder-wide checks once per state of a folder. Validating each of a folder's N files
 * would otherwise rebuild the network and re-trace every pool N times. The state is the identity
 * of the folder's parsed models and how many times each was parsed: an edit re-parses a file into a
 * new model, or (the language server's partial parse) part of the same model. The cache lives on
 * the resource set, so it goes when the resource set goes.
 */
@Singleton
public class FolderAnalysis {

	private static final Logger LOG = Logger.getLogger(FolderAnalysis.class);

	private static final class Cache {
		final Map<URI, Entry> byFolder = new HashMap<>();
		/** Each folder's pool traffic, carried from one state to the next (none for a folder's first state). */
		final Map<URI, PoolTraffic.Memo> trafficByFolder = new java.util.concurrent.ConcurrentHashMap<>();
	}

	/** Each resource set's cache, in the holder the set is made with (reads in parallel must add no adapter). */
	private static final PerResourceSet<Cache> CACHES = new PerResourceSet<>();

	/** One state of a folder: its models, and the findings of the folder-wide checks by file. */
	private static final class Entry {
		private final List<Model> listed;
		private final Set<Model> models = Collections.newSetFromMap(new IdentityHashMap<>());
		private final Map<Resource, List<FolderFinding>> byResource = new IdentityHashMap<>();
		private final List<FolderFinding> failures = new ArrayList<>();
		/** Each model's parse count when analysed, in the order of {@link #listed}. */
		private final long[] generations;
		/** The JVM's count of content changes when the generations were last found unchanged. */
		private long changesSeen;

		Entry(List<Model> models, List<FolderFinding> findings) {
			this.listed = models;
			this.models.addAll(models);
			this.changesSeen = TopologyResource.contentsChanges();
			this.generations = generations(models);
			for (FolderFinding finding : findings) {
				if (finding.isFailure()) {
					failures.add(finding);
				} else if (finding.object().eResource() != null) {
					byResource.computeIfAbsent(finding.object().eResource(), r -> new ArrayList<>()).add(finding);
				}
			}
		}

		/** Whether this is the state of the folder these models make (the same models, by identity). */
		boolean isFor(List<Model> current) {
			if (current != listed) {
				if (current.size() != models.size()) {
					return false;
				}
				for (Model model : current) {
					if (!models.contains(model)) {
						return false;
					}
				}
			}
			// The same models (the folder's list, unchanged since, or the same set): no file changed
			// since? Asked once per file validated, so the models are compared only after a change.
			long changes = TopologyResource.contentsChanges();
			if (changes == changesSeen) {
				return true;
			}
			if (!java.util.Arrays.equals(generations, generations(listed))) {
				return false;
			}
			changesSeen = changes;
			return true;
		}

		private static long[] generations(List<Model> models) {
			long[] generations = new long[models.size()];
			for (int i = 0; i < generations.length; i++) {
				generations[i] = models.get(i).eResource() instanceof TopologyResource resource ? resource.generation() : -1;
			}
			return generations;
		}

		List<FolderFinding> of(Resource resource) {
			List<FolderFinding> own = byResource.getOrDefault(resource, List.of());
			if (failures.isEmpty()) {
				return own;
			}
			List<FolderFinding> all = new ArrayList<>(failures);
			all.addAll(own);
			return all;
		}
	}

	/**
	 * The pool traffic written down in the last analysis of a file's folder, with how many pools it
	 * reused and traced (for tests and measurements; read it while no validation runs): null for a
	 * folder never analysed, and one that reused nothing after its first state.
	 */
	public static PoolTraffic.Memo poolTraffic(Resource resource) {
		ResourceSet resourceSet = resource.getResourceSet();
		Cache cache = resourceSet == null ? null : CACHES.get(resourceSet);
		return cache == null ? null : cache.trafficByFolder.get(TopologyFolder.folderOf(resource.getURI()));
	}

	/**
	 * The folder-wide findings on the objects of one file of the folder (a failed check's finding
	 * concerns every file). Looking up a folder's state costs a pass over its models by identity;
	 * the network is built and traced only when the state is new, so validating each of a folder's
	 * N files costs one analysis, not N.
	 */
	public synchronized List<FolderFinding> findings(List<Model> models, Resource of) {
		if (models.isEmpty() || models.get(0).eResource() == null) {
			return List.of();
		}
		ResourceSet resourceSet = models.get(0).eResource().getResourceSet();
		if (resourceSet == null) {
			return new Entry(models, FolderChecks.run(TopologyModel.of(models))).of(of);
		}
		Cache cache = CACHES.get(resourceSet, Cache::new);
		URI folder = TopologyFolder.folderOf(models.get(0).eResource().getURI());
		Entry entry = cache.byFolder.get(folder);
		if (entry == null || !entry.isFor(models)) {
			// A folder's first state traces every pool without writing down what it looked up: the
			// command line and the build plugin see only that one. From the second state on (an
			// editor's edits), each state's traces serve the next.
			PoolTraffic.Memo previous = cache.trafficByFolder.get(folder);
			PoolTraffic.Memo memo = previous == null ? new PoolTraffic.Memo() : previous.next();
			cache.trafficByFolder.put(folder, memo);
			entry = new Entry(models, FolderChecks.run(TopologyModel.of(models, previous == null ? null : memo)));
			cache.byFolder.put(folder, entry);
			if (previous != null && LOG.isDebugEnabled()) {
				LOG.debug("pool traffic of " + folder + ": " + memo.reused() + " pools reused, " + memo.traced() + " traced");
			}
		}
		return entry.of(of);
	}
}
