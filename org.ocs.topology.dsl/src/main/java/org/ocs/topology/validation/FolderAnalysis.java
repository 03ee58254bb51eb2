package org.ocs.topology.validation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.common.notify.impl.AdapterImpl;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.ocs.topology.scoping.TopologyFolder;
import org.ocs.topology.topology.Model;

import com.google.inject.Singleton;

/**
 * Runs the folder-wide checks once per state of a folder. Validating each of a folder's N files
 * would otherwise rebuild the network and re-trace every pool N times. The state is the identity
 * of the folder's parsed models: any edit re-parses a file into a new model. The cache lives on the
 * resource set, so it goes when the resource set goes.
 */
@Singleton
public class FolderAnalysis {

	private static final class Cache extends AdapterImpl {
		final Map<URI, Entry> byFolder = new HashMap<>();

		@Override
		public boolean isAdapterForType(Object type) {
			return type == Cache.class;
		}
	}

	private record Entry(List<Model> models, List<FolderFinding> findings) {
		boolean isFor(List<Model> current) {
			if (current.size() != models.size()) {
				return false;
			}
			for (int i = 0; i < current.size(); i++) {
				if (current.get(i) != models.get(i)) {
					return false;
				}
			}
			return true;
		}
	}

	public synchronized List<FolderFinding> findings(List<Model> models) {
		if (models.isEmpty() || models.get(0).eResource() == null) {
			return List.of();
		}
		TopologyModel topology = TopologyModel.of(models);
		List<Model> state = new ArrayList<>(topology.models());
		ResourceSet resourceSet = models.get(0).eResource().getResourceSet();
		if (resourceSet == null) {
			return FolderChecks.run(topology);
		}
		Cache cache = (Cache) EcoreUtil.getAdapter(resourceSet.eAdapters(), Cache.class);
		if (cache == null) {
			cache = new Cache();
			resourceSet.eAdapters().add(cache);
		}
		URI folder = TopologyFolder.folderOf(models.get(0).eResource().getURI());
		Entry entry = cache.byFolder.get(folder);
		if (entry == null || !entry.isFor(state)) {
			entry = new Entry(state, FolderChecks.run(topology));
			cache.byFolder.put(folder, entry);
		}
		return entry.findings();
	}
}
